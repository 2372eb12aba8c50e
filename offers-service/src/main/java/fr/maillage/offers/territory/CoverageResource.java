package fr.maillage.offers.territory;

import java.sql.SQLException;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.offers.domain.Theme;
import fr.maillage.platform.api.PageRequest;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** GET /api/v1/territory/coverage (issue 20 §1): JSON, or CSV with {@code Accept: text/csv} or {@code ?format=csv}. */
@Path("/api/v1/territory/coverage")
@Tag(name = "Territoire", description = "Couverture et indicateurs d'un territoire (EPCI, département, commune), pour les"
        + " coordinateurs (dans leur territoire) et les administrateurs")
public class CoverageResource {
    static final double DEFAULT_RADIUS_KM = 10;
    static final double MAX_RADIUS_KM = 100;
    static final int DEFAULT_DAYS = 14;
    static final int MAX_DAYS = 92;
    static final int DEFAULT_SIZE = 50;
    /** A département's communes in one page (the largest has fewer than 1,000): the map draws them all. */
    static final int MAX_SIZE = 1000;
    static final List<String> CSV_COLUMNS = List.of("code_insee", "commune", "epci", "departement", "population", "couverte",
            "moyen", "lieu", "distance_km", "prochaine_disponibilite");

    static final String EXAMPLE = """
            {"territory":{"type":"epci","code":"248000531","name":"CA Amiens Métropole","departement":"80"},
             "theme":"aide_demarches","radiusKm":10,"days":14,"computedAt":"2026-12-06T18:30:00+01:00",
             "communes":39,"population":177000,"coveredCommunes":30,"coveredPopulation":170000,
             "uncoveredCommunes":9,"uncoveredPopulation":7000,"uncoveredShareOfPopulation":0.0395,
             "items":[{"code":"80092","name":"Bertangles","epci":"248000531","departement":"80","population":700,
                       "latitude":49.9725,"longitude":2.3003,"covered":false,"coverage":null},
                      {"code":"80021","name":"Amiens","epci":"248000531","departement":"80","population":133000,
                       "latitude":49.9,"longitude":2.29,"covered":true,
                       "coverage":{"kind":"session","reach":"distance","offerId":"00000000-0000-4000-8000-000000000301",
                                   "placeId":"00000000-0000-4000-8000-000000000101","placeName":"France services Amiens",
                                   "distanceKm":1.2,"nextAt":"2026-12-08T09:00:00+01:00"}},
                      {"code":"80020","name":"Allonville","epci":"248000531","departement":"80","population":1100,
                       "latitude":49.94,"longitude":2.37,"covered":true,
                       "coverage":{"kind":"walk_in","reach":"served","offerId":null,
                                   "placeId":"00000000-0000-4000-8000-000000000102","placeName":"Médiathèque de Rivery",
                                   "distanceKm":4.1,"nextAt":"2026-12-07T09:00:00+01:00"}}],
             "page":0,"size":50,"total":39}""";
    static final String CSV_EXAMPLE = """
            code_insee;commune;epci;departement;population;couverte;moyen;lieu;distance_km;prochaine_disponibilite
            80092;Bertangles;248000531;80;700;non;;;;
            80021;Amiens;248000531;80;133000;oui;séance;France services Amiens;1.2;2026-12-08T09:00:00+01:00
            80020;Allonville;248000531;80;1100;oui;accueil sans rendez-vous;Médiathèque de Rivery;4.1;2026-12-07T09:00:00+01:00
            """;

