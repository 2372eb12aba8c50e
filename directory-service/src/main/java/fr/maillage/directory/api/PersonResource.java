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
import fr.maillage.directory.domain.Person;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.service.PersonService;
import fr.maillage.directory.service.Written;
import fr.maillage.platform.api.PageRequest;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.idempotency.IdempotentRequests;
import fr.maillage.platform.security.Caller;
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

/**
 * People are personal data: nothing here is public. A partner application or agent sees the people of its
 * partner (and those staffing its places) and writes those of its partner; a volunteer sees their own
 * record; the administrator sees and writes everyone.
 */
@Path("/api/v1/people")
@Tag(name = "People", description = "Personnes qui tiennent les lieux (conseillers numériques, agents, bénévoles…) : données personnelles, jamais publiques")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PersonResource {

    private final PersonService people;
    private final DirectoryConfig config;
    private final IdempotentRequests idempotent;

    PersonResource(PersonService people, DirectoryConfig config, IdempotentRequests idempotent) {
        this.people = people;
        this.config = config;
        this.idempotent = idempotent;
    }

    @POST
    @RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP, Caller.AGENT })
    @Operation(operationId = "createPerson", summary = "Create a person", description = "Roles: admin (any partner), partner-app or agent (for its own partner, "
            + "the default of partnerId, and its own places only). partnerId, if omitted, is also deduced from the places when "
            + "they all belong to one partner. Publishes PersonUpserted on directory.people.v1.")
    @APIResponse(responseCode = "201", headers = { @Header(name = "ETag"), @Header(name = "Location") }, description = "Created", content = @Content(schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or Idempotency-Key")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "Wrong role, or a partner or place of another organisation")
    @APIResponse(responseCode = "422", description = "A field breaks a rule (role, phone, email, unknown place…), or an Idempotency-Key already used for another body")
    public Response create(@Parameter(description = "Retrying with the same key and the same body returns the first answer (Idempotent-Replayed: true); another body with that key is refused (422). 1-200 printable ASCII characters, kept 24 h, per client") @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull PersonRequest request) {
        return idempotent.execute("POST /api/v1/people", idempotencyKey, request, () -> {
            Person person = people.create(request.command());
            return Response.created(URI.create("/api/v1/people/" + person.id)).tag(String.valueOf(person.version))
                    .entity(PersonResponse.of(person)).build();
        });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP, Caller.AGENT })
    @Operation(operationId = "createOrReplacePerson", summary = "Create or replace a person with a client-chosen id", description = "Roles: admin, or partner-app or "
            + "agent of the person's partner (it can neither take over another partner's person nor give one of its own away, "
            + "and assigns people to its own places only). Idempotent; with If-Match a stale version is refused.")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"), description = "Replaced (or unchanged)", content = @Content(schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "201", headers = @Header(name = "ETag"), description = "Created", content = @Content(schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "Wrong role, or a person, partner or place of another organisation")
    @APIResponse(responseCode = "404", description = "If-Match given for a person that does not exist")
    @APIResponse(responseCode = "409", description = "Stale If-Match version")
    @APIResponse(responseCode = "422", description = "A field breaks a rule")
    public Response put(@PathParam("id") String idParam, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull PersonRequest request) {
        UUID id = QueryParams.pathId(idParam, "Personne");
        Written<Person> written = people.put(id, request.command(), QueryParams.ifMatch(ifMatch));
        return Response.status(written.created() ? 201 : 200).tag(String.valueOf(written.entity().version))
                .entity(PersonResponse.of(written.entity())).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP, Caller.AGENT, Caller.VOLUNTEER })
    @Operation(operationId = "getPerson", summary = "Get a person", description = "Roles: admin (everyone), partner-app or agent (people of its partner "
            + "or staffing its places), volunteer (their own record, claim person). Anyone else is answered 404, as if unknown.")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"), description = "The person; ETag carries the version", content = @Content(schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "A token without any of the roles")
    @APIResponse(responseCode = "404", description = "Unknown person, or one the caller may not see")
    public Response get(@PathParam("id") String idParam) {
        UUID id = QueryParams.pathId(idParam, "Personne");
        Person person = people.get(id);
        return Response.ok(PersonResponse.of(person)).tag(String.valueOf(person.version)).build();
    }

    @GET
    @RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP, Caller.AGENT, Caller.VOLUNTEER })
    @Operation(operationId = "listPeople", summary = "List people", description = "Roles: admin (everyone), partner-app or agent (people of its partner "
            + "or staffing its places), volunteer (their own record only). Paginated, filtered by place, partner or role.")
    @APIResponse(responseCode = "200", description = "A page of the people the caller may see", content = @Content(schema = @Schema(implementation = PageResponse.class)))
    @APIResponse(responseCode = "400", description = "Bad paging or unknown role")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "A token without any of the roles")
    public PageResponse<PersonResponse> list(@QueryParam("placeId") String placeParam, @QueryParam("partnerId") String partnerParam,
            @QueryParam("role") String role, @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = Paging.of(page, size, config);
        UUID placeId = QueryParams.uuid("placeId", placeParam);
        UUID partnerId = QueryParams.uuid("partnerId", partnerParam);
        String canonicalRole = role == null || role.isBlank() ? null : PlaceResource.filter("role", role, Standard.ROLES);
        PersonService.Found found = people.list(placeId, partnerId, canonicalRole, paging.offset(), paging.size());
        return new PageResponse<>(found.people().stream().map(PersonResponse::of).toList(), paging.page(), paging.size(),
                found.total());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP, Caller.AGENT })
    @Operation(operationId = "deletePerson", summary = "Delete a person", description = "Roles: admin, or partner-app or agent of the person's partner. Publishes PersonDeleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "Wrong role, or a person of another organisation")
    @APIResponse(responseCode = "404", description = "Unknown person")
    @APIResponse(responseCode = "409", description = "Stale If-Match version")
    public Response delete(@PathParam("id") String idParam, @HeaderParam("If-Match") String ifMatch) {
        UUID id = QueryParams.pathId(idParam, "Personne");
        people.delete(id, QueryParams.ifMatch(ifMatch));
        return Response.noContent().build();
    }
}
