package fr.maillage.directory.api;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.directory.domain.NotFoundException;
import fr.maillage.directory.domain.Person;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.service.PersonService;
import fr.maillage.directory.service.Written;
import io.quarkus.panache.common.Sort;
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

@Path("/api/v1/people")
@Tag(name = "People", description = "Personnes qui tiennent les lieux (conseillers numériques, agents, bénévoles…)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PersonResource {
    static final String PROBLEM_422 = "{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\",\"status\":422,\"detail\":\"phone : le numéro « 12 » n'est pas un numéro de téléphone valide\",\"field\":\"phone\",\"violations\":[{\"field\":\"phone\",\"message\":\"le numéro « 12 » n'est pas un numéro de téléphone valide\"}]}";
    static final String PROBLEM_404 = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"Aucune personne avec l'identifiant 00000000-0000-4000-8000-000000000299\",\"field\":\"id\"}";
    static final String PROBLEM_409 = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"version périmée de la personne : vous avez lu la version 1, la version actuelle est 2 ; relisez la ressource puis recommencez votre modification\",\"field\":\"If-Match\"}";

    private final PersonService people;
    private final DirectoryConfig config;

    PersonResource(PersonService people, DirectoryConfig config) {
        this.people = people;
        this.config = config;
    }

    @POST
    @Operation(summary = "Create a person", description = "Publishes PersonUpserted on directory.people.v1.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "A field breaks a rule (role, phone, email, unknown place…)", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, examples = @ExampleObject(value = PROBLEM_422)))
    public Response create(@Parameter(description = "Retrying with the same key returns the resource created the first time") @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull PersonRequest request) {
        UUID keyed = Idempotency.id("people", idempotencyKey);
        Person replayed = keyed == null ? null : Person.findById(keyed);
        if (replayed != null) {
            return Response.created(URI.create("/api/v1/people/" + replayed.id)).tag(String.valueOf(replayed.version))
                    .header(Idempotency.REPLAYED, "true").entity(PersonResponse.of(replayed)).build();
        }
        Person person = keyed == null ? people.create(request) : people.put(keyed, request, null).entity();
        return Response.created(URI.create("/api/v1/people/" + person.id)).tag(String.valueOf(person.version))
                .entity(PersonResponse.of(person)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Create or replace a person with a client-chosen id", description = "Idempotent; with If-Match a stale version is refused.")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)", content = @Content(schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "If-Match given for a person that does not exist", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, examples = @ExampleObject(value = PROBLEM_404)))
    @APIResponse(responseCode = "409", description = "Stale If-Match version", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, examples = @ExampleObject(value = PROBLEM_409)))
    @APIResponse(responseCode = "422", description = "A field breaks a rule", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, examples = @ExampleObject(value = PROBLEM_422)))
    public Response put(@PathParam("id") String idParam, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull PersonRequest request) {
        UUID id = Params.pathId(idParam, "Aucune personne");
        Written<Person> written = people.put(id, request, Versions.parseIfMatch(ifMatch));
        return Response.status(written.created() ? 201 : 200).tag(String.valueOf(written.entity().version))
                .entity(PersonResponse.of(written.entity())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a person")
    @APIResponse(responseCode = "200", description = "The person; ETag carries the version", content = @Content(schema = @Schema(implementation = PersonResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown person", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, examples = @ExampleObject(value = PROBLEM_404)))
    public Response get(@PathParam("id") String idParam) {
        UUID id = Params.pathId(idParam, "Aucune personne");
        Person person = Person.findById(id);
        if (person == null) {
            throw new NotFoundException("Aucune personne avec l'identifiant " + id);
        }
        return Response.ok(PersonResponse.of(person)).tag(String.valueOf(person.version)).build();
    }

    @GET
    @Operation(summary = "List people", description = "Paginated, filtered by place, partner or role.")
    @APIResponse(responseCode = "200", description = "A page of people", content = @Content(schema = @Schema(implementation = PageResponse.class)))
    @APIResponse(responseCode = "400", description = "Bad paging or unknown role", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON))
    public PageResponse<PersonResponse> list(@QueryParam("placeId") String placeParam, @QueryParam("partnerId") String partnerParam,
            @QueryParam("role") String role, @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size, config);
        UUID placeId = Params.uuid("placeId", placeParam);
        UUID partnerId = Params.uuid("partnerId", partnerParam);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (placeId != null) {
            where.append(" and array_contains(placeIds, :place)");
            params.put("place", placeId);
        }
        if (partnerId != null) {
            where.append(" and partnerId = :partner");
            params.put("partner", partnerId);
        }
        if (role != null && !role.isBlank()) {
            where.append(" and role = :role");
            params.put("role", PlaceResource.filter("role", role, Standard.ROLES));
        }
        var query = Person.<Person>find(where.toString(), Sort.by("lastName").and("firstName").and("id"), params);
        long total = query.count();
        List<PersonResponse> items = query.page(paging.page(), paging.size()).list().stream().map(PersonResponse::of).toList();
        return new PageResponse<>(items, paging.page(), paging.size(), total);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a person", description = "Publishes PersonDeleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown person", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, examples = @ExampleObject(value = PROBLEM_404)))
    @APIResponse(responseCode = "409", description = "Stale If-Match version", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, examples = @ExampleObject(value = PROBLEM_409)))
    public Response delete(@PathParam("id") String idParam, @HeaderParam("If-Match") String ifMatch) {
        UUID id = Params.pathId(idParam, "Aucune personne");
        people.delete(id, Versions.parseIfMatch(ifMatch));
        return Response.noContent().build();
    }
}
