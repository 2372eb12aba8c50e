package fr.maillage.booking.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.booking.service.CalendarLinks;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A person's secret calendar addresses (issue 19): create (shown once), list, revoke. The feed is CalendarFeedResource. */
@Path("/api/v1/staff/{personId}/calendar-links")
@Tag(name = "Staff", description = "Bénévoles et personnels : disponibilités, adresse secrète de calendrier")
@Produces(MediaType.APPLICATION_JSON)
public class CalendarLinkResource {
    static final String WHO = "Rôles : la personne elle-même (bénévole dont le jeton porte ce person), agent ou "
            + "partner-app de la structure à laquelle l'annuaire la rattache, admin. Personne inconnue de l'annuaire : 404.";

    @Schema(name = "CalendarLink", description = "Une adresse de calendrier d'une personne (l'adresse elle-même n'est "
            + "donnée qu'à sa création)")
    public record LinkResponse(UUID id, boolean active, OffsetDateTime createdAt, OffsetDateTime revokedAt,
            OffsetDateTime lastUsedAt,
            @Schema(description = "L'adresse à donner au calendrier du téléphone (https ; webcal:// pour iPhone) : "
                    + "présente seulement dans la réponse à sa création, jamais conservée en clair", nullable = true)
            String url) {
        static LinkResponse of(CalendarLinks.Link link, String url) {
            return new LinkResponse(link.id(), link.active(), link.createdAt(), link.revokedAt(), link.lastUsedAt(), url);
        }
    }

    private final CalendarLinks links;

    CalendarLinkResource(CalendarLinks links) {
        this.links = links;
    }

    @POST
    @RolesAllowed({ Caller.VOLUNTEER, Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "createCalendarLink", summary = "Créer l'adresse secrète du calendrier de ses permanences", description = WHO + " L'adresse "
            + "(…/api/v1/calendars/<secret>.ics) se donne à l'agenda du téléphone, qui s'y abonne sans se connecter : "
            + "elle liste les permanences de la personne (30 derniers jours et à venir). Elle n'est montrée qu'une fois ; "
            + "en créer une nouvelle révoque la précédente.")
    @APIResponse(responseCode = "201", headers = @Header(name = "Location"), description = "Adresse créée ; url n'est donnée qu'ici",
            content = @Content(schema = @Schema(implementation = LinkResponse.class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Ni la personne, ni sa structure, ni admin")
    @APIResponse(responseCode = "404", description = "Personne inconnue de l'annuaire")
    public Response create(@PathParam("personId") String personId) {
        UUID person = QueryParams.pathId(personId, "Personne");
        CalendarLinks.Created created = links.create(person);
        return Response.created(URI.create("/api/v1/staff/" + person + "/calendar-links/" + created.link().id()))
                .entity(LinkResponse.of(created.link(), created.url())).build();
    }

    @GET
    @RolesAllowed({ Caller.VOLUNTEER, Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "listCalendarLinks", summary = "Lister les adresses de calendrier d'une personne", description = WHO + " Les plus récentes "
            + "d'abord (50 au plus), sans l'adresse elle-même.")
    @APIResponse(responseCode = "200", description = "Les adresses, actives ou révoquées")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Ni la personne, ni sa structure, ni admin")
    @APIResponse(responseCode = "404", description = "Personne inconnue de l'annuaire")
    public List<LinkResponse> list(@PathParam("personId") String personId) {
        return links.list(QueryParams.pathId(personId, "Personne")).stream().map(l -> LinkResponse.of(l, null)).toList();
    }

    @DELETE
    @Path("/{linkId}")
    @RolesAllowed({ Caller.VOLUNTEER, Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "revokeCalendarLink", summary = "Révoquer une adresse de calendrier", description = WHO + " L'adresse répond 404 aussitôt ; "
            + "révoquer une adresse déjà révoquée ne change rien.")
    @APIResponse(responseCode = "204", description = "Adresse révoquée")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Ni la personne, ni sa structure, ni admin")
    @APIResponse(responseCode = "404", description = "Personne inconnue, ou adresse qui n'est pas la sienne")
    public Response revoke(@PathParam("personId") String personId, @PathParam("linkId") String linkId) {
        links.revoke(QueryParams.pathId(personId, "Personne"), QueryParams.pathId(linkId, "Adresse de calendrier"));
        return Response.noContent().build();
    }
}
