package fr.maillage.web.agent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
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
import fr.maillage.web.citizen.NearbyOffers;
import fr.maillage.web.citizen.PlacePages;
import fr.maillage.web.citizen.Problems;
import fr.maillage.web.citizen.SessionRules;

/**
 * « Prendre un rendez-vous pour quelqu'un », in at most five screens: (1) the person's commune and need, (2) the nearest
 * free sessions of every partner's offers (the citizens' search, {@link NearbyOffers}) with « Choisir » on each,
 * (3) first name, contact — mobile, e-mail, landline or none (allowed at the desk only, with the agent's token) — and
 * the commune where the person lives (optional, pre-filled with the commune searched on screen 1, carried in the slot's
 * link as {@code insee} the way the need is carried as {@code besoin}; sent as {@code person.residenceInsee} for the
 * territory's anonymous indicators), (4) the confirmation with « Imprimer la fiche », (5) the slip itself (print stylesheet).
 */
@Path("/agent")
@Produces(MediaType.TEXT_HTML)
public class DeskBookingPages {
    static final int MAX_OFFERS = 8;
    static final int SLOTS_PER_OFFER = 3;
    static final List<String> CONTACTS = List.of("portable", "email", "fixe", "aucun");

    @Inject
    Api api;
    @Inject
    Communes communes;
    @Inject
    NearbyOffers nearby;
    @Inject
    Desk desk;

    public record SlotChoice(String when, String seats, String url, boolean waitingList) {
    }

    public record OfferResult(String title, String structure, String place, String commune, String distance,
            List<SlotChoice> slots) {
    }

    public record SearchView(Desk.Who who, Form form, List<Dto.Theme> themes, String theme, List<Integer> distances,
            int distance, boolean searched, Dto.Commune commune, List<Communes.Choice> choices, List<OfferResult> results) {
    }

    public record PersonView(Desk.Who who, Dto.Slot slot, Form form, String action, String back, String structure) {
    }

    /** The confirmation and the slip: {@code reminder} says how the person is reminded, in words. */
    public record BookedView(Desk.Who who, Dto.Booking booking, String reminder, String structure, String phone,
            boolean noContact) {
    }

    // ------------------------------------------------------------------ screens 1 and 2

    @GET
    @Path("rdv")
    public Response search(@QueryParam("commune") String communeParam, @QueryParam("insee") String insee,
            @QueryParam("besoin") String themeParam, @QueryParam("distance") String distanceParam) {
        List<Dto.Theme> themes = api.themes();
        String theme = themes.stream().map(Dto.Theme::code).filter(c -> c.equals(themeParam)).findFirst().orElse("");
        int distance = NearbyOffers.distance(distanceParam);
        Form form = new Form().label("commune", "Commune de la personne").set("commune", communeParam).set("besoin", theme);
        boolean searched = (communeParam != null && !communeParam.isBlank()) || (insee != null && !insee.isBlank());
        Dto.Commune commune = null;
        List<Communes.Choice> choices = List.of();
        List<OfferResult> results = List.of();
        if (searched) {
            Communes.Resolved resolved = communes.resolve(communeParam, insee, c -> "/agent/rdv?commune=" + enc(c.nom())
                    + "&insee=" + enc(c.code()) + "&besoin=" + enc(theme) + "&distance=" + distance);
            commune = resolved.commune();
            choices = resolved.choices();
            if (resolved.notFound()) {
                form.error("commune", "Nous ne trouvons pas cette commune. Vérifiez l'orthographe, ou tapez son code postal.");
            }
            if (commune != null) {
                form.set("commune", commune.nom());
                try {
                    results = results(commune, theme, distance);
                } catch (ApiRefusal refusal) {
                    form.error("commune", refusal.detail());
                }
            }
        }
        SearchView v = new SearchView(desk.who(), form, themes, theme, NearbyOffers.distances(), distance, searched, commune,
                choices, results);
        return Response.ok(AgentTemplates.search(v)).build();
    }

