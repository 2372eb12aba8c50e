package fr.maillage.web.agent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import fr.maillage.web.api.StaffDto;
import fr.maillage.web.citizen.BookingPages;
import fr.maillage.web.citizen.Form;
import fr.maillage.web.citizen.Format;
import fr.maillage.web.citizen.PlacePages;
import fr.maillage.web.citizen.Problems;

/**
 * « Absences et fermetures » (issue 19): declare a person's absence (people of the agent's structure) or a place's closure
 * for some days, see first what it does (booking-service's preview: the sessions closed, each booking moved to the next
 * equivalent slot or cancelled with a link to book again, the shifts removed), confirm, see what was done; the list of
 * declarations with « Retirer ». The preview changes nothing; « Confirmer » carries a hidden key drawn when the preview is
 * shown, sent as {@code Idempotency-Key}: a double click declares once. What was done is shown once, in the answer to
 * « Confirmer » (booking-service does not keep it); the declaration's own page shows its dates, reason and status.
 */
@Path("/agent/absences")
@Produces(MediaType.TEXT_HTML)
public class AbsencePages {
    static final int LIST_SIZE = 50;
    static final Map<String, String> FIELDS = Map.of("personId", "personne", "placeId", "lieu", "from", "du", "to", "au",
            "reason", "motif", "kind", "type");
    static final Map<String, String> STATUS = Map.of("active", "En vigueur", "withdrawn", "Retirée");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.FRANCE);

    @Inject
    Api api;
    @Inject
    Desk desk;
    @Inject
    Staffing staffing;

    public record Item(UUID id, String what, String dates, String reason, String status, boolean withdrawable, String error) {
    }

    public record ListView(Desk.Who who, List<Item> items, String info, String error) {
    }

    public record FormView(Desk.Who who, Form form, List<StaffDto.Person> people, List<Staffing.PlaceChoice> places) {
    }

    public record SessionLine(String when, String offer, String place, String bookings) {
    }

    public record BookingLine(String person, String when, boolean moved, String outcome) {
    }

    public record ShiftLine(String person, String when) {
    }

    /** What an absence does (preview) or did (result), as sentences. */
    public record EffectsView(String summary, List<SessionLine> sessions, List<BookingLine> bookings, List<ShiftLine> shifts) {
        public boolean none() {
            return sessions.isEmpty() && bookings.isEmpty() && shifts.isEmpty();
        }
    }

    /** {@code edit}: the link « Modifier », back to the form filled with the same values. */
    public record PreviewView(Desk.Who who, Form form, String what, String dates, EffectsView effects, String edit) {
    }

    public record ResultView(Desk.Who who, UUID id, boolean justDeclared, boolean closure, String what, String dates,
            String reason, String status, boolean withdrawable, EffectsView effects) {
    }

    @GET
    public Response list(@QueryParam("fait") String done) {
        String info = "retiree".equals(done)
                ? "La déclaration est retirée : les créneaux fermés à venir sont rouverts. Les rendez-vous déplacés ou annulés le restent."
                : null;
        return Response.ok(AgentTemplates.absences(listView(info, null, null))).build();
    }

    @GET
    @Path("nouvelle")
    public Response form(@QueryParam("type") String type, @QueryParam("personne") String person, @QueryParam("lieu") String place,
            @QueryParam("du") String from, @QueryParam("au") String to, @QueryParam("motif") String reason) {
        Form form = labelled(new Form()).set("type", "lieu".equals(type) || "personne".equals(type) ? type : "")
                .set("personne", trim(person)).set("lieu", trim(place)).set("du", trim(from)).set("au", trim(to))
                .set("motif", trim(reason));
        return Response.ok(AgentTemplates.absence(formView(form))).build();
    }

    @POST
    @Path("apercu")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response preview(@FormParam("type") String type, @FormParam("personne") String person, @FormParam("lieu") String place,
            @FormParam("du") String from, @FormParam("au") String to, @FormParam("motif") String reason) {
        Form form = form(type, person, place, from, to, reason, null);
        StaffDto.NewAbsence absence = validated(form);
        if (absence == null) {
            return Response.status(422).entity(AgentTemplates.absence(formView(form))).build();
        }
        StaffDto.Effects effects;
        try {
            effects = api.agentCall(a -> a.previewAbsence(absence));
        } catch (ApiRefusal refusal) {
            Problems.onto(form, refusal, FIELDS);
            return Response.status(refusal.status).entity(AgentTemplates.absence(formView(form))).build();
        }
        // a new key for each preview: a changed declaration is never taken for the replay of an earlier one
        form.set("cle", Desk.formKey(null));
        return Response.ok(AgentTemplates.absencePreview(new PreviewView(desk.who(), form, what(absence.personId(),
                absence.placeId()), dates(absence.from(), absence.to()), effects(effects, false), editLink(form)))).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response declare(@FormParam("type") String type, @FormParam("personne") String person, @FormParam("lieu") String place,
            @FormParam("du") String from, @FormParam("au") String to, @FormParam("motif") String reason,
            @FormParam("cle") String key) {
        Form form = form(type, person, place, from, to, reason, Desk.formKey(key));
        StaffDto.NewAbsence absence = validated(form);
        if (absence == null) {
            return Response.status(422).entity(AgentTemplates.absence(formView(form))).build();
        }
        StaffDto.Absence declared;
        try {
            declared = api.agentCall(a -> a.declareAbsence(form.value("cle"), absence));
        } catch (ApiRefusal refusal) {
            Problems.onto(form, refusal, FIELDS);
            return Response.status(refusal.status).entity(AgentTemplates.absence(formView(form))).build();
        }
        // Answered here rather than redirected: booking-service gives what was done (effects) only in this answer. A reload
        // posts the same key again and gets the same answer (replayed), so nothing is declared twice.
        return Response.ok(AgentTemplates.absenceResult(result(declared, true))).build();
    }

    @GET
    @Path("{id}")
    public Response result(@PathParam("id") String id) {
        UUID absenceId = PlacePages.uuid(id);
        StaffDto.Absence a = api.agentRead(c -> c.absence(absenceId.toString()));
        return Response.ok(AgentTemplates.absenceResult(result(a, false))).build();
    }

    private ResultView result(StaffDto.Absence a, boolean justDeclared) {
        return new ResultView(desk.who(), a.id(), justDeclared, a.placeId() != null, what(a.personId(), a.placeId()),
                dates(a.from(), a.to()), a.reason(), STATUS.getOrDefault(a.status(), a.status()), withdrawable(a),
                a.effects() == null ? null : effects(a.effects(), true));
    }

    @POST
    @Path("{id}/retirer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw(@PathParam("id") String id) {
        UUID absenceId = PlacePages.uuid(id);
        try {
            api.agentCall(a -> {
                a.withdrawAbsence(absenceId.toString());
                return null;
            });
        } catch (ApiRefusal refusal) {
            return Response.status(refusal.status).entity(AgentTemplates.absences(listView(null, refusal.detail(), absenceId)))
                    .build();
        }
        return BookingPages.seeOther("/agent/absences?fait=retiree");
    }

    // ------------------------------------------------------------------ the form

    private static Form form(String type, String person, String place, String from, String to, String reason, String key) {
        Form form = labelled(new Form()).set("type", trim(type)).set("personne", trim(person)).set("lieu", trim(place))
                .set("du", trim(from)).set("au", trim(to)).set("motif", trim(reason));
        if (key != null) {
            form.set("cle", key);
        }
        return form;
    }

    /** The declaration the form describes, or null with the errors on the form. */
    static StaffDto.NewAbsence validated(Form form) {
        String type = form.value("type");
        UUID personId = null;
        UUID placeId = null;
        if (!type.equals("personne") && !type.equals("lieu")) {
            form.error("type", "Choisissez : l'absence d'une personne ou la fermeture d'un lieu.");
        } else if (type.equals("personne")) {
            personId = PermanencePages.uuidOrNull(form.value("personne"));
            if (personId == null) {
                form.error("personne", "Choisissez la personne absente.");
            }
        } else {
            placeId = PermanencePages.uuidOrNull(form.value("lieu"));
            if (placeId == null) {
                form.error("lieu", "Choisissez le lieu fermé.");
            }
        }
        LocalDate from = date(form, "du", "le premier jour");
        // an empty last day: one day (the first)
        if (form.value("au").isEmpty() && from != null) {
            form.set("au", form.value("du"));
        }
        LocalDate to = form.value("au").isEmpty() ? null : date(form, "au", "le dernier jour");
        if (from != null && to != null) {
            String wrong = AbsenceRules.datesError(from, to, LocalDate.now(TodayPage.PARIS));
            if (wrong != null) {
                form.error("au", wrong);
            }
        }
        String reason = form.value("motif");
        String wrongReason = AbsenceRules.reasonError(reason);
        if (wrongReason != null) {
            form.error("motif", wrongReason);
        }
        if (form.hasErrors()) {
            return null;
        }
        return new StaffDto.NewAbsence(personId, placeId, from, to, reason.isEmpty() ? null : reason);
    }

    /** A day typed as the date field sends it (2027-03-01) or as people write it (1/3/2027, 01/03/2027). */
    private static LocalDate date(Form form, String field, String what) {
        String s = form.value(field);
        if (s.isEmpty()) {
            form.error(field, "Indiquez " + what + ".");
            return null;
        }
        LocalDate d = AbsenceRules.date(s);
        if (d == null) {
            form.error(field, "Cette date n'est pas reconnue. Écrivez-la comme ceci : 01/03/2027.");
        }
        return d;
    }

    private static Form labelled(Form f) {
        return f.label("type", "Que déclarez-vous ?").label("personne", "Personne absente").label("lieu", "Lieu fermé")
                .label("du", "Premier jour").label("au", "Dernier jour").label("motif", "Motif");
    }

    private FormView formView(Form form) {
        List<StaffDto.Permanence> seen = api.orNull(() -> api.agentRead(a -> a.permanences(null, 0, 100)).items());
        return new FormView(desk.who(), form, staffing.people(), staffing.places(seen == null ? List.of() : seen));
    }

    // ------------------------------------------------------------------ what the pages say

    private ListView listView(String info, String error, UUID errorId) {
        String today = LocalDate.now(TodayPage.PARIS).toString();
        Dto.Page<StaffDto.Absence> found = api.agentRead(a -> a.absences(today, 0, LIST_SIZE));
        List<Item> items = new ArrayList<>();
        boolean shown = false;
        for (StaffDto.Absence a : found.items()) {
            boolean here = a.id().equals(errorId);
            shown |= here;
            items.add(new Item(a.id(), what(a.personId(), a.placeId()), dates(a.from(), a.to()), a.reason(),
                    STATUS.getOrDefault(a.status(), a.status()), withdrawable(a), here ? error : null));
        }
        return new ListView(desk.who(), items, info, shown ? null : error);
    }

    private static boolean withdrawable(StaffDto.Absence a) {
        return !"withdrawn".equals(a.status()) && (a.to() == null || !a.to().isBefore(LocalDate.now(TodayPage.PARIS)));
    }

    /** « Absence de Claude Martin » or « Fermeture : Pôle socioculturel, Romagné ». */
    String what(UUID personId, UUID placeId) {
        if (personId != null) {
            return "Absence de " + staffing.name(personId);
        }
        Dto.Place p = api.cachedPlace(placeId);
        return "Fermeture : " + (p == null ? "lieu inconnu" : p.name() + (p.address() == null || p.address().commune() == null
                ? "" : ", " + p.address().commune()));
    }

    /** « le lundi 1 mars 2027 » or « du lundi 1 mars 2027 au mercredi 3 mars 2027 ». */
    static String dates(LocalDate from, LocalDate to) {
        if (from == null) {
            return "";
        }
        if (to == null || to.equals(from)) {
            return "le " + DAY.format(from);
        }
        return "du " + DAY.format(from) + " au " + DAY.format(to);
    }

    EffectsView effects(StaffDto.Effects e, boolean done) {
        List<SessionLine> sessions = new ArrayList<>();
        for (StaffDto.AffectedSession s : e.sessions()) {
            String bookings = s.bookings() == 0 ? "aucun rendez-vous"
                    : s.bookings() == 1 ? "1 rendez-vous" : s.bookings() + " rendez-vous";
            sessions.add(new SessionLine(Staffing.when(s.start(), s.end()), s.offerTitle(), s.placeName(), bookings));
        }
        List<BookingLine> bookings = new ArrayList<>();
        int moved = 0;
        for (StaffDto.AffectedBooking b : e.bookings()) {
            boolean isMoved = "moved".equals(b.outcome()) && b.movedTo() != null;
            moved += isMoved ? 1 : 0;
            String outcome = isMoved ? (done ? "Déplacé au " : "Sera déplacé au ") + Format.when(b.movedTo().start())
                    : (done ? "Annulé" : "Sera annulé") + ". La personne est prévenue, avec un lien pour reprendre rendez-vous.";
            bookings.add(new BookingLine(b.firstName() == null ? "Données effacées" : b.firstName(), Format.when(b.start()), isMoved,
                    outcome));
        }
        List<ShiftLine> shifts = new ArrayList<>();
        for (StaffDto.AffectedShift s : e.shifts()) {
            shifts.add(new ShiftLine(staffing.name(s.personId()), Staffing.when(s.start(), s.end())));
        }
        int cancelled = bookings.size() - moved;
        String summary = count(sessions.size(), "aucun créneau fermé", "créneau fermé", "créneaux fermés") + ", "
                + count(moved, "aucun rendez-vous déplacé", "rendez-vous déplacé", "rendez-vous déplacés") + ", "
                + count(cancelled, "aucun rendez-vous annulé", "rendez-vous annulé", "rendez-vous annulés") + ", "
                + count(shifts.size(), "personne n'est retirée d'une permanence", "personne retirée d'une permanence",
                        "personnes retirées de permanences") + ".";
        return new EffectsView(TodayPage.capitalised(summary), sessions, bookings, shifts);
    }

    private static String count(int n, String none, String one, String many) {
        return n == 0 ? none : n == 1 ? "1 " + one : n + " " + many;
    }

    /** The link « Modifier » of the preview: back to the form, filled. */
    static String editLink(Form f) {
        return "/agent/absences/nouvelle?type=" + enc(f.value("type")) + "&personne=" + enc(f.value("personne")) + "&lieu="
                + enc(f.value("lieu")) + "&du=" + enc(f.value("du")) + "&au=" + enc(f.value("au")) + "&motif="
                + enc(f.value("motif"));
    }

    private static String enc(String s) {
        // %20, not +: JAX-RS reads a query's + as a plus sign
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
