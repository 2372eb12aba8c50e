package fr.maillage.booking.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.booking.domain.Referral;
import fr.maillage.booking.domain.ReferralOutcome;
import fr.maillage.booking.service.ReferralService;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.idempotency.IdempotentRequests;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/referrals")
@Tag(name = "Referrals", description = "Orientations : une structure oriente une personne vers une autre, qui note la suite "
        + "donnée ; l'orientation revient ainsi à qui l'a envoyée (boucle fermée)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReferralResource {
    private static final String UUID_RE = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String READERS = "Rôles : admin, ou agent / partner-app de la structure qui a orienté "
            + "(fromPartnerId) ou de celle qui reçoit (targetPartnerId). Pour les autres, 404 : l'existence de "
            + "l'orientation n'est pas révélée.";
    private static final List<String> STATUSES = java.util.stream.Stream.concat(java.util.stream.Stream.of(Referral.SENT),
            ReferralOutcome.ALL.stream()).toList();
    static final String SCOPE = "POST /api/v1/referrals";

    private final ReferralService referrals;
    private final IdempotentRequests idempotent;

    ReferralResource(ReferralService referrals, IdempotentRequests idempotent) {
        this.referrals = referrals;
        this.idempotent = idempotent;
    }

    @POST
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "createReferral", summary = "Orienter une personne vers une autre structure", description = "Rôles : agent, partner-app, "
            + "admin. La structure qui oriente est celle du jeton (fromPartnerId). La structure qui reçoit doit être "
            + "connue de l'annuaire (lu depuis directory.partners.v1) ; l'offre, si elle est donnée, doit être la sienne ; "
            + "le rendez-vous, s'il est donné, doit être de votre structure. Publie ReferralCreated sur booking.referrals.v1 "
            + "(identifiants, besoin, structures, commune ; jamais de nom, de téléphone, d'e-mail ni de note). Une requête "
            + "rejouée avec le même Idempotency-Key renvoie la première réponse.")
    @APIResponse(responseCode = "201", headers = @Header(name = "Location"), description = "Orientation enregistrée (status sent) ; Location donne son adresse",
            content = @Content(schema = @Schema(implementation = ReferralResponse.class)))
    @APIResponse(responseCode = "400", description = "Requête mal formée : prénom, besoin ou targetPartnerId absent, "
            + "e-mail invalide, note de plus de 500 caractères, code INSEE mal formé…")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé (volunteer), jeton sans organisation, ou "
            + "fromPartnerId autre que l'organisation du jeton")
    @APIResponse(responseCode = "422", description = "Règle non respectée : besoin qui n'est pas un thème des offres (need), "
            + "téléphone invalide (person.phone), structure inconnue de l'annuaire ou la sienne propre (targetPartnerId), "
            + "offre d'une autre structure (targetOfferId), rendez-vous inconnu ou d'une autre structure (bookingId), "
            + "Idempotency-Key réutilisée pour une autre demande",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "structure inconnue", value = """
                    {"type":"https://maillage.fr/problemes/regle-non-respectee","title":"Règle non respectée","status":422,
                     "detail":"Cette structure est inconnue de l'annuaire (ou en a été retirée) : choisissez une structure enregistrée.",
                     "instance":"/api/v1/referrals","field":"targetPartnerId",
                     "violations":[{"field":"targetPartnerId","message":"Cette structure est inconnue de l'annuaire (ou en a été retirée) : choisissez une structure enregistrée."}]}""")))
    public Response create(
            @Parameter(in = ParameterIn.HEADER, description = "Clé choisie par le client pour rejouer une requête sans risque (1 à 200 caractères)")
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") ReferralRequest request) {
        return idempotent.execute(SCOPE, idempotencyKey, request, () -> {
            ReferralService.View created = referrals.create(request.command());
            return Response.created(URI.create("/api/v1/referrals/" + created.referral().id))
                    .entity(ReferralResponse.of(created)).build();
        });
    }

    @GET
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "listReferrals", summary = "Lister les orientations", description = "Rôles : agent, partner-app (celles de leur structure), "
            + "admin (toutes). direction=outgoing : envoyées par ma structure ; incoming : reçues par ma structure ; "
            + "absent : les deux. Un administrateur voit tout ; direction ne s'applique que si son jeton porte une "
            + "organisation. Les plus récentes d'abord, paginées (enveloppe {items, page, size, total} et X-Total-Count).")
    @APIResponse(responseCode = "200", headers = @Header(name = "X-Total-Count"), description = "Une page d'orientations", content = @Content(schema = @Schema(implementation = Pages.ReferralPage.class)))
    @APIResponse(responseCode = "400", description = "direction, status, page ou size invalide")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé (volunteer) ou jeton sans organisation")
    public Response list(
            @Parameter(schema = @Schema(enumeration = { "outgoing", "incoming" })) @QueryParam("direction") String direction,
            @Parameter(schema = @Schema(enumeration = { "sent", "received", "attended", "no_show", "redirected",
                    "no_longer_needed" })) @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        QueryParams.page(page, size);
        String dir = blankToNull(direction);
        if (dir != null && !List.of(ReferralService.OUTGOING, ReferralService.INCOMING).contains(dir)) {
            throw Problem.badRequest("direction", "direction doit valoir outgoing (envoyées) ou incoming (reçues).");
        }
        String st = blankToNull(status);
        if (st != null && !STATUSES.contains(st)) {
            throw Problem.badRequest("status", "status doit valoir l'un de : " + String.join(", ", STATUSES) + ".");
        }
        ReferralService.ReferralPage found = referrals.search(dir, st, page, size);
        return Response.ok(new PageResponse<>(found.items().stream().map(ReferralResponse::of).toList(), page, size,
                found.total())).header("X-Total-Count", found.total()).build();
    }

    @GET
    @Path("/{id: " + UUID_RE + "}")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "getReferral", summary = "Consulter une orientation", description = READERS)
    @APIResponse(responseCode = "200", description = "L'orientation et l'historique de sa suite", content = @Content(schema = @Schema(implementation = ReferralResponse.class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé (volunteer) ou jeton sans organisation")
    @APIResponse(responseCode = "404", description = "Orientation inconnue, ou d'autres structures")
    public ReferralResponse get(@PathParam("id") UUID id) {
        return ReferralResponse.of(referrals.get(id));
    }

    @POST
    @Path("/{id: " + UUID_RE + "}/outcome")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "recordReferralOutcome", summary = "Noter la suite d'une orientation (structure qui reçoit)", description = "Rôles : admin, ou agent "
            + "/ partner-app de la structure qui reçoit (targetPartnerId) ; la structure qui a orienté lit la suite mais ne "
            + "la note pas (403) ; pour les autres, 404. Le statut devient cette suite, ajoutée à l'historique (outcomes, "
            + "avec sa date) ; la même suite une seconde fois sans note ne change rien. Publie ReferralOutcomeRecorded.")
    @APIResponse(responseCode = "200", description = "L'orientation avec sa nouvelle suite", content = @Content(schema = @Schema(implementation = ReferralResponse.class)))
    @APIResponse(responseCode = "400", description = "outcome absent ou inconnu, note de plus de 500 caractères")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Structure qui a orienté (seule celle qui reçoit note la suite), ou rôle non autorisé")
    @APIResponse(responseCode = "404", description = "Orientation inconnue, ou d'autres structures")
    @APIResponse(responseCode = "409", description = "Orientation close : les données de la personne ont été effacées (RGPD)")
    public ReferralResponse outcome(@PathParam("id") UUID id,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") ReferralRequest.Outcome request) {
        return ReferralResponse.of(referrals.recordOutcome(id, request.outcome(), request.note()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
