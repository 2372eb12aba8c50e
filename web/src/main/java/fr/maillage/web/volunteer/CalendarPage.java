package fr.maillage.web.volunteer;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.VolunteerDto;
import fr.maillage.web.citizen.BookingPages;
import fr.maillage.web.citizen.Format;
import fr.maillage.web.citizen.PlacePages;

/**
 * « Mon agenda » (/benevole/calendrier): a secret address of the volunteer's shifts (booking-service's calendar links:
 * {@code …/api/v1/calendars/<token>.ics}) that a phone's calendar subscribes to. The address is shown once, in the answer
 * to « Créer mon lien » (no redirect: it is not kept anywhere, pages are never cached), with how to add it on Android and
 * iPhone; a new link replaces the previous one; « Supprimer ce lien » revokes it at once.
 */
@Path("/benevole/calendrier")
@Produces(MediaType.TEXT_HTML)
public class CalendarPage {
    @Inject
    Volunteer volunteer;

    /** The active link (never its address after creation): since when, last read by a calendar. */
    public record Active(UUID id, String since, String lastUsed) {
    }

    public record View(String name, Active active, String url, String webcal, String info, String error) {
    }

    @GET
    public Response page(@QueryParam("fait") String done) {
        return Response.ok(VolunteerTemplates.calendar(view(null, "supprime".equals(done)
                ? "Le lien est supprimé : votre agenda ne reçoit plus vos permanences. Vous pouvez en créer un nouveau." : null,
                null))).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create() {
        UUID person = volunteer.person();
        VolunteerDto.CalendarLink created;
        try {
            created = volunteer.call(a -> a.createCalendarLink(person.toString()));
        } catch (ApiRefusal refusal) {
            return Response.status(refusal.status).entity(VolunteerTemplates.calendar(view(null, null, refusal.detail()))).build();
        }
        if (created == null || created.url() == null) {
            return Response.status(502).entity(VolunteerTemplates.calendar(view(null, null,
                    "Le lien n'a pas pu être créé. Réessayez dans quelques minutes."))).build();
        }
        return Response.ok(VolunteerTemplates.calendar(view(created.url(), null, null))).build();
    }

    @POST
    @Path("{id}/supprimer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") String id) {
        UUID link = PlacePages.uuid(id);
        UUID person = volunteer.person();
        try {
            volunteer.run(a -> a.revokeCalendarLink(person.toString(), link.toString()));
        } catch (ApiRefusal refusal) {
            if (refusal.status != 404) {
                return Response.status(refusal.status).entity(VolunteerTemplates.calendar(view(null, null, refusal.detail())))
                        .build();
            }
        }
        return BookingPages.seeOther("/benevole/calendrier?fait=supprime");
    }

    private View view(String url, String info, String error) {
        UUID person = volunteer.person();
        List<VolunteerDto.CalendarLink> links = volunteer.read(a -> a.calendarLinks(person.toString()));
        Active active = (links == null ? List.<VolunteerDto.CalendarLink>of() : links).stream()
                .filter(VolunteerDto.CalendarLink::isActive)
                .max(Comparator.comparing(l -> l.createdAt() == null ? java.time.OffsetDateTime.MIN : l.createdAt()))
                .map(l -> new Active(l.id(), Format.when(l.createdAt()),
                        l.lastUsedAt() == null ? null : Format.when(l.lastUsedAt())))
                .orElse(null);
        return new View(volunteer.name(), active, url, webcal(url), info, error);
    }

    /** The same address for « s'abonner » links: webcal:// opens the calendar app on an iPhone (and most desktops). */
    static String webcal(String url) {
        return url == null ? null : url.replaceFirst("^https?://", "webcal://");
    }
}
