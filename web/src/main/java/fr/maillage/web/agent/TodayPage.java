package fr.maillage.web.agent;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import fr.maillage.web.citizen.Format;
import fr.maillage.web.citizen.PlacePages;

/**
 * « Aujourd'hui »: the appointments of the agent's structure (booked by it or at its places) today and for the next
 * seven days, as the booking API scopes them to the agent's token; per appointment: présent / absent once it has begun,
 * « Annuler pour la personne », « Renvoyer le lien » (a new self-service link by SMS or e-mail), and the waiting lists.
 * Every action is a small form (CSRF) answered by a redirect back here with a message (post/redirect/get).
 */
@Path("/agent")
@Produces(MediaType.TEXT_HTML)
public class TodayPage {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final int DAYS = 7;
    private static final Set<String> ACTIVE = Set.of("confirmed", "waitlisted");
    private static final Set<String> MARKABLE = Set.of("confirmed", "attended", "no_show");
    private static final Map<String, String> DONE = Map.of("present", "Présence notée.", "absent", "Absence notée.",
            "annule", "Le rendez-vous est annulé. La personne est prévenue si elle a donné un portable ou un e-mail.",
            "lien-sms", "Un nouveau lien a été envoyé par SMS. L'ancien ne marche plus.",
            "lien-email", "Un nouveau lien a été envoyé par e-mail. L'ancien ne marche plus.");

    @Inject
    Api api;
    @Inject
    Desk desk;

    /** One appointment line; {@code error}: the API's refusal of the last action on it, shown next to its buttons. */
    public record Line(UUID id, String time, String end, String person, String need, String offer, String place,
            String status, boolean canMark, boolean canCancel, boolean canResend, String error) {
    }

    public record Day(String title, List<Line> lines) {
    }

    public record View(Desk.Who who, String todayTitle, List<Line> today, List<Day> week, List<Line> waiting, String info,
            String error, UUID errorId) {
    }

    @GET
    public Response page(@QueryParam("fait") String done) {
        return Response.ok(AgentTemplates.today(view(done == null ? null : DONE.get(done), null, null))).build();
    }

    @POST
    @Path("rdv/{id}/presence")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response attendance(@PathParam("id") String id, @FormParam("presence") String presence) {
        UUID booking = PlacePages.uuid(id);
        if (!"present".equals(presence) && !"absent".equals(presence)) {
            return refused(booking, 400, "Choisissez « Présent » ou « Absent ».");
        }
        try {
            api.agentCall(a -> a.attendance(booking.toString(), new Dto.Attendance("present".equals(presence))));
        } catch (ApiRefusal refusal) {
            return refused(booking, refusal.status, refusal.detail());
        }
        return BookingPages.seeOther("/agent?fait=" + presence + "#rdv-" + booking);
    }

    @POST
    @Path("rdv/{id}/annuler")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("id") String id) {
        UUID booking = PlacePages.uuid(id);
        try {
            api.agentCall(a -> a.cancel(booking.toString(), new Dto.Cancel("citizen", "Annulé à l'accueil à la demande de la personne")));
        } catch (ApiRefusal refusal) {
            return refused(booking, refusal.status, refusal.detail());
        }
        return BookingPages.seeOther("/agent?fait=annule");
    }

    @POST
    @Path("rdv/{id}/lien")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resendLink(@PathParam("id") String id) {
        UUID booking = PlacePages.uuid(id);
        Dto.LinkSent sent;
        try {
            sent = api.agentCall(a -> a.resendLink(booking.toString()));
        } catch (ApiRefusal refusal) {
            return refused(booking, refusal.status, refusal.detail());
        }
        return BookingPages.seeOther("/agent?fait=" + (sent != null && "email".equals(sent.sentTo()) ? "lien-email" : "lien-sms")
                + "#rdv-" + booking);
    }

    private Response refused(UUID booking, int status, String message) {
        return Response.status(status >= 400 && status < 500 ? status : 422).entity(AgentTemplates.today(view(null, message, booking)))
                .build();
    }

    private View view(String info, String error, UUID errorId) {
        OffsetDateTime now = OffsetDateTime.now(PARIS);
        LocalDate today = now.toLocalDate();
        OffsetDateTime from = today.atStartOfDay(PARIS).toOffsetDateTime();
        OffsetDateTime to = today.plusDays(DAYS).atStartOfDay(PARIS).toOffsetDateTime();
        List<Dto.Booking> bookings = new ArrayList<>(api.agentRead(a -> a.bookings(from.toInstant().toString(),
                to.toInstant().toString(), 0, 200)).items());
        bookings.removeIf(b -> "pending".equals(b.status()) || "expired".equals(b.status()) || b.start() == null);
        bookings.sort(Comparator.comparing(Dto.Booking::start));
        List<Line> todays = new ArrayList<>();
        Map<LocalDate, List<Line>> later = new LinkedHashMap<>();
        List<Line> waiting = new ArrayList<>();
        for (Dto.Booking b : bookings) {
            Line line = line(b, now, b.id().equals(errorId) ? error : null);
            if ("waitlisted".equals(b.status())) {
                waiting.add(line);
            }
            LocalDate day = Format.localDate(b.start()); // the place's day (issue 21)
            if (day.equals(today)) {
                todays.add(line);
            } else {
                later.computeIfAbsent(day, d -> new ArrayList<>()).add(line);
            }
        }
        List<Day> week = new ArrayList<>();
        later.forEach((day, lines) -> week.add(new Day(capitalised(Format.shortDay(day.atStartOfDay(PARIS).toOffsetDateTime())),
                lines)));
        boolean errorShown = errorId != null && bookings.stream().anyMatch(b -> b.id().equals(errorId));
        return new View(desk.who(), "Aujourd'hui, " + Format.shortDay(now), todays, week, waiting, info,
                errorShown ? null : error, errorShown ? errorId : null);
    }

    private Line line(Dto.Booking b, OffsetDateTime now, String error) {
        String status = b.status() == null ? "" : b.status();
        boolean begun = !b.start().isAfter(now);
        boolean hasContact = b.person() != null && (b.person().phone() != null || b.person().email() != null);
        String person = b.person() == null || b.person().firstName() == null ? "Données effacées" : b.person().firstName();
        String need = b.need() == null || b.need().theme() == null ? null : api.themeLabel(b.need().theme());
        return new Line(b.id(), Format.time(b.start()), Format.time(b.end()), person, need,
                b.offer() == null ? null : b.offer().title(), b.place() == null ? null : b.place().name(), Desk.status(status),
                begun && MARKABLE.contains(status), !begun && ACTIVE.contains(status), resendable(b, status, hasContact, now),
                error);
    }

    /** booking-service says whether a new link can go (selfServiceLinkResendable); from an older one, guess the same. */
    private static boolean resendable(Dto.Booking b, String status, boolean hasContact, OffsetDateTime now) {
        if (b.selfServiceLinkResendable() != null) {
            return b.selfServiceLinkResendable();
        }
        return ACTIVE.contains(status) && hasContact && !b.start().isBefore(now.minusHours(1));
    }

    public static String capitalised(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
