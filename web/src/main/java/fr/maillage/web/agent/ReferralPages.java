package fr.maillage.web.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.Dto;
import fr.maillage.web.citizen.BookingPages;
import fr.maillage.web.citizen.Communes;
import fr.maillage.web.citizen.Form;
import fr.maillage.web.citizen.Format;
import fr.maillage.web.citizen.PlacePages;
import fr.maillage.web.citizen.Problems;

/**
 * Orientations with a closed loop (booking-service's referrals): « Orienter une personne » vers une structure (person
 * minimal, need, target structure, short note, optionally the appointment already taken), the orientations my structure
 * sent with what became of them, and those it received with the outcome buttons (reçue, venue, absente, réorientée, plus
 * besoin) — the outcome goes back to the sender's list.
 */
@Path("/agent/orientations")
@Produces(MediaType.TEXT_HTML)
public class ReferralPages {
    static final int LIST_SIZE = 50;
    static final Map<String, String> FIELDS = Map.of("person.firstName", "prenom", "person.lastName", "nom", "person.phone",
            "telephone", "person.email", "email", "person.residenceInsee", "commune", "need", "besoin", "targetPartnerId",
            "structure", "note", "note", "bookingId", "rdv", "targetOfferId", "structure");

    @Inject
    Api api;
    @Inject
    Desk desk;
    @Inject
    Communes communes;

    public record Outcome(String value, String label) {
    }

    public record Item(UUID id, String date, String person, String contact, String need, String from, String to,
            String status, String note, List<String> history, String error) {
    }

    public record ListView(Desk.Who who, List<Item> sent, List<Item> received, List<Outcome> outcomes, String info,
            String error) {
    }

    public record FormView(Desk.Who who, Form form, List<Dto.Theme> themes, List<Dto.Partner> partners) {
    }

    @GET
    public Response list(@QueryParam("fait") String done) {
        String info = "envoyee".equals(done) ? "L'orientation est envoyée à la structure. Sa suite s'affichera ici."
                : "suite".equals(done) ? "La suite est enregistrée. La structure qui a orienté la personne la voit." : null;
        return Response.ok(AgentTemplates.referrals(listView(info, null, null))).build();
    }

    @GET
    @Path("nouvelle")
    public Response form(@QueryParam("rdv") String bookingId) {
        Form form = labelled(new Form()).set("cle", Desk.formKey(null));
        if (bookingId != null && !bookingId.isBlank()) {
            UUID id = PlacePages.uuid(bookingId);
            Dto.Booking b = api.agentRead(a -> a.booking(id.toString()));
            form.set("rdv", id.toString());
            if (b.person() != null) {
                form.set("prenom", b.person().firstName());
            }
            if (b.need() != null) {
                form.set("besoin", b.need().theme());
            }
        }
        return Response.ok(AgentTemplates.refer(formView(form))).build();
    }

    @POST
    @Path("nouvelle")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response refer(@FormParam("prenom") String firstName, @FormParam("nom") String lastName,
            @FormParam("telephone") String phone, @FormParam("email") String email, @FormParam("commune") String commune,
            @FormParam("besoin") String need, @FormParam("structure") String target, @FormParam("note") String note,
            @FormParam("rdv") String bookingId, @FormParam("cle") String key) {
        Form form = labelled(new Form()).set("prenom", trim(firstName)).set("nom", trim(lastName)).set("telephone", trim(phone))
                .set("email", trim(email)).set("commune", trim(commune)).set("besoin", trim(need)).set("structure", trim(target))
                .set("note", trim(note)).set("rdv", trim(bookingId)).set("cle", Desk.formKey(key));
        if (form.value("prenom").isEmpty()) {
            form.error("prenom", "Indiquez le prénom de la personne.");
        }
        if (form.value("prenom").length() > 100 || form.value("nom").length() > 100) {
            form.error(form.value("prenom").length() > 100 ? "prenom" : "nom", "C'est trop long (100 caractères au plus).");
        }
        if (form.value("besoin").isEmpty()) {
            form.error("besoin", "Choisissez le besoin de la personne.");
        }
        UUID targetId = uuidOrNull(form.value("structure"));
        if (targetId == null) {
            form.error("structure", "Choisissez la structure vers laquelle vous orientez la personne.");
        }
        if (form.value("note").length() > 500) {
            form.error("note", "La note est trop longue : 500 caractères au plus (elle en a " + form.value("note").length() + ").");
        }
        if (form.value("telephone").length() > 40) {
            form.error("telephone", "Ce numéro est trop long.");
        }
        if (form.value("email").length() > 254) {
            form.error("email", "Cette adresse e-mail est trop longue.");
        }
        String residence = null;
        if (!form.value("commune").isEmpty()) {
            Communes.Match match = communes.find(form.value("commune"));
            if (match.found()) {
                residence = match.commune().code();
            } else {
                form.error("commune", match.ambiguous()
                        ? "Plusieurs communes portent ce nom : ajoutez le code postal, par exemple « " + match.communes().get(0).label() + " »."
                        : "Nous ne trouvons pas cette commune. Vérifiez l'orthographe, tapez son code postal, ou laissez ce champ vide.");
            }
        }
        if (form.hasErrors()) {
            return Response.status(422).entity(AgentTemplates.refer(formView(form))).build();
        }
        Dto.NewReferral request = new Dto.NewReferral(new Dto.ReferralPerson(form.value("prenom"), blankToNull(form.value("nom")),
                blankToNull(form.value("telephone")), blankToNull(form.value("email")), residence), form.value("besoin"), targetId,
                null, uuidOrNull(form.value("rdv")), blankToNull(form.value("note")));
        try {
            api.agentCall(a -> a.refer(form.value("cle"), request));
        } catch (ApiRefusal refusal) {
            Problems.onto(form, refusal, FIELDS);
            return Response.status(refusal.status).entity(AgentTemplates.refer(formView(form))).build();
        }
        return BookingPages.seeOther("/agent/orientations?fait=envoyee");
    }

