package fr.maillage.directory.api;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.service.PartnerService;
import fr.maillage.directory.service.Written;
import fr.maillage.platform.api.PageRequest;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.idempotency.IdempotentRequests;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/partners")
@Tag(name = "Partners", description = "Structures porteuses (mairies, CCAS, médiathèques, associations, France Services…)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnerResource {

    private final PartnerService partners;
    private final DirectoryConfig config;
    private final IdempotentRequests idempotent;

    PartnerResource(PartnerService partners, DirectoryConfig config, IdempotentRequests idempotent) {
        this.partners = partners;
        this.config = config;
        this.idempotent = idempotent;
    }

    @POST
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "createPartner", summary = "Create a partner", description = "Role: admin (creating organisations is the territory administrator's job). Publishes PartnerUpserted on directory.partners.v1.")
    @APIResponse(responseCode = "201", headers = { @Header(name = "ETag"), @Header(name = "Location") }, description = "Created; ETag carries the version", content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or missing name, or a malformed Idempotency-Key")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "Not the administrator")
    @APIResponse(responseCode = "422", description = "A field breaks a rule (SIRET key, RNA, unknown typology…), or an Idempotency-Key already used for another body")
    public Response create(@Parameter(description = "Retrying with the same key and the same body returns the first answer (Idempotent-Replayed: true); another body with that key is refused (422). 1-200 printable ASCII characters, kept 24 h, per client") @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull PartnerRequest request) {
        return idempotent.execute("POST /api/v1/partners", idempotencyKey, request, () -> {
            Partner partner = partners.create(request.command());
            return Response.created(URI.create("/api/v1/partners/" + partner.id)).tag(String.valueOf(partner.version))
                    .entity(PartnerResponse.of(partner)).build();
        });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP })
    @Operation(operationId = "createOrReplacePartner", summary = "Create or replace a partner with a client-chosen id", description = "Roles: admin (create or replace), or partner-app whose organisation (claim org) is this partner (replace only). Idempotent: replaying the same body changes nothing. With If-Match, a stale version is refused (409).")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"), description = "Replaced (or unchanged)", content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(responseCode = "201", headers = @Header(name = "ETag"), description = "Created", content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "Wrong role, another organisation, or a creation by a partner application")
    @APIResponse(responseCode = "404", description = "If-Match given for a partner that does not exist")
    @APIResponse(responseCode = "409", description = "Stale If-Match version")
    @APIResponse(responseCode = "422", description = "A field breaks a rule")
    public Response put(@PathParam("id") String idParam, @Parameter(description = "Version from the ETag, e.g. \"2\"") @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull PartnerRequest request) {
        UUID id = QueryParams.pathId(idParam, "Structure");
        Written<Partner> written = partners.put(id, request.command(), QueryParams.ifMatch(ifMatch));
        Partner partner = written.entity();
        return Response.status(written.created() ? 201 : 200).tag(String.valueOf(partner.version))
                .entity(PartnerResponse.of(partner)).build();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "getPartner", summary = "Get a partner", description = "Public: the structure's public information (its own contact details, as in the standard; no person's).")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"), description = "The partner; ETag carries the version", content = @Content(schema = @Schema(implementation = PartnerResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown partner")
    public Response get(@PathParam("id") String idParam) {
        UUID id = QueryParams.pathId(idParam, "Structure");
        Partner partner = Partner.findById(id);
        if (partner == null) {
            throw Problem.notFound("id", "Aucune structure avec l'identifiant " + id);
        }
        return Response.ok(PartnerResponse.of(partner)).tag(String.valueOf(partner.version)).build();
    }

    @GET
    @PermitAll
    @Operation(operationId = "listPartners", summary = "List partners", description = "Public. Paginated (page from 0), filtered by name fragment, typology or programme.")
    @APIResponse(responseCode = "200", description = "A page of partners", content = @Content(schema = @Schema(implementation = PageResponse.class)))
    @APIResponse(responseCode = "400", description = "Bad paging")
    public PageResponse<PartnerResponse> list(@QueryParam("q") String q, @QueryParam("typologie") String typologie,
            @QueryParam("programme") String programme, @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = Paging.of(page, size, config);
        PartnerService.Found found = partners.list(q, typologie, programme, paging.offset(), paging.size());
        return new PageResponse<>(found.partners().stream().map(PartnerResponse::of).toList(), paging.page(), paging.size(),
                found.total());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "deletePartner", summary = "Delete a partner", description = "Role: admin. Refused while places or people are attached. Publishes PartnerDeleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "Not the administrator")
    @APIResponse(responseCode = "404", description = "Unknown partner")
    @APIResponse(responseCode = "409", description = "Stale If-Match, or places/people still attached")
    public Response delete(@PathParam("id") String idParam, @HeaderParam("If-Match") String ifMatch) {
        UUID id = QueryParams.pathId(idParam, "Structure");
        partners.delete(id, QueryParams.ifMatch(ifMatch));
        return Response.noContent().build();
    }
}
