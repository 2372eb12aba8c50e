package fr.maillage.booking.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.service.ShiftService;
import fr.maillage.booking.service.SlotService;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/slots")
@Tag(name = "Slots", description = "Créneaux réservables (séances des offres) et permanences du personnel")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SlotResource {
    private final SlotService slots;
    private final ShiftService shifts;

    SlotResource(SlotService slots, ShiftService shifts) {
        this.slots = slots;
        this.shifts = shifts;
    }

    @GET
    @PermitAll
    @Operation(summary = "Chercher des créneaux", description = "Public (sans jeton). Triés par horaire ; available=true ne garde "
            + "que les créneaux à venir, non annulés, avec une place. Aucune donnée personnelle (staffIds : identifiants seuls).")
    @APIResponse(responseCode = "200", description = "Une page de créneaux", content = @Content(schema = @Schema(implementation = PageResponse.class)))
    @APIResponse(responseCode = "400", description = "Filtre invalide")
    public Response list(@QueryParam("offerId") String offerId, @QueryParam("placeId") String placeId,
            @Parameter(description = "début à partir de (ISO-8601 avec décalage)") @QueryParam("from") String from,
            @Parameter(description = "début avant (ISO-8601 avec décalage)") @QueryParam("to") String to,
            @QueryParam("available") @DefaultValue("false") boolean available,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        QueryParams.page(page, size);
        SlotService.SlotPage found = slots.search(QueryParams.uuid("offerId", offerId), QueryParams.uuid("placeId", placeId),
                QueryParams.time("from", from), QueryParams.time("to", to), available, page, size);
        List<SlotResponse> items = found.items().stream().map(SlotResponse::of).toList();
        return Response.ok(new PageResponse<>(items, page, size, found.total())).header("X-Total-Count", found.total()).build();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Consulter un créneau", description = "Public (sans jeton). Aucune donnée personnelle.")
    @APIResponse(responseCode = "200", description = "Le créneau", content = @Content(schema = @Schema(implementation = SlotResponse.class)))
    @APIResponse(responseCode = "404", description = "Créneau inconnu")
    public SlotResponse get(@PathParam("id") String id) {
        return SlotResponse.of(existing(id));
    }

    @POST
    @Path("/{id}/shifts")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(summary = "Affecter une personne à un créneau (permanence)", description = "Rôles : admin, ou agent / "
            + "partner-app de la structure qui accueille le créneau (claim org = partnerId du créneau). La personne doit "
            + "être connue de l'annuaire et appartenir à cette structure ; sinon rien n'est enregistré ni envoyé.")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, organisation autre que la structure qui accueille le "
            + "créneau, ou personne (personId) d'une autre organisation")
    @APIResponse(responseCode = "201", description = "Permanence créée", content = @Content(schema = @Schema(implementation = ShiftResponse.class)))
    @APIResponse(responseCode = "404", description = "Créneau inconnu")
    @APIResponse(responseCode = "409", description = "Créneau annulé ou personne déjà affectée")
    @APIResponse(responseCode = "422", description = "Créneau terminé, ou personne (personId) inconnue de l'annuaire")
    public Response assign(@PathParam("id") String id,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") Requests.AssignShift request) {
        Slot slot = shifts.hosted(slotId(id));
        Shift shift = shifts.assign(slot.id, request.personId());
        return Response.created(URI.create("/api/v1/slots/" + slot.id + "/shifts/" + shift.id))
                .entity(ShiftResponse.of(shift, slot)).build();
    }

    @GET
    @Path("/{id}/shifts")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(summary = "Permanences d'un créneau (y compris annulées)", description = "Rôles : admin, ou agent / "
            + "partner-app de la structure qui accueille le créneau.")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou organisation autre que la structure qui accueille le créneau")
    @APIResponse(responseCode = "200", description = "Les permanences", content = @Content(schema = @Schema(implementation = ShiftResponse[].class)))
    @APIResponse(responseCode = "404", description = "Créneau inconnu")
    public List<ShiftResponse> slotShifts(@PathParam("id") String id) {
        Slot slot = shifts.hosted(slotId(id));
        return shifts.ofSlot(slot.id).stream().map(s -> ShiftResponse.of(s, slot)).toList();
    }

    @DELETE
    @Path("/{id}/shifts/{shiftId}")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(summary = "Annuler une permanence", description = "Rôles : admin, ou agent / partner-app de la structure "
            + "qui accueille le créneau.")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou organisation autre que la structure qui accueille le créneau")
    @APIResponse(responseCode = "200", description = "Permanence annulée", content = @Content(schema = @Schema(implementation = ShiftResponse.class)))
    @APIResponse(responseCode = "404", description = "Créneau ou permanence inconnus")
    @APIResponse(responseCode = "409", description = "Permanence déjà annulée")
    public ShiftResponse cancelShift(@PathParam("id") String id, @PathParam("shiftId") String shiftId) {
        Slot slot = shifts.hosted(slotId(id));
        UUID shift = QueryParams.uuid("shiftId", shiftId);
        if (shift == null) {
            throw Problem.notFound("shiftId", "Permanence inconnue.");
        }
        return ShiftResponse.of(shifts.cancel(slot.id, shift), slot);
    }

    private static UUID slotId(String id) {
        return QueryParams.pathId(id, "Créneau");
    }

    private Slot existing(String id) {
        UUID slotId = slotId(id);
        Slot slot = slots.find(slotId);
        if (slot == null) {
            throw Problem.notFound("id", "Aucun créneau avec l'identifiant " + slotId + ".");
        }
        return slot;
    }
}
