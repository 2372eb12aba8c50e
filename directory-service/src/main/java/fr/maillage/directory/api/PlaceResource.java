package fr.maillage.directory.api;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.directory.domain.Commune;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.Standard;
import fr.maillage.directory.service.CommuneService;
import fr.maillage.directory.service.PlaceSearchService;
import fr.maillage.directory.service.PlaceService;
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

@Path("/api/v1/places")
@Tag(name = "Places", description = "Lieux de médiation numérique (standard national v1.0) and their search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlaceResource {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final PlaceService places;
    private final PlaceSearchService search;
    private final CommuneService communes;
    private final DirectoryConfig config;
    private final IdempotentRequests idempotent;

    PlaceResource(PlaceService places, PlaceSearchService search, CommuneService communes, DirectoryConfig config, IdempotentRequests idempotent) {
        this.places = places;
        this.search = search;
        this.communes = communes;
        this.config = config;
        this.idempotent = idempotent;
    }

    @POST
    @RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP })
    @Operation(operationId = "createPlace", summary = "Create a place", description = "Roles: admin, or partner-app for its own partner (partnerId = its claim org). Publishes PlaceUpserted on directory.places.v1.")
    @APIResponse(responseCode = "201", headers = { @Header(name = "ETag"), @Header(name = "Location") }, description = "Created", content = @Content(schema = @Schema(implementation = PlaceResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or Idempotency-Key")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "Wrong role, or a place for another organisation")
    @APIResponse(responseCode = "422", description = "A field breaks a rule (unknown commune, postal code, opening hours, phone, enumeration…), or an Idempotency-Key already used for another body")
    public Response create(@Parameter(description = "Retrying with the same key and the same body returns the first answer (Idempotent-Replayed: true); another body with that key is refused (422). 1-200 printable ASCII characters, kept 24 h, per client") @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull PlaceRequest request) {
        return idempotent.execute("POST /api/v1/places", idempotencyKey, request, () -> {
            Place place = places.create(request.command());
            return Response.created(URI.create("/api/v1/places/" + place.id)).tag(String.valueOf(place.version))
                    .entity(response(place, null)).build();
        });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP })
    @Operation(operationId = "createOrReplacePlace", summary = "Create or replace a place with a client-chosen id", description = "Roles: admin, or partner-app of the place's partner (it cannot move a place to another partner, nor take over another's). Idempotent; with If-Match a stale version is refused.")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"), description = "Replaced (or unchanged)", content = @Content(schema = @Schema(implementation = PlaceResponse.class)))
    @APIResponse(responseCode = "201", headers = @Header(name = "ETag"), description = "Created", content = @Content(schema = @Schema(implementation = PlaceResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "Wrong role, or a place of another organisation")
    @APIResponse(responseCode = "404", description = "If-Match given for a place that does not exist")
    @APIResponse(responseCode = "409", description = "Stale If-Match version")
    @APIResponse(responseCode = "422", description = "A field breaks a rule")
    public Response put(@PathParam("id") String idParam, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull PlaceRequest request) {
        UUID id = QueryParams.pathId(idParam, "Lieu");
        Written<Place> written = places.put(id, request.command(), QueryParams.ifMatch(ifMatch));
        return Response.status(written.created() ? 201 : 200).tag(String.valueOf(written.entity().version))
                .entity(response(written.entity(), null)).build();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "getPlace", summary = "Get a place", description = "Public (published data of the standard; the contact details are the place's, not a person's).")
    @APIResponse(responseCode = "200", headers = @Header(name = "ETag"), description = "The place; ETag carries the version", content = @Content(schema = @Schema(implementation = PlaceResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown place")
    public Response get(@PathParam("id") String idParam) {
        UUID id = QueryParams.pathId(idParam, "Lieu");
        Place place = Place.findById(id);
        if (place == null) {
            throw Problem.notFound("id", "Aucun lieu avec l'identifiant " + id);
        }
        return Response.ok(response(place, null)).tag(String.valueOf(place.version)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP })
    @Operation(operationId = "deletePlace", summary = "Delete a place", description = "Roles: admin, or partner-app of the place's partner. Publishes PlaceDeleted; people who staffed it are updated (PersonUpserted).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or wrongly signed one")
    @APIResponse(responseCode = "403", description = "Wrong role, or a place of another organisation")
    @APIResponse(responseCode = "404", description = "Unknown place")
    @APIResponse(responseCode = "409", description = "Stale If-Match version")
    public Response delete(@PathParam("id") String idParam, @HeaderParam("If-Match") String ifMatch) {
        UUID id = QueryParams.pathId(idParam, "Lieu");
        places.delete(id, QueryParams.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @PermitAll
    @Operation(operationId = "listPlaces", summary = "Search places", description = """
            Public. Without a location: all places by name. With `insee`: places in the commune or serving it (plus, with `radiusKm`, \
            those within that distance of its centre). With `lat`+`lon`: places within `radiusKm` (default 10). Sorted by \
            distance. Filters use the standard's exact strings. `openAt` (ISO date-time; without offset it is Paris time) \
            keeps places whose OSM opening hours say they are open then; French national public holidays count where \
            the hours name them (`PH off`, `PH 10:00-12:00`, `Su,PH off`), as in OSM a holiday otherwise keeps the \
            weekly schedule.""")
    @APIResponse(responseCode = "200", description = "A page of places with distanceKm", content = @Content(schema = @Schema(implementation = PageResponse.class)))
    @APIResponse(responseCode = "400", description = "Bad parameter (unknown filter value, radius, coordinates, openAt, paging)")
    @APIResponse(responseCode = "404", description = "Unknown commune")
    public PageResponse<PlaceResponse> search(
            @Parameter(description = "INSEE code of a commune", example = "80212") @QueryParam("insee") String insee,
            @QueryParam("lat") String latParam, @QueryParam("lon") String lonParam,
            @Parameter(description = "Radius in km (max 200)", example = "30") @QueryParam("radiusKm") String radiusParam,
            @Parameter(example = "Aide aux démarches administratives") @QueryParam("service") String service,
            @Parameter(example = "France Services") @QueryParam("programme") String programme,
            @Parameter(example = "Seniors") @QueryParam("public") String publicValue,
            @Parameter(example = "Gratuit") @QueryParam("fee") String fee,
            @Parameter(description = "A modalité d'accompagnement or d'accès", example = "Accompagnement individuel") @QueryParam("modality") String modality,
            @Parameter(example = "2026-12-01T10:00:00+01:00") @QueryParam("openAt") String openAt,
            @QueryParam("partnerId") String partnerParam,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = Paging.of(page, size, config);
        Double lat = QueryParams.decimal("lat", latParam);
        Double lon = QueryParams.decimal("lon", lonParam);
        Double radiusKm = QueryParams.decimal("radiusKm", radiusParam);
        UUID partnerId = QueryParams.uuid("partnerId", partnerParam);
        if ((lat == null) != (lon == null)) {
            throw Problem.badRequest(lat == null ? "lat" : "lon", "lat et lon vont ensemble");
        }
        if (lat != null && (lat < -90 || lat > 90)) {
            throw Problem.badRequest("lat", "la latitude doit être comprise entre -90 et 90");
        }
        if (lon != null && (lon < -180 || lon > 180)) {
            throw Problem.badRequest("lon", "la longitude doit être comprise entre -180 et 180");
        }
        if (lat != null && insee != null) {
            throw Problem.badRequest("insee", "cherchez soit autour d'une commune (insee), soit autour d'un point (lat, lon)");
        }
        if (radiusKm != null && (radiusKm <= 0 || radiusKm > config.search().maxRadiusKm())) {
            throw Problem.badRequest("radiusKm",
                    "le rayon doit être compris entre 0 et " + (int) config.search().maxRadiusKm() + " km");
        }
        String inseeCode = null;
        if (insee != null) {
            Commune commune = communes.find(insee.strip());
            if (commune == null) {
                throw Problem.notFound("insee", "Aucune commune actuelle avec le code INSEE « " + insee + " »");
            }
            inseeCode = commune.codeInsee;
        }
        PlaceSearchService.Criteria criteria = new PlaceSearchService.Criteria(inseeCode, lat, lon,
                lat != null && radiusKm == null ? Double.valueOf(10.0) : radiusKm,
                filter("service", service, Standard.SERVICES), filter("programme", programme, Standard.PROGRAMMES),
                filter("public", publicValue, Standard.PUBLICS), filter("fee", fee, Standard.FRAIS),
                modality(modality), openAt(openAt), partnerId);
        PlaceSearchService.Result result = search.search(criteria, paging.offset(), paging.size());
        return new PageResponse<>(result.items().stream().map(PlaceResponse::of).toList(), paging.page(), paging.size(), result.total());
    }

    private PlaceResponse response(Place place, Double distanceKm) {
        Commune commune = communes.find(place.inseeCode);
        return PlaceResponse.of(place, commune == null ? null : commune.nom, distanceKm);
    }

    static String filter(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String canonical = Standard.canonical(allowed, value);
        if (canonical == null) {
            throw Problem.badRequest(field,
                    "valeur inconnue « " + value + " » ; valeurs admises : " + String.join(" | ", allowed));
        }
        return canonical;
    }

    static String modality(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String canonical = Standard.canonical(Standard.MODALITES_ACCOMPAGNEMENT, value);
        if (canonical == null) {
            canonical = Standard.canonical(Standard.MODALITES_ACCES, value);
        }
        if (canonical == null) {
            throw Problem.badRequest("modality", "valeur inconnue « " + value + " » ; valeurs admises : "
                    + String.join(" | ", Standard.MODALITES_ACCOMPAGNEMENT) + " | " + String.join(" | ", Standard.MODALITES_ACCES));
        }
        return canonical;
    }

    static LocalDateTime openAt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).atZoneSameInstant(PARIS).toLocalDateTime();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value.strip());
            } catch (DateTimeParseException e2) {
                throw Problem.badRequest("openAt",
                        "date-heure ISO 8601 attendue, par exemple 2026-12-01T10:00:00+01:00 (reçu « " + value + " »)");
            }
        }
    }
}
