package fr.maillage.booking.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.booking.service.Rosters;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/staff/{personId}/availability")
@Tag(name = "Staff")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.VOLUNTEER, Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
public class AvailabilityResource {
    private static final String WHO = "La personne elle-même (claim person), un agent / partner-app de l'organisation à "
            + "laquelle l'annuaire la rattache, un admin.";

    private final Rosters rosters;

    AvailabilityResource(Rosters rosters) {
        this.rosters = rosters;
    }

    @GET
    @Operation(operationId = "getStaffAvailability", summary = "Disponibilités d'une personne", description = WHO + " Sans disponibilités enregistrées : listes vides.")
    @APIResponse(responseCode = "200", description = "Les disponibilités", content = @Content(schema = @Schema(implementation = Availability.class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Personne d'une autre organisation, ou bénévole pour une autre personne")
    @APIResponse(responseCode = "404", description = "Personne inconnue de l'annuaire")
    public Availability get(@PathParam("personId") String personId) {
        return Availability.of(rosters.get(QueryParams.pathId(personId, "Personne")));
    }

    @PUT
    @Operation(operationId = "replaceStaffAvailability", summary = "Remplacer les disponibilités d'une personne", description = WHO + " Au plus 14 créneaux "
            + "hebdomadaires (jour MO..SU, heures HH:MM, fin après début, sans chevauchement un même jour), mois exclus de 1 à "
            + "12 distincts, au plus 20 codes de thème des offres distincts. Tout refus nomme le champ ; rien n'est enregistré.")
    @APIResponse(responseCode = "200", description = "Les disponibilités enregistrées", content = @Content(schema = @Schema(implementation = Availability.class)))
    @APIResponse(responseCode = "400", description = "Corps mal formé")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Personne d'une autre organisation, ou bénévole pour une autre personne")
    @APIResponse(responseCode = "404", description = "Personne inconnue de l'annuaire")
    @APIResponse(responseCode = "422", description = "Créneau, mois ou thème refusé (weekly[i].end, excludedMonths[i], themes[i]…)")
    public Availability put(@PathParam("personId") String personId,
            @NotNull(message = "le corps de la requête est obligatoire") Availability body) {
        UUID person = QueryParams.pathId(personId, "Personne");
        if (body.personId() != null && !body.personId().equals(person)) {
            throw Problem.ruleBroken("personId", "personId du corps doit être celui du chemin (ou absent).");
        }
        return Availability.of(rosters.put(person, body.windows(), body.excludedMonths(), body.themes()));
    }
}
