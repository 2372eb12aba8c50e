package fr.maillage.offers.api;

import java.net.URI;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.offers.service.OfferService;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.idempotency.IdempotentRequests;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The writes of /api/v1/offers (the reads are {@link OfferResource}). Every write takes the same roles and answers
 * the same 401 and 403, so they are said once, on the class, instead of on each of the five operations.
 */
@Path("/api/v1/offers")
@Tag(name = OfferResource.TAG, description = OfferResource.TAG_DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP })
@APIResponse(responseCode = "401", description = "Sans jeton, ou jeton invalide ou expiré")
@APIResponse(responseCode = "403", description = "Rôle insuffisant (admin ou partner-app) ou offre d'une autre structure")
public class OfferWriteResource {
    /** Said by the operations writing an offer's content. */
    private static final String REFERENCES = " Le lieu (placeId, et ceux du calendrier) et la structure porteuse (partnerId, par défaut celle"
            + " du lieu) doivent être connus du catalogue, qui les reçoit de l'annuaire par événements : créés dans l'annuaire à"
            + " l'instant, ils peuvent y manquer quelques secondes (422 nommant le champ, « réessayez dans un instant » ; rien"
            + " n'est enregistré). Les personnes (staffIds) ne sont pas vérifiées : le catalogue ne reçoit pas l'annuaire des personnes.";
    /** Said in every write operation's description (the security requirement lists the roles too). */
    private static final String WRITE_ROLES = " Rôles : admin, ou partner-app de la structure porteuse (claim org = partnerId de l'offre) ;"
            + " agent et volunteer : 403 ; sans jeton : 401.";

    private final OfferService offers;
    private final OfferResponses responses;
    private final IdempotentRequests idempotent;

    OfferWriteResource(OfferService offers, OfferResponses responses, IdempotentRequests idempotent) {
        this.offers = offers;
        this.responses = responses;
        this.idempotent = idempotent;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOffer", summary = "Créer une offre (brouillon)", description = "Une requête rejouée avec le même Idempotency-Key et le même contenu"
            + " renvoie la première réponse (même statut, corps, Location et ETag, en-tête Idempotent-Replayed: true) ; la même clé avec un"
            + " autre contenu : 422. Clé de 1 à 200 caractères ASCII imprimables, propre à l'appelant (jeton), gardée 24 h."
            + " Une partner-app ne crée que pour sa structure (partnerId, ou à défaut celui du lieu, = org du jeton), sinon 403." + REFERENCES
            + WRITE_ROLES)
    @APIResponse(responseCode = "201", description = "Offre créée", headers = { @Header(name = "ETag"), @Header(name = "Location") },
            content = @Content(schema = @Schema(implementation = OfferResponse.class)))
    @APIResponse(responseCode = "400", description = "JSON mal formé, ou Idempotency-Key mal formée")
    @APIResponse(responseCode = "422", description = "Règle métier non respectée (lieu ou structure inconnus du catalogue, thème inconnu, capacité ≤ 0,"
            + " calendrier invalide...), ou Idempotency-Key déjà utilisée pour un autre contenu")
    public Response create(OfferRequest request,
            @Parameter(description = "Clé rendant la création rejouable sans doublon") @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotent.execute("POST /api/v1/offers", idempotencyKey, request, () -> {
            OfferService.Saved saved = offers.create(request == null ? null : request.toCommand());
            return responses.withEtag(Response.created(URI.create("/api/v1/offers/" + saved.offer().id)), saved.offer());
        });
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOrReplaceOffer", summary = "Créer ou remplacer une offre avec un identifiant choisi par le client",
            description = "Idempotent : le même contenu deux fois ne change rien. If-Match (version) protège d'une écriture concurrente. "
                    + "Une offre publiée est re-planifiée : seules les séances futures changent. Une partner-app ne peut ni changer la structure"
                    + " porteuse ni modifier l'offre d'une autre structure (403)." + REFERENCES + WRITE_ROLES)
    @APIResponse(responseCode = "201", description = "Offre créée (brouillon)", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = OfferResponse.class)))
    @APIResponse(responseCode = "200", description = "Offre remplacée (ou inchangée)", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = OfferResponse.class)))
    @APIResponse(responseCode = "400", description = "JSON ou identifiant mal formé")
    @APIResponse(responseCode = "409", description = "Version périmée (If-Match) ou offre archivée")
    @APIResponse(responseCode = "422", description = "Règle métier non respectée (lieu ou structure inconnus du catalogue, calendrier invalide...)")
    public Response put(@PathParam("id") String id, OfferRequest request,
            @Parameter(description = "Version attendue, ex. \"3\"") @HeaderParam("If-Match") String ifMatch) {
        OfferService.Saved saved = offers.put(QueryParams.uuid("id", id), request == null ? null : request.toCommand(), QueryParams.ifMatch(ifMatch));
        return responses.withEtag(saved.created() ? Response.status(201) : Response.ok(), saved.offer());
    }

    @POST
    @Path("/{id}/publish")
    @Operation(operationId = "publishOffer", summary = "Publier une offre (brouillon ou suspendue)", description = "Planifie ses séances (SessionPlanned). Idempotent." + WRITE_ROLES)
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"), description = "Offre publiée", content = @Content(schema = @Schema(implementation = OfferResponse.class)))
    @APIResponse(responseCode = "404", description = "Offre inconnue")
    @APIResponse(responseCode = "409", description = "Version périmée ou offre archivée")
    @APIResponse(responseCode = "422", description = "Le lieu ou la structure porteuse (partnerId) n'existe plus dans l'annuaire")
    public Response publish(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return transition(id, OfferService.Transition.PUBLISH, ifMatch);
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(operationId = "suspendOffer", summary = "Suspendre une offre publiée", description = "Annule ses séances futures (SessionCancelled). Idempotent." + WRITE_ROLES)
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"), description = "Offre suspendue", content = @Content(schema = @Schema(implementation = OfferResponse.class)))
    @APIResponse(responseCode = "404", description = "Offre inconnue")
    @APIResponse(responseCode = "409", description = "Version périmée, offre brouillon ou archivée")
    public Response suspend(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return transition(id, OfferService.Transition.SUSPEND, ifMatch);
    }

    @POST
    @Path("/{id}/archive")
    @Operation(operationId = "archiveOffer", summary = "Archiver une offre (définitif)", description = "Annule ses séances futures ; l'offre ne peut plus être modifiée. Idempotent." + WRITE_ROLES)
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"), description = "Offre archivée", content = @Content(schema = @Schema(implementation = OfferResponse.class)))
    @APIResponse(responseCode = "404", description = "Offre inconnue")
    @APIResponse(responseCode = "409", description = "Version périmée")
    public Response archive(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return transition(id, OfferService.Transition.ARCHIVE, ifMatch);
    }

    private Response transition(String id, OfferService.Transition t, String ifMatch) {
        return responses.withEtag(Response.ok(), offers.transition(QueryParams.uuid("id", id), t, QueryParams.ifMatch(ifMatch)).offer());
    }
}
