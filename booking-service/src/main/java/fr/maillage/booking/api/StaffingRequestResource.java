package fr.maillage.booking.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.booking.service.StaffingRequests;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import fr.maillage.platform.security.RateLimited;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/staffing-requests")
@Tag(name = "Permanences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StaffingRequestResource {
    private static final String ANSWER = " accept : si la permanence n'a encore personne, l'affectation est créée (message "
            + "« Nouvelle permanence ») et les autres demandes sont closes (covered) ; si elle est déjà assurée, 409 et la "
            + "demande devient covered. decline : declined. Une demande qui a déjà sa réponse : 409.";

    private final StaffingRequests staffing;

    StaffingRequestResource(StaffingRequests staffing) {
        this.staffing = staffing;
    }

    @GET
    @RolesAllowed({ Caller.VOLUNTEER, Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "listStaffingRequests", summary = "Demandes d'assurer une permanence", description = "Rôles : volunteer (les siennes, claim person), "
            + "agent / partner-app (celles des permanences de son organisation), admin (toutes). Les plus récentes d'abord.")
    @APIResponse(responseCode = "200", headers = @Header(name = "X-Total-Count"), description = "Une page de demandes", content = @Content(schema = @Schema(implementation = Pages.StaffingRequestPage.class)))
    @APIResponse(responseCode = "400", description = "Filtre invalide")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Jeton de bénévole sans person, ou d'agent sans org")
    public Response list(
            @QueryParam("status") @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(schema = @Schema(
                    enumeration = { "pending", "accepted", "declined", "covered", "cancelled" })) String status,
            @QueryParam("permanenceId") String permanenceId,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "les demandes faites à cette "
                    + "personne (un agent qui est aussi bénévole ne voit ainsi que les siennes)") @QueryParam("personId") String personId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        QueryParams.page(page, size);
        String wanted = status == null || status.isBlank() ? null : status;
        if (wanted != null && !List.of("pending", "accepted", "declined", "covered", "cancelled").contains(wanted)) {
            throw Problem.badRequest("status", "status vaut pending, accepted, declined, covered ou cancelled.");
        }
        StaffingRequests.ViewPage found = staffing.list(wanted, QueryParams.uuid("permanenceId", permanenceId),
                QueryParams.uuid("personId", personId), page, size);
        List<StaffingRequestResponse> items = found.items().stream().map(StaffingRequestResponse::of).toList();
        return Response.ok(new PageResponse<>(items, page, size, found.total())).header("X-Total-Count", found.total()).build();
    }

    @POST
    @Path("/{id}/answer")
    @RolesAllowed({ Caller.VOLUNTEER, Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "answerStaffingRequest", summary = "Répondre à une demande", description = "La personne sollicitée (claim person) ou un admin." + ANSWER)
    @APIResponse(responseCode = "200", description = "La demande, avec sa réponse", content = @Content(schema = @Schema(implementation = StaffingRequestResponse.class)))
    @APIResponse(responseCode = "400", description = "answer absent ou autre que accept / decline")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Demande faite à une autre personne")
    @APIResponse(responseCode = "404", description = "Demande inconnue")
    @APIResponse(responseCode = "409", description = "Permanence déjà assurée (la demande devient covered), demande déjà "
            + "répondue, retirée ou expirée")
    @APIResponse(responseCode = "422", description = "La personne n'est plus dans l'annuaire de la structure")
    public StaffingRequestResponse answer(@PathParam("id") String id,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") StaffingRequestResponse.Answer body) {
        return outcome(staffing.answer(QueryParams.pathId(id, "Demande"), "accept".equals(body.answer())));
    }

    @GET
    @Path("/by-token/{token}")
    @PermitAll
    @RateLimited("booking-code")
    @Operation(operationId = "getStaffingRequestByToken", summary = "Consulter une demande par son lien de réponse", description = "Public : le jeton du lien reçu "
            + "(256 bits aléatoires, seule son empreinte est conservée) fait foi ; il expire au début de la permanence.")
    @APIResponse(responseCode = "200", description = "La demande", content = @Content(schema = @Schema(implementation = StaffingRequestResponse.class)))
    @APIResponse(responseCode = "404", description = "Lien inconnu ou expiré")
    @APIResponse(responseCode = "429", description = "Trop de demandes depuis cette adresse IP")
    public StaffingRequestResponse byToken(@PathParam("token") String token) {
        return StaffingRequestResponse.of(staffing.byToken(token).orElseThrow(() -> Problem.notFound("token",
                "Ce lien de réponse est inconnu ou a expiré (la permanence a commencé).")));
    }

    @POST
    @Path("/by-token/{token}/answer")
    @PermitAll
    @RateLimited("booking-code")
    @Operation(operationId = "answerStaffingRequestByToken", summary = "Répondre à une demande par son lien", description = "Public : le jeton du lien fait foi." + ANSWER)
    @APIResponse(responseCode = "200", description = "La demande, avec sa réponse", content = @Content(schema = @Schema(implementation = StaffingRequestResponse.class)))
    @APIResponse(responseCode = "400", description = "answer absent ou autre que accept / decline")
    @APIResponse(responseCode = "404", description = "Lien inconnu ou expiré")
    @APIResponse(responseCode = "429", description = "Trop de demandes depuis cette adresse IP")
    @APIResponse(responseCode = "409", description = "Permanence déjà assurée (la demande devient covered), demande déjà "
            + "répondue ou retirée")
    @APIResponse(responseCode = "422", description = "La personne n'est plus dans l'annuaire de la structure")
    public StaffingRequestResponse answerByToken(@PathParam("token") String token,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") StaffingRequestResponse.Answer body) {
        return outcome(staffing.answerByToken(token, "accept".equals(body.answer())));
    }

    /** The answer, or the conflict decided (and stored: the request is covered) in the committed transaction. */
    private static StaffingRequestResponse outcome(StaffingRequests.Answered answered) {
        if (answered.conflict() != null) {
            throw Problem.conflict("answer", answered.conflict()).with("status", answered.view().request().status);
        }
        return StaffingRequestResponse.of(answered.view());
    }
}