    @POST
    @Path("{id}/suite")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response outcome(@PathParam("id") String id, @FormParam("suite") String outcome, @FormParam("note") String note) {
        UUID referral = PlacePages.uuid(id);
        String n = trim(note);
        if (!Desk.OUTCOMES.contains(outcome)) {
            return Response.status(400).entity(AgentTemplates.referrals(listView(null, "Choisissez une suite : reçue, venue, "
                    + "absente, réorientée ou plus besoin.", referral))).build();
        }
        if (n.length() > 500) {
            return Response.status(422).entity(AgentTemplates.referrals(listView(null, "La note est trop longue : 500 caractères"
                    + " au plus.", referral))).build();
        }
        try {
            api.agentCall(a -> a.outcome(referral.toString(), new Dto.Outcome(outcome, n.isEmpty() ? null : n)));
        } catch (ApiRefusal refusal) {
            return Response.status(refusal.status).entity(AgentTemplates.referrals(listView(null, refusal.detail(), referral)))
                    .build();
        }
        return BookingPages.seeOther("/agent/orientations?fait=suite#recues");
    }

    private ListView listView(String info, String error, UUID errorId) {
        List<Item> sent = items(api.agentRead(a -> a.referrals("outgoing", 0, LIST_SIZE)).items(), true, error, errorId);
        List<Item> received = items(api.agentRead(a -> a.referrals("incoming", 0, LIST_SIZE)).items(), false, error, errorId);
        boolean shown = errorId != null && received.stream().anyMatch(i -> i.id().equals(errorId));
        List<Outcome> outcomes = Desk.OUTCOMES.stream().map(o -> new Outcome(o, Desk.OUTCOME_BUTTON.get(o))).toList();
        return new ListView(desk.who(), sent, received, outcomes, info, shown ? null : error);
    }

    private List<Item> items(List<Dto.Referral> referrals, boolean outgoing, String error, UUID errorId) {
        List<Item> items = new ArrayList<>();
        for (Dto.Referral r : referrals) {
            Dto.ReferralPerson p = r.person();
            String person = p == null || p.firstName() == null ? "Données effacées"
                    : p.firstName() + (p.lastName() == null ? "" : " " + p.lastName());
            String contact = p == null ? null : join(p.phone() == null ? null : Format.phoneText(p.phone()), p.email());
            List<String> history = new ArrayList<>();
            for (Dto.ReferralOutcome o : r.outcomes()) {
                history.add(Format.when(o.at()) + " : " + Desk.OUTCOME_BUTTON.getOrDefault(o.outcome(), o.outcome())
                        + (o.note() == null || o.note().isBlank() ? "" : " — « " + o.note() + " »"));
            }
            items.add(new Item(r.id(), Format.when(r.createdAt()), person, contact, api.themeLabel(r.need()),
                    api.partnerName(r.fromPartnerId()), api.partnerName(r.targetPartnerId()),
                    Desk.REFERRAL_STATUS.getOrDefault(r.status(), r.status()), r.note(), history,
                    !outgoing && r.id().equals(errorId) ? error : null));
        }
        return items;
    }

    private FormView formView(Form form) {
        return new FormView(desk.who(), form, api.themes(), api.partners());
    }

    private static Form labelled(Form f) {
        return f.label("prenom", "Prénom").label("nom", "Nom").label("telephone", "Téléphone").label("email", "E-mail")
                .label("commune", "Commune où habite la personne").label("besoin", "Besoin")
                .label("structure", "Structure vers laquelle vous orientez").label("note", "Note pour la structure")
                .label("rdv", "Rendez-vous");
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + ", " + b;
    }

    private static UUID uuidOrNull(String s) {
        try {
            return s == null || s.isBlank() ? null : UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