    private List<OfferResult> results(Dto.Commune commune, String theme, int distance) {
        OffsetDateTime now = OffsetDateTime.now();
        String from = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<OfferResult> results = new ArrayList<>();
        for (Dto.OfferHit o : nearby.near(commune.code(), theme.isEmpty() ? null : theme, distance)) {
            if (!NearbyOffers.bookable(o)) {
                continue;
            }
            List<SlotChoice> slots = new ArrayList<>();
            for (Dto.Slot s : api.read(a -> a.slots(o.id().toString(), from, true, 10)).items()) {
                if (slots.size() == SLOTS_PER_OFFER) {
                    break;
                }
                if (!SessionRules.bookable(s, SessionRules.AGENT, now)) {
                    continue;
                }
                boolean waiting = s.remaining() <= 0;
                slots.add(new SlotChoice(Format.when(s.start()), Format.seats(s.remaining()),
                        "/agent/rdv/creneau/" + s.id() + "?" + (theme.isEmpty() ? "" : "besoin=" + enc(theme) + "&")
                                + "insee=" + enc(commune.code()),
                        waiting));
            }
            if (slots.isEmpty()) {
                continue;
            }
            String structure = api.partnerName(api.partnerOfOffer(o.id()));
            results.add(new OfferResult(o.title(), structure, o.place() == null ? null : o.place().name(),
                    o.place() == null ? null : o.place().commune(), Format.km(o.distanceKm()), slots));
            if (results.size() == MAX_OFFERS) {
                break;
            }
        }
        return results;
    }

    // ------------------------------------------------------------------ screen 3

    @GET
    @Path("rdv/creneau/{slotId}")
    public Response personForm(@PathParam("slotId") String slotId, @QueryParam("besoin") String theme,
            @QueryParam("insee") String insee) {
        Dto.Slot slot = slot(slotId);
        // the commune searched on screen 1, as « Corbie (80800) »: what Communes.find reads back as that one commune
        Dto.Commune searched = insee == null || insee.isBlank() ? null : communes.byCode(insee);
        Form form = labelled(new Form()).set("besoin", theme).set("contact", "portable").set("cle", Desk.formKey(null))
                .set("commune", searched == null ? "" : searched.label());
        return Response.ok(AgentTemplates.person(personView(slot, form))).build();
    }

    @POST
    @Path("rdv/creneau/{slotId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response book(@PathParam("slotId") String slotId, @FormParam("besoin") String theme,
            @FormParam("prenom") String firstName, @FormParam("contact") String contact, @FormParam("portable") String mobile,
            @FormParam("email") String email, @FormParam("fixe") String landline, @FormParam("accord") String consent,
            @FormParam("commune") String residence, @FormParam("cle") String key) {
        Dto.Slot slot = slot(slotId);
        Form form = labelled(new Form()).set("besoin", trim(theme)).set("prenom", trim(firstName)).set("contact", trim(contact))
                .set("portable", trim(mobile)).set("email", trim(email)).set("fixe", trim(landline)).set("accord", consent)
                .set("commune", trim(residence)).set("cle", Desk.formKey(key));
        String kind = form.value("contact");
        if (form.value("prenom").isEmpty()) {
            form.error("prenom", "Indiquez le prénom de la personne.");
        } else if (form.value("prenom").length() > 100) {
            form.error("prenom", "Ce prénom est trop long (100 caractères au plus).");
        }
        if (!CONTACTS.contains(kind)) {
            form.error("contact", "Choisissez comment prévenir la personne.");
        } else if (!kind.equals("aucun") && form.value(kind).isEmpty()) {
            form.error(kind, switch (kind) {
                case "portable" -> "Indiquez le numéro de portable, ou choisissez une autre façon de prévenir la personne.";
                case "email" -> "Indiquez l'adresse e-mail, ou choisissez une autre façon de prévenir la personne.";
                default -> "Indiquez le numéro de téléphone fixe, ou choisissez une autre façon de prévenir la personne.";
            });
        } else if (!kind.equals("aucun") && form.value(kind).length() > (kind.equals("email") ? 254 : 40)) {
            form.error(kind, "C'est trop long.");
        }
        if (!kind.equals("aucun") && !form.checked("accord")) {
            form.error("accord", "Cochez la case quand la personne a accepté d'être prévenue.");
        }
        String residenceInsee = residence(form);
        if (form.hasErrors()) {
            return Response.status(422).entity(AgentTemplates.person(personView(slot, form))).build();
        }
        String phone = kind.equals("portable") ? form.value("portable") : kind.equals("fixe") ? form.value("fixe") : null;
        String mail = kind.equals("email") ? form.value("email") : null;
        String need = !form.value("besoin").isEmpty() ? form.value("besoin")
                : slot.offer() != null && slot.offer().themes() != null && !slot.offer().themes().isEmpty()
                        ? slot.offer().themes().get(0)
                        : "aide_demarches";
        Dto.DeskBooking request = new Dto.DeskBooking(slot.id(),
                new Dto.NewPerson(form.value("prenom"), phone, mail, phone != null, mail != null, residenceInsee),
                new Dto.NewNeed(need, null));
        Dto.Booking booking;
        try {
            booking = api.agentCall(a -> a.book(form.value("cle"), request));
        } catch (ApiRefusal refusal) {
            String phoneField = kind.equals("fixe") ? "fixe" : "portable";
            Problems.onto(form, refusal, Map.of("person.firstName", "prenom", "person.phone", phoneField, "person.email",
                    "email", "person", kind.equals("aucun") ? "contact" : kind.equals("email") ? "email" : phoneField,
                    "need.theme", "besoin", "person.residenceInsee", "commune"));
            return Response.status(refusal.status).entity(AgentTemplates.person(personView(slot, form))).build();
        }
        return BookingPages.seeOther("/agent/rdv/" + booking.id());
    }

