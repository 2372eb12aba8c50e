package fr.maillage.offers.api;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.offers.config.OffersConfig;
import fr.maillage.offers.domain.Coded;
import fr.maillage.platform.api.PageRequest;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import fr.maillage.offers.domain.Offer;
import fr.maillage.offers.domain.OfferStatus;
import fr.maillage.offers.domain.OfferType;
import fr.maillage.offers.domain.Audience;
import fr.maillage.offers.domain.PlaceRef;
import fr.maillage.offers.domain.SchedulePlanner;
import fr.maillage.offers.domain.Session;
import fr.maillage.offers.domain.Theme;
import fr.maillage.offers.service.OfferService;
import fr.maillage.offers.service.PlanningService;
import fr.maillage.offers.service.ReferenceData;
import fr.maillage.offers.service.SearchService;
import fr.maillage.offers.service.Views;
import io.quarkus.panache.common.Page;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The reads of /api/v1/offers: public, some widened by a valid token (the writes are {@link OfferWriteResource}). */
@Path("/api/v1/offers")
@Tag(name = OfferResource.TAG, description = OfferResource.TAG_DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
public class OfferResource {
    /** The one tag of the reads and the writes. */
    static final String TAG = "Offres";
    static final String TAG_DESCRIPTION = "Catalogue des offres d'inclusion numérique, calendriers et recherche à proximité";
    private static final Pattern INSEE = Pattern.compile("^[0-9][0-9AB][0-9]{3}$");
    private static final Pattern LAT_LON = Pattern.compile("^(-?\\d{1,2}(?:\\.\\d+)?),\\s*(-?\\d{1,3}(?:\\.\\d+)?)$");
    /** Said by the public reads whose answer depends on a valid token (they never answer 401). */
    private static final String PERSONALISED = " Un jeton valide (Authorization: Bearer) élargit la réponse comme indiqué ; un jeton invalide,"
            + " expiré ou d'un autre émetteur est ignoré : la réponse est alors celle faite sans jeton (jamais de 401 ici).";
    /** Said by the public reads that never depend on the caller. */
    private static final String TOKEN_IGNORED = " Un jeton éventuel (valide ou non) est ignoré : jamais de 401.";
    private static final String PUBLIC_READ = " Public (sans jeton) : offres publiées seulement ; une offre en brouillon, suspendue ou archivée"
            + " n'est visible que d'un admin et des partner-app/agent de sa structure (404 pour les autres)." + PERSONALISED;

    private final OfferService offers;
    private final OfferResponses responses;
    private final SearchService search;
    private final ReferenceData reference;
    private final OffersConfig config;

    OfferResource(OfferService offers, OfferResponses responses, SearchService search, ReferenceData reference,
            OffersConfig config) {
        this.offers = offers;
        this.responses = responses;
        this.search = search;
        this.reference = reference;
        this.config = config;
    }

    // ---------------------------------------------------------------- reads

    @GET
    @Path("/{id}")
    @Operation(operationId = "getOffer", summary = "Lire une offre", description = "L'offre et sa version (ETag)." + PUBLIC_READ)
    @PermitAll
    @APIResponse(responseCode = "200", description = "L'offre", headers = @Header(name = "ETag", description = "Version, à renvoyer dans If-Match"),
            content = @Content(schema = @Schema(implementation = OfferResponse.class)))
    @APIResponse(responseCode = "400", description = "Identifiant mal formé")
    @APIResponse(responseCode = "404", description = "Offre inconnue, ou non publiée et d'une autre structure")
    public Response get(@PathParam("id") String id) {
        return responses.withEtag(Response.ok(), offers.get(QueryParams.uuid("id", id)));
    }

    @GET
    @Operation(operationId = "searchOffers", summary = "Rechercher des offres",
            description = "Avec near : offres publiées proches (rayon radiusKm) ou desservant la commune cherchée, triées par distance puis "
                    + "prochaine séance. Sans near : liste filtrée (status, partnerId, placeId), triée par titre. Public : la recherche avec near"
                    + " ne donne que des offres publiées, pour tous ; la liste sans near donne en plus, à un admin, toutes les offres et, à une"
                    + " partner-app ou un agent, celles de sa structure quel que soit leur statut." + PERSONALISED)
    @PermitAll
    @APIResponse(responseCode = "200", description = "Une page d'offres", headers = @Header(name = "X-Total-Count"),
            content = @Content(schema = @Schema(implementation = Pages.OfferHitPage.class),
                    examples = @ExampleObject(name = "page", value = """
                            {"items":[{"id":"00000000-0000-4000-8000-000000000301","title":"Permanence conseiller numérique","type":"permanence_individuelle",
                              "themes":["aide_demarches","outils_quotidien"],"status":"published","place":{"id":"00000000-0000-4000-8000-000000000101",
                              "name":"Pôle socioculturel","commune":"Romagné","inseeCode":"35243","postalCode":"35133","timeZone":"Europe/Paris"},"distanceKm":0.4,
                              "servesSearchedCommune":true,"nextSession":{"id":"5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b","start":"2026-12-01T09:00:00+01:00","end":"2026-12-01T09:30:00+01:00","remaining":1}}],
                             "page":0,"size":20,"total":1}""")))
    @APIResponse(responseCode = "400", description = "Paramètre mal formé")
    @APIResponse(responseCode = "422", description = "Commune inconnue, thème inconnu, rayon trop grand")
    public Response search(
            @Parameter(description = "Code INSEE de commune (ex. 35243) ou « latitude,longitude »") @QueryParam("near") String near,
            @Parameter(description = "Rayon en km (défaut 20, max 200)") @QueryParam("radiusKm") String radiusKm,
            @Parameter(description = "Code de thème ; un service du standard inclut ses sujets") @QueryParam("theme") String theme,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = { "permanence_individuelle", "atelier_collectif",
                    "formation", "acces_libre", "aide_ponctuelle" })) @QueryParam("type") String type,
            @Parameter(description = "Public visé (les offres tout public sont incluses)") @QueryParam("public") String audience,
            @Parameter(description = "Début de période (AAAA-MM-JJ ou date-heure ISO), défaut maintenant") @QueryParam("from") String from,
            @Parameter(description = "Fin de période, défaut from + 90 jours") @QueryParam("to") String to,
            @Parameter(description = "Seulement les offres ayant une séance avec une place libre dans la période") @QueryParam("available") String available,
            @Parameter(description = "Sans near : filtre de statut") @QueryParam("status") String status,
            @Parameter(description = "Sans near : structure porteuse") @QueryParam("partnerId") String partnerId,
            @Parameter(description = "Sans near : lieu") @QueryParam("placeId") String placeId,
            @Parameter(description = "Page, à partir de 0") @QueryParam("page") String page,
            @Parameter(description = "Taille de page (défaut 20, max 100)") @QueryParam("size") String size) throws SQLException {
        Views.Page<Views.OfferHit> result;
        if (near == null || near.isBlank()) {
            if (status != null && Coded.parse(OfferStatus.class, status).isEmpty()) {
                throw Problem.ruleBroken("status", "Statut inconnu « " + status + " » : valeurs possibles " + Coded.codes(OfferStatus.class) + ".");
            }
            PageRequest paging = paging(page, size);
            result = search.list(status, QueryParams.uuid("partnerId", partnerId), QueryParams.uuid("placeId", placeId),
                    themes(theme), offerType(type), paging.page(), paging.size());
        } else {
            result = search.search(criteria(near, radiusKm, theme, type, audience, from, to, available, page, size));
        }
        return Response.ok(result).header("X-Total-Count", result.total()).build();
    }

    @GET
    @Path("/next-available")
    @Operation(operationId = "listNextAvailableSessions", summary = "Prochaines séances avec une place libre à proximité",
            description = "Séances planifiées, encore réservables (délai minimum de l'offre respecté), triées par date puis distance."
                    + " Public : offres publiées seulement." + TOKEN_IGNORED)
    @PermitAll
    @APIResponse(responseCode = "200", description = "Une page de séances", headers = @Header(name = "X-Total-Count"),
            content = @Content(schema = @Schema(implementation = Pages.AvailableSessionPage.class)))
    @APIResponse(responseCode = "400", description = "Paramètre mal formé ou near absent")
    @APIResponse(responseCode = "422", description = "Commune ou thème inconnu")
    public Response nextAvailable(@Parameter(required = true, description = "Code INSEE ou « latitude,longitude »") @QueryParam("near") String near,
            @QueryParam("radiusKm") String radiusKm, @QueryParam("theme") String theme, @QueryParam("type") String type,
            @QueryParam("public") String audience, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") String page, @QueryParam("size") String size) throws SQLException {
        if (near == null || near.isBlank()) {
            throw Problem.badRequest("near", "near est obligatoire : code INSEE (ex. 35243) ou « latitude,longitude ».");
        }
        Views.Page<Views.AvailableSession> result = search.nextAvailable(
                criteria(near, radiusKm, theme, type, audience, from, to, "true", page, size));
        return Response.ok(result).header("X-Total-Count", result.total()).build();
    }

    @GET
    @Path("/{id}/sessions")
    @Operation(operationId = "listOfferSessions", summary = "Séances d'une offre", description = "Séances planifiées et annulées de la période, avec les places restantes (selon booking)."
            + PUBLIC_READ)
    @PermitAll
    @APIResponse(responseCode = "200", description = "Une page de séances", headers = @Header(name = "X-Total-Count"),
            content = @Content(schema = @Schema(implementation = Pages.SessionPage.class)))
    @APIResponse(responseCode = "400", description = "Paramètre mal formé")
    @APIResponse(responseCode = "404", description = "Offre inconnue")
    @APIResponse(responseCode = "422", description = "Période invalide (fin avant début, trop longue)")
    public Response sessions(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        Offer offer = offers.get(QueryParams.uuid("id", id));
        OffsetDateTime[] range = range(from, to);
        PageRequest paging = paging(page, size);
        int p = paging.page();
        int s = paging.size();
        var query = Session.<Session>find("offerId = ?1 and startAt >= ?2 and startAt < ?3 order by startAt, id", offer.id,
                range[0], range[1]);
        java.util.Map<java.util.UUID, ZoneId> zones = new java.util.HashMap<>();
        List<Views.SessionView> items = query.page(Page.of(p, s)).list().stream()
                .map(session -> view(session, zones.computeIfAbsent(session.placeId,
                        placeId -> PlanningService.zoneOf(PlaceRef.findById(placeId)))))
                .toList();
        long total = query.count();
        return Response.ok(new Views.Page<>(items, p, s, total)).header("X-Total-Count", total).build();
    }

    @GET
    @Path("/themes")
    @Operation(operationId = "listThemes", summary = "Thèmes possibles (codes stables)", description = "Les 9 services du standard de la médiation numérique et les sujets plus fins rattachés. Public." + TOKEN_IGNORED)
    @PermitAll
    @APIResponse(responseCode = "200", description = "Les thèmes", content = @Content(schema = @Schema(implementation = Views.ThemeView.class, type = SchemaType.ARRAY)))
    public List<Views.ThemeView> themes() {
        return Arrays.stream(Theme.values()).map(t -> new Views.ThemeView(t.code(), t.label(),
                t.parent() == null ? null : t.parent().code())).toList();
    }

    // ---------------------------------------------------------------- mapping and parsing


    /** A session as people read it: at the offset of its place's time zone (issue 21), named in timeZone. */
    private static Views.SessionView view(Session s, ZoneId zone) {
        return new Views.SessionView(s.id, s.offerId, s.placeId, s.startAt.atZoneSameInstant(zone).toOffsetDateTime(),
                s.endAt.atZoneSameInstant(zone).toOffsetDateTime(), zone.getId(), s.capacity, s.confirmed, s.waitlisted,
                s.remaining == null ? Math.max(0, s.capacity - s.confirmed) : s.remaining, s.shownStatus(), s.shownCancelReason(),
                s.version);
    }

    private SearchService.Criteria criteria(String near, String radiusKm, String theme, String type, String audience,
            String from, String to, String available, String page, String size) {
        double lat;
        double lon;
        String insee = null;
        String value = near.strip();
        Matcher m = LAT_LON.matcher(value);
        if (INSEE.matcher(value).matches()) {
            insee = value;
            ReferenceData.Commune c = reference.commune(value).orElseThrow(() -> Problem.ruleBroken("near",
                    "Commune inconnue : le code INSEE « " + value + " » n'existe pas."));
            if (c.latitude() == null) {
                throw Problem.ruleBroken("near", "La commune " + c.name() + " n'a pas de coordonnées connues : cherchez par « latitude,longitude ».");
            }
            lat = c.latitude();
            lon = c.longitude();
        } else if (m.matches()) {
            lat = Double.parseDouble(m.group(1));
            lon = Double.parseDouble(m.group(2));
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                throw Problem.badRequest("near", "Coordonnées hors limites : latitude entre -90 et 90, longitude entre -180 et 180.");
            }
        } else {
            throw Problem.badRequest("near", "near attend un code INSEE (ex. 35243) ou « latitude,longitude » (ex. 48.34,-1.27).");
        }
        Double given = QueryParams.decimal("radiusKm", radiusKm);
        double radius = given == null ? config.search().defaultRadiusKm() : given;
        if (given != null) {
            if (!(radius > 0) || radius > config.search().maxRadiusKm()) {
                throw Problem.ruleBroken("radiusKm", "Le rayon doit être compris entre 0 (exclu) et "
                        + (int) config.search().maxRadiusKm() + " km.");
            }
        }
        if (audience != null && Coded.parse(Audience.class, audience).isEmpty()) {
            throw Problem.ruleBroken("public", "Public inconnu « " + audience + " » : valeurs possibles " + Coded.codes(Audience.class) + ".");
        }
        boolean onlyAvailable = false;
        if (available != null) {
            if (!available.equals("true") && !available.equals("false")) {
                throw Problem.badRequest("available", "available attend true ou false.");
            }
            onlyAvailable = Boolean.parseBoolean(available);
        }
        OffsetDateTime[] range = range(from, to);
        PageRequest paging = paging(page, size);
        return new SearchService.Criteria(lat, lon, insee, radius, themes(theme), offerType(type), audience, range[0], range[1],
                onlyAvailable, paging.page(), paging.size());
    }

    private OffsetDateTime[] range(String from, String to) {
        OffsetDateTime start = from == null ? OffsetDateTime.now() : dateTime(from, "from");
        OffsetDateTime end = to == null ? start.plus(config.planning().window()) : dateTime(to, "to");
        if (!end.isAfter(start)) {
            throw Problem.ruleBroken("to", "La fin de période doit être après le début.");
        }
        if (end.isAfter(start.plus(config.search().maxRange()))) {
            throw Problem.ruleBroken("to", "La période demandée est trop longue (au plus " + config.search().maxRange().getDays() + " jours).");
        }
        return new OffsetDateTime[] { start, end };
    }

    /** A day (AAAA-MM-JJ, from its midnight in Paris) or an ISO-8601 date-time with offset. */
    private static OffsetDateTime dateTime(String value, String field) {
        return value.strip().length() == 10 ? QueryParams.date(field, value).atStartOfDay(SchedulePlanner.PARIS).toOffsetDateTime()
                : QueryParams.time(field, value);
    }

    private static List<String> themes(String theme) {
        if (theme == null) {
            return null;
        }
        return Coded.parse(Theme.class, theme).map(Theme::codeWithTopics).orElseThrow(() -> Problem.ruleBroken("theme",
                "Thème inconnu « " + theme + " » : voir GET /api/v1/offers/themes."));
    }

    private static String offerType(String type) {
        if (type != null && Coded.parse(OfferType.class, type).isEmpty()) {
            throw Problem.ruleBroken("type", "Type d'offre inconnu « " + type + " » : valeurs possibles " + Coded.codes(OfferType.class) + ".");
        }
        return type;
    }

    /** page from 0 to 10000 (default 0), size from 1 to maillage.search.max-page-size (default 20). */
    private PageRequest paging(String page, String size) {
        Integer p = QueryParams.integer("page", page, 0, 10_000);
        Integer n = QueryParams.integer("size", size);
        return QueryParams.page(p == null ? 0 : p, n == null ? 20 : n, config.search().maxPageSize());
    }

}
