package fr.maillage.booking.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.service.Permanences.Permanence;
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
    @Operation(operationId = "listSlots", summary = "Chercher des créneaux", description = "Public (sans jeton). Triés par horaire ; available=true ne garde "
            + "que les créneaux à venir, non annulés, avec une place. Aucune donnée personnelle (staffIds : identifiants seuls).")
    @APIResponse(responseCode = "200", headers = @Header(name = "X-Total-Count"), description = "Une page de créneaux", content = @Content(schema = @Schema(implementation = Pages.SlotPage.class)))
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
    @Operation(operationId = "getSlot", summary = "Consulter un créneau", description = "Public (sans jeton). Aucune donnée personnelle.")
    @APIResponse(responseCode = "200", description = "Le créneau", content = @Content(schema = @Schema(implementation = SlotResponse.class)))
    @APIResponse(responseCode = "404", description = "Créneau inconnu")
    public SlotResponse get(@PathParam("id") String id) {
        return SlotResponse.of(existing(id));
    }

    @POST
    @Path("/{id}/shifts")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "assignSlotShift", summary = "Affecter une personne à la permanence de ce créneau", description = "Depuis l'issue 19, une "
            + "affectation couvre toute la permanence (la suite de créneaux contigus de la même offre au même lieu, le même "
            + "jour) qui contient ce créneau : équivaut à POST /api/v1/permanences/{id}/shifts. Rôles : admin, ou agent / "
            + "partner-app de la structure qui accueille le créneau (claim org = partnerId du créneau). La personne doit "
            + "être connue de l'annuaire et appartenir à cette structure ; sinon rien n'est enregistré ni envoyé.")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, organisation autre que la structure qui accueille le "
            + "créneau, ou personne (personId) d'une autre organisation")
    @APIResponse(responseCode = "201", headers = @Header(name = "Location"), description = "Affectation créée", content = @Content(schema = @Schema(implementation = ShiftResponse.class)))
    @APIResponse(responseCode = "404", description = "Créneau inconnu")
    @APIResponse(responseCode = "409", description = "Permanence annulée ou fermée, ou personne déjà affectée à cette permanence")
    @APIResponse(responseCode = "422", description = "Permanence terminée, ou personne (personId) inconnue de l'annuaire")
    public Response assign(@PathParam("id") String id,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") Requests.AssignShift request) {
        Permanence permanence = shifts.hosted(slotId(id));
        Shift shift = shifts.assign(permanence.id(), request.personId());
        return Response.created(URI.create("/api/v1/permanences/" + permanence.id() + "/shifts/" + shift.id))
                .entity(ShiftResponse.of(shift, permanence.first())).build();
    }

    @GET
    @Path("/{id}/shifts")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "listSlotShifts", summary = "Affectations de la permanence de ce créneau (y compris annulées)", description = "Équivaut à "
            + "GET /api/v1/permanences/{id}/shifts pour la permanence qui contient ce créneau. Rôles : admin, ou agent / "
            + "partner-app de la structure qui accueille le créneau.")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou organisation autre que la structure qui accueille le créneau")
    @APIResponse(responseCode = "200", description = "Les affectations", content = @Content(schema = @Schema(implementation = ShiftResponse[].class)))
    @APIResponse(responseCode = "404", description = "Créneau inconnu")
    public List<ShiftResponse> slotShifts(@PathParam("id") String id) {
        Permanence permanence = shifts.hosted(slotId(id));
        return shifts.of(permanence).stream().map(s -> ShiftResponse.of(s, permanence.first())).toList();
    }

    @DELETE
    @Path("/{id}/shifts/{shiftId}")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "cancelSlotShift", summary = "Retirer une affectation", description = "Équivaut à DELETE /api/v1/permanences/{id}/shifts/{shiftId} "
            + "pour la permanence qui contient ce créneau. Rôles : admin, ou agent / partner-app de la structure qui "
            + "accueille le créneau.")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou organisation autre que la structure qui accueille le créneau")
    @APIResponse(responseCode = "200", description = "Affectation annulée", content = @Content(schema = @Schema(implementation = ShiftResponse.class)))
    @APIResponse(responseCode = "404", description = "Créneau ou affectation inconnus")
    @APIResponse(responseCode = "409", description = "Affectation déjà annulée")
    public ShiftResponse cancelShift(@PathParam("id") String id, @PathParam("shiftId") String shiftId) {
        Permanence permanence = shifts.hosted(slotId(id));
        UUID shift = QueryParams.uuid("shiftId", shiftId);
        if (shift == null) {
            throw Problem.notFound("shiftId", "Affectation inconnue.");
        }
        return ShiftResponse.of(shifts.cancel(permanence.id(), shift), permanence.first());
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
