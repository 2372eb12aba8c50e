package fr.maillage.web.volunteer;

import java.time.OffsetDateTime;
import java.util.Comparator;
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

import fr.maillage.web.agent.TodayPage;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.VolunteerDto;
import fr.maillage.web.citizen.BookingPages;
import fr.maillage.web.citizen.Format;
import fr.maillage.web.citizen.PlacePages;

/**
 * « Mes permanences » (/benevole): the requests waiting for the volunteer's answer (« J'accepte » / « Je ne peux pas »)
 * and the volunteer's coming shifts, with a link to the calendar page. Answers are small forms (CSRF) followed by a
 * redirect back here with a message (post/redirect/get); sign-out goes through the desk's OIDC logout path.
 */
@Path("/benevole")
@Produces(MediaType.TEXT_HTML)
public class HomePage {
    static final Map<String, String> DONE = Map.of("accept", "Merci ! Cette permanence est maintenant la vôtre : elle apparaît"
            + " dans « Mes prochaines permanences ».", "decline", "C'est noté : vous ne ferez pas cette permanence. Merci d'avoir"
            + " répondu.");

    @Inject
    Volunteer volunteer;

    /** One line: a request to answer or a shift; {@code address}: street, postal code and commune when known. */
    public record Line(UUID id, String day, String hours, String offer, String place, String address, String note) {
    }

    public record View(String name, List<Line> requests, List<Line> shifts, String info, String error) {
    }

    @GET
    public Response page(@QueryParam("fait") String done) {
        return Response.ok(VolunteerTemplates.home(view(done == null ? null : DONE.get(done), null))).build();
    }

    @POST
    @Path("demandes/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("id") String id, @FormParam("reponse") String answer) {
        UUID request = PlacePages.uuid(id);
        volunteer.person();
        if (!"accept".equals(answer) && !"decline".equals(answer)) {
            return Response.status(400).entity(VolunteerTemplates.home(view(null,
                    "Choisissez « J'accepte » ou « Je ne peux pas »."))).build();
        }
        try {
            volunteer.call(a -> a.answer(request.toString(), new VolunteerDto.Answer(answer)));
        } catch (ApiRefusal refusal) {
            String message = refusal.status == 409
                    ? "Cette demande n'attend plus de réponse : la permanence est déjà assurée ou vous avez déjà répondu. "
                            + refusal.detail()
                    : refusal.detail();
            return Response.status(refusal.status).entity(VolunteerTemplates.home(view(null, message))).build();
        }
        return BookingPages.seeOther("/benevole?fait=" + answer);
    }

    /** The desk's sign-out (one OIDC logout path for the whole site: /agent/deconnexion), then the public home page. */
    @GET
    @Path("deconnexion")
    public Response signOut() {
        return BookingPages.seeOther("/agent/deconnexion");
    }

    private View view(String info, String error) {
        UUID person = volunteer.person(); // no directory person: the 403 page, before any call
        OffsetDateTime now = OffsetDateTime.now();
        String from = now.toInstant().toString();
        // a request still pending once its permanence has begun can no longer be answered: not shown
        // only mine, even for an account that is also an agent (booking then scopes the list to the organisation)
        List<Line> requests = volunteer.read(a -> a.requests("pending", person.toString(), 0, 50)).items().stream()
                .filter(r -> person.equals(r.personId()))
                .filter(r -> r.permanence() != null && r.permanence().start() != null && r.permanence().start().isAfter(now))
                .sorted(Comparator.comparing(r -> r.permanence().start()))
                .map(r -> {
                    VolunteerDto.RequestPermanence p = r.permanence();
                    return new Line(r.id(), TodayPage.capitalised(Format.day(p.start())), hours(p.start(), p.end()), p.offerTitle(),
                            p.placeName(), address(p.placeStreet(), p.placePostalCode(), p.placeCommune()), null);
                }).toList();
        List<Line> shifts = volunteer.read(a -> a.shifts(person.toString(), from, 0, 100)).items().stream()
                .filter(s -> s.start() != null && !"cancelled".equals(s.status()))
                .sorted(Comparator.comparing(VolunteerDto.Shift::start))
                .map(s -> new Line(s.id(), TodayPage.capitalised(Format.day(s.start())), hours(s.start(), s.end()), s.offerTitle(),
                        s.placeName(), address(s.placeStreet(), s.placePostalCode(), s.placeCommune()), null))
                .toList();
        return new View(volunteer.name(), requests, shifts, info, error);
    }

    /** « de 9 h à 11 h 30 » */
    static String hours(OffsetDateTime start, OffsetDateTime end) {
        return end == null ? "à " + Format.time(start) : "de " + Format.time(start) + " à " + Format.time(end);
    }

    static String address(String street, String postalCode, String commune) {
        String a = Format.address(street, null, postalCode, commune);
        return a == null || a.isBlank() ? null : a;
    }

}