    private final TerritoryScope scope;
    private final CoverageService coverage;
    CoverageResource(TerritoryScope scope, CoverageService coverage) {
        this.scope = scope;
        this.coverage = coverage;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, TerritoryCsv.MEDIA_TYPE + "; charset=utf-8" })
    @RolesAllowed({ Caller.COORDINATOR, Caller.ADMIN })
    @Operation(operationId = "getTerritoryCoverage", summary = "Couverture d'un territoire par une aide réellement disponible", description = """
            Rôles : coordinator (un territoire entièrement compris dans ceux de son jeton), admin (tous).
            Un et un seul de departement ou epci. « Maintenant » = l'instant de la requête (computedAt, Europe/Paris).
            Une commune est couverte quand existe : (a) une séance réservable d'une offre publiée du thème (tous thèmes \
            sans theme) : séance prévue, non fermée, avec une place libre, commençant entre maintenant + le délai \
            minimum de réservation de l'offre et le plus proche de maintenant + days et maintenant + le délai maximum de \
            l'offre ; l'offre atteint la commune par un de ses lieux à moins de radiusKm du centre de la commune, par \
            ses communes desservies, par les communes desservies d'un de ses lieux, ou par un de ses lieux situé dans \
            la commune ; ou (b) un accueil sans rendez-vous : un lieu dont les services comprennent le service du \
            standard du thème (tout service sans theme) ou qui accueille une offre publiée en accès libre du thème, \
            ouvert à un moment de [maintenant, maintenant + days) selon ses horaires (OpenStreetMap opening_hours ; des \
            horaires illisibles ne comptent pas), à moins de radiusKm, desservant la commune ou situé dans la commune. \
            Un lieu sans séance ni horaires ouverts ne couvre rien.
            coverage : la séance l'emporte sur l'accueil libre ; parmi les séances, l'offre dont un lieu est le plus \
            proche du centre de la commune, puis sa première séance réservable ; reach = distance (lieu dans le rayon) \
            ou served (commune desservie ou lieu dans la commune). Communes non couvertes d'abord, puis par population \
            décroissante, puis par code ; les totaux portent sur tout le territoire, total et X-Total-Count sur les \
            communes après le filtre covered.
            CSV (Accept: text/csv ou format=csv) : toutes les communes (filtre covered appliqué, sans pagination).""")
    @APIResponse(responseCode = "200", description = "La couverture", headers = {
            @Header(name = "X-Total-Count", description = "JSON : nombre de communes après le filtre covered"),
            @Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING), description = "CSV : attachment; filename=\"couverture-epci-248000531.csv\"") },
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Coverage.class),
                            examples = @ExampleObject(name = "epci", value = EXAMPLE)),
                    @Content(mediaType = TerritoryCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE)) })
    @APIResponse(responseCode = "400", description = "Territoire absent ou en double (departement), paramètre mal formé ou"
            + " hors limites (departement, epci, commune, theme, radiusKm, days, covered, page, size, format)")
    @APIResponse(responseCode = "401", description = "Sans jeton, ou jeton invalide ou expiré")
    @APIResponse(responseCode = "403", description = "Rôle autre que coordinator ou admin, ou territoire hors de ceux du"
            + " coordinateur (le paramètre est nommé)")
    @APIResponse(responseCode = "404", description = "Aucune commune connue pour ce département ou cet EPCI")
    public Response get(
            @Parameter(description = "Code du département (80, 2A, 974)") @QueryParam("departement") String departement,
            @Parameter(description = "SIREN de l'EPCI (9 chiffres)") @QueryParam("epci") String epci,
            @Parameter(description = "Non accepté ici (400) : la couverture se calcule par département ou EPCI") @QueryParam("commune") String commune,
            @Parameter(description = "Code de thème (GET /api/v1/offers/themes) ; un service du standard inclut ses sujets")
            @QueryParam("theme") String theme,
            @Parameter(description = "Rayon autour du centre de chaque commune, en km (défaut 10, 0 < r ≤ 100)")
            @QueryParam("radiusKm") String radiusKm,
            @Parameter(description = "Fenêtre en jours à partir de maintenant (défaut 14, 1 à 92)") @QueryParam("days") String days,
            @Parameter(description = "true : seulement les communes couvertes ; false : seulement les autres",
                    schema = @Schema(enumeration = { "true", "false" })) @QueryParam("covered") String covered,
            @Parameter(description = "Page, à partir de 0") @QueryParam("page") String page,
            @Parameter(description = "Taille de page (défaut 50, max 1000 : toutes les communes d'un département en une page)") @QueryParam("size") String size,
            @Parameter(description = "csv pour le fichier CSV (comme Accept: text/csv)", schema = @Schema(enumeration = { "json", "csv" }))
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) throws SQLException {
        boolean csv = TerritoryCsv.wanted(format, accept);
        Theme parsedTheme = TerritoryScope.theme(theme);
        Double givenRadius = QueryParams.decimal("radiusKm", radiusKm);
        double radius = givenRadius == null ? DEFAULT_RADIUS_KM : givenRadius;
        if (!(radius > 0) || radius > MAX_RADIUS_KM) {
            throw Problem.badRequest("radiusKm", "radiusKm doit être compris entre 0 (exclu) et " + (int) MAX_RADIUS_KM + " km.");
        }
        Integer givenDays = QueryParams.integer("days", days, 1, MAX_DAYS);
        int window = givenDays == null ? DEFAULT_DAYS : givenDays;
        Boolean onlyCovered = covered(covered);
        Integer p = QueryParams.integer("page", page, 0, 10_000);
        Integer n = QueryParams.integer("size", size);
        PageRequest paging = QueryParams.page(p == null ? 0 : p, n == null ? DEFAULT_SIZE : n, MAX_SIZE);
        SelectedTerritory territory = scope.resolve(departement, epci, commune, false);

        CoverageService.Result result = coverage.coverage(territory, new CoverageService.Query(parsedTheme, radius, window));
        List<Coverage.CommuneCoverage> selected = onlyCovered == null ? result.communes()
                : result.communes().stream().filter(c -> c.covered() == onlyCovered).toList();
        if (csv) {
            return TerritoryCsv.attachment(csv(selected), "couverture-" + territory.type() + "-" + territory.code() + ".csv");
        }
        int all = result.communes().size();
        long uncoveredPopulation = result.population() - result.coveredPopulation();
        double share = result.population() == 0 ? 0
                : Math.round(uncoveredPopulation * 10_000.0 / result.population()) / 10_000.0;
        int from = (int) Math.min(selected.size(), paging.offset());
        int to = (int) Math.min(selected.size(), (long) from + paging.size());
        Coverage body = new Coverage(territory, parsedTheme == null ? null : parsedTheme.code(), radius, window,
                result.computedAt().toOffsetDateTime(), all, result.population(), result.coveredCommunes(),
                result.coveredPopulation(), all - result.coveredCommunes(), uncoveredPopulation, share,
                selected.subList(from, to), paging.page(), paging.size(), selected.size());
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("X-Total-Count", selected.size()).build();
    }

    private static Boolean covered(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw Problem.badRequest("covered", "covered attend true ou false.");
        };
    }

    private static String csv(List<Coverage.CommuneCoverage> communes) {
        StringBuilder out = new StringBuilder(TerritoryCsv.header(CSV_COLUMNS));
        for (Coverage.CommuneCoverage c : communes) {
            Coverage.Means m = c.coverage();
            out.append(TerritoryCsv.line(TerritoryCsv.text(c.code()), TerritoryCsv.text(c.name()), TerritoryCsv.text(c.epci()),
                    TerritoryCsv.text(c.departement()), Integer.toString(c.population()), c.covered() ? "oui" : "non",
                    m == null ? "" : m.kind().equals("session") ? "séance" : "accueil sans rendez-vous",
                    m == null ? "" : TerritoryCsv.text(m.placeName()),
                    m == null || m.distanceKm() == null ? "" : m.distanceKm().toString(),
                    m == null || m.nextAt() == null ? "" : m.nextAt().toString()));
        }
        return out.toString();
    }
}
