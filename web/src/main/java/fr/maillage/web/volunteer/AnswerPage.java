package fr.maillage.web.volunteer;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;

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

import org.eclipse.microprofile.rest.client.inject.RestClient;

import fr.maillage.web.agent.TodayPage;
import fr.maillage.web.api.Api;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.PageNotFound;
import fr.maillage.web.api.StaffingAnswerApi;
import fr.maillage.web.api.VolunteerDto;
import fr.maillage.web.citizen.BookingPages;
import fr.maillage.web.citizen.Format;
import fr.maillage.web.http.Limited;

/**
 * The page behind the link of a staffing request's SMS or e-mail, {@code /benevole/reponse/{token}}: no sign-in, the
 * token is the capability (like a citizen's {@code /rdv/{token}}: never logged, no referrer, never cached, the answers
 * counted per address in the {@code answer} bucket of {@link fr.maillage.web.http.CitizenLimits}). It shows the permanence
 * and « J'accepte » / « Je ne peux pas »; once answered, covered by someone else, cancelled or past, a plain French page
 * saying so; an unknown or expired link, a page saying the link no longer works.
 */
@Path("/benevole/reponse/{token}")
@Produces(MediaType.TEXT_HTML)
public class AnswerPage {
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{16,200}$");

    @Inject
    Api api;
    @Inject
    @RestClient
    StaffingAnswerApi answers;

    /**
     * {@code state}: pending (the buttons), accepted, declined, covered, cancelled, expired, unknown (link no longer
     * valid: no permanence shown).
     */
    public record View(String token, String state, String title, String message, String day, String hours, String offer,
            String place, String address, String error) {
        public boolean pending() {
            return "pending".equals(state);
        }
    }

    @GET
    @Limited("answer")
    public Response page(@PathParam("token") String token, @QueryParam("fait") String done) {
        if (!valid(token)) {
            return unknown();
        }
        VolunteerDto.StaffingRequest r;
        try {
            r = api.read(ignored -> answers.request(token));
        } catch (PageNotFound e) {
            return unknown();
        }
        return Response.ok(VolunteerTemplates.answer(view(token, r, null))).build();
    }

    @POST
    @Limited("answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("token") String token, @FormParam("reponse") String answer) {
        if (!valid(token)) {
            return unknown();
        }
        if (!"accept".equals(answer) && !"decline".equals(answer)) {
            VolunteerDto.StaffingRequest r = read(token);
            return r == null ? unknown()
                    : Response.status(400).entity(VolunteerTemplates.answer(view(token, r,
                            "Choisissez « J'accepte » ou « Je ne peux pas »."))).build();
        }
        try {
            api.call(ignored -> answers.answer(token, new VolunteerDto.Answer(answer)));
        } catch (ApiRefusal refusal) {
            if (refusal.status == 404) {
                return unknown();
            }
            VolunteerDto.StaffingRequest r = read(token);
            if (r == null) {
                return unknown();
            }
            // 409: answered meanwhile, or someone else took the permanence: the page says which, from the request's status
            return Response.status(refusal.status).entity(VolunteerTemplates.answer(view(token, r,
                    refusal.status == 409 ? null : refusal.detail()))).build();
        }
        return BookingPages.seeOther("/benevole/reponse/" + token + "?fait=" + answer);
    }

    private VolunteerDto.StaffingRequest read(String token) {
        try {
            return api.read(ignored -> answers.request(token));
        } catch (PageNotFound e) {
            return null;
        }
    }

    static boolean valid(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    private static Response unknown() {
        return Response.status(404).entity(VolunteerTemplates.answer(new View(null, "unknown", "Ce lien ne fonctionne plus",
                "Cette demande n'existe pas ou plus : la permanence a peut-être déjà commencé, ou le lien est incomplet. Si"
                        + " vous pensez que c'est une erreur, contactez la structure qui vous a écrit.",
                null, null, null, null, null, null))).build();
    }

    static View view(String token, VolunteerDto.StaffingRequest r, String error) {
        VolunteerDto.RequestPermanence p = r.permanence();
        String status = r.status() == null ? "" : r.status();
        boolean begun = p != null && p.start() != null && !p.start().isAfter(OffsetDateTime.now());
        if ("pending".equals(status) && begun) {
            status = "expired";
        }
        String title;
        String message;
        switch (status) {
            case "pending" -> {
                title = "Pouvez-vous assurer cette permanence ?";
                message = "La structure cherche une personne pour cette permanence. La première qui accepte la fait ; les"
                        + " autres sont prévenues.";
            }
            case "accepted" -> {
                title = "Merci, cette permanence est à vous";
                message = "C'est enregistré : vous assurez cette permanence. Vous recevrez un rappel la veille.";
            }
            case "declined" -> {
                title = "C'est noté, merci d'avoir répondu";
                message = "Vous ne ferez pas cette permanence. La structure demande à d'autres bénévoles.";
            }
            case "covered" -> {
                title = "Cette permanence est déjà assurée";
                message = "Une autre personne a accepté avant vous. Merci quand même pour votre disponibilité !";
            }
            case "cancelled" -> {
                title = "Cette demande est annulée";
                message = "La permanence n'a plus besoin de vous (elle est annulée ou a changé). Vous n'avez rien à faire.";
            }
            case "expired" -> {
                title = "Il est trop tard pour répondre";
                message = "Cette permanence a déjà commencé. Merci d'avoir ouvert le message.";
            }
            default -> {
                title = "Demande de permanence";
                message = "Cette demande n'attend plus de réponse.";
            }
        }
        return new View(token, status, title, message, p == null ? null : TodayPage.capitalised(Format.day(p.start())),
                p == null ? null : HomePage.hours(p.start(), p.end()), p == null ? null : p.offerTitle(),
                p == null ? null : p.placeName(), p == null ? null
                        : HomePage.address(p.placeStreet(), p.placePostalCode(), p.placeCommune()), error);
    }
}
