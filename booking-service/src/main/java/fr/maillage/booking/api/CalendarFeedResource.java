package fr.maillage.booking.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.booking.service.CalendarLinks;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.RateLimited;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/** The feed behind a secret calendar address: no sign-in, the address is the credential (issue 19). */
@Path("/api/v1/calendars")
@Tag(name = "Staff")
public class CalendarFeedResource {
    private final CalendarLinks links;

    CalendarFeedResource(CalendarLinks links) {
        this.links = links;
    }

    @GET
    @Path("/{token}.ics")
    @PermitAll
    @RateLimited("booking-code")
    @Produces({ Calendars.TEXT_CALENDAR, Problem.MEDIA_TYPE })
    @Operation(operationId = "getCalendarFeed", summary = "Calendrier (ICS) des permanences d'une personne, par son adresse secrète", description = "Sans "
            + "jeton : l'adresse, créée par POST /api/v1/staff/{personId}/calendar-links, vaut autorisation. Permanences "
            + "des 30 derniers jours et à venir, sans nom ni coordonnées. 404 dès que l'adresse est révoquée ou que la "
            + "personne a quitté l'annuaire.")
    @APIResponse(responseCode = "200", description = "Fichier iCalendar", content = @Content(mediaType = "text/calendar"))
    @APIResponse(responseCode = "404", description = "Adresse inconnue ou révoquée")
    @APIResponse(responseCode = "429", description = "Trop de demandes depuis cette adresse IP")
    public Response feed(@PathParam("token") String token) {
        var shifts = links.feed(token).orElseThrow(() -> Problem.notFound("token",
                "Cette adresse de calendrier n'existe pas ou a été révoquée : demandez-en une nouvelle dans votre espace "
                        + "bénévole."));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setPrivate(true);
        return Response.ok(Calendars.shifts(shifts), Calendars.TEXT_CALENDAR).cacheControl(noStore).build();
    }
}