    // ------------------------------------------------------------------ screens 4 and 5

    @GET
    @Path("rdv/{id: [0-9a-fA-F-]{36}}")
    public Response booked(@PathParam("id") String id) {
        return Response.ok(AgentTemplates.booked(bookedView(id))).build();
    }

    @GET
    @Path("rdv/{id: [0-9a-fA-F-]{36}}/fiche")
    public Response slip(@PathParam("id") String id) {
        return Response.ok(AgentTemplates.slip(bookedView(id))).build();
    }

    private BookedView bookedView(String id) {
        UUID bookingId = PlacePages.uuid(id);
        Dto.Booking b = api.agentRead(a -> a.booking(bookingId.toString()));
        Dto.Slot slot = api.orNull(() -> api.read(a -> a.slot(b.slotId().toString())));
        String structure = slot == null ? null : api.partnerName(slot.partnerId());
        String phone = b.place() != null && b.place().phone() != null ? b.place().phone()
                : slot != null && slot.place() != null ? slot.place().phone() : null;
        String channel = b.reminderChannel();
        if (channel == null) {
            channel = b.person() == null ? "none" : b.person().email() != null ? "email" : b.person().phone() != null ? "sms" : "none";
        }
        return new BookedView(desk.who(), b, Desk.channel(channel), structure, phone, "none".equals(channel));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The commune where the person lives, read as the citizens' booking form reads it ({@link Communes#find}): its INSEE
     * code, or null when the field is empty; unknown or ambiguous → an error on the field, nothing sent.
     */
    private String residence(Form form) {
        if (form.value("commune").isEmpty()) {
            return null;
        }
        if (form.value("commune").length() > 100) {
            form.error("commune", "C'est trop long (100 caractères au plus).");
            return null;
        }
        Communes.Match match = communes.find(form.value("commune"));
        if (match.found()) {
            return match.commune().code();
        }
        form.error("commune", match.ambiguous()
                ? "Plusieurs communes portent ce nom : ajoutez le code postal, par exemple « " + match.communes().get(0).label() + " »."
                : "Nous ne trouvons pas cette commune. Vérifiez l'orthographe, tapez son code postal, ou laissez ce champ vide.");
        return null;
    }

    private PersonView personView(Dto.Slot slot, Form form) {
        return new PersonView(desk.who(), slot, form, "/agent/rdv/creneau/" + slot.id(), "/agent/rdv",
                api.partnerName(slot.partnerId()));
    }

    private Dto.Slot slot(String slotId) {
        UUID id = PlacePages.uuid(slotId);
        return api.read(a -> a.slot(id.toString()));
    }

    private static Form labelled(Form f) {
        return f.label("prenom", "Prénom").label("contact", "Comment prévenir la personne").label("portable", "Téléphone portable")
                .label("email", "E-mail").label("fixe", "Téléphone fixe").label("accord", "Accord de la personne")
                .label("besoin", "Besoin").label("commune", "Commune où la personne habite");
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
