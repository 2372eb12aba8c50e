package fr.maillage.offers.territory;

import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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

/** GET /api/v1/territory/indicators (issue 20 §2b): JSON, or CSV with {@code Accept: text/csv} or {@code ?format=csv}. */
@Path("/api/v1/territory/indicators")
@Tag(name = "Territoire", description = "Couverture et indicateurs d'un territoire (EPCI, département, commune), pour les"
        + " coordinateurs (dans leur territoire) et les administrateurs")
public class IndicatorsResource {
    static final String CSV = TerritoryCsv.MEDIA_TYPE;

    private final TerritoryScope scope;
    private final IndicatorsService indicators;

    IndicatorsResource(TerritoryScope scope, IndicatorsService indicators) {
        this.scope = scope;
        this.indicators = indicators;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CSV + "; charset=utf-8" })
    @RolesAllowed({ Caller.COORDINATOR, Caller.ADMIN })
    @Operation(operationId = "getTerritoryIndicators", summary = "Indicateurs d'un territoire sur une période", description = """
            Rôles : coordinator (un territoire entièrement compris dans ceux de son jeton), admin (tous).
            Un et un seul de departement, epci ou commune. Période [from, to] en jours locaux (Europe/Paris), par défaut \
            les 12 derniers mois jusqu'à aujourd'hui, au plus 731 jours.
            Définitions : demand = réservations confirmées ou mises en liste d'attente (datées de la demande ; une \
            réservation par code jamais vérifiée ne compte pas) + refus faute de place ; bookings = confirmations \
            (d'emblée ou après liste d'attente), datées de la première ; attended / noShows datés du début du créneau, \
            noShowRate = noShows / (attended + noShows) ; cancellations datées de l'annulation ; leftOnWaitingList = \
            encore en liste d'attente au début du créneau ; refusedFull = refus faute de place ; unmetDemand = \
            leftOnWaitingList + refusedFull ; referrals = orientations créées, referralOutcomes par suite actuelle. \
            Chaque chiffre appartient à la commune où la personne habite quand elle l'a indiquée, sinon à celle du lieu \
            réservé (orientation : du lieu de l'offre visée, sinon à aucune commune : elle n'est pas comptée). \
            Remplissage (offers, places) : séances prévues non fermées de la période aux lieux du territoire, \
            confirmed / capacity.
            Secret statistique (seuil 5) : tout effectif de personnes compris entre 1 et 4 vaut null (« <5 » en CSV), \
            un taux tiré d'un tel effectif aussi ; 0 reste 0. Attention : un total moins les parties affichées peut \
            révéler une valeur masquée.
            CSV (Accept: text/csv ou format=csv) : une ligne « Total » puis une ligne par commune ; table=offres : le \
            remplissage par offre.""")
    @APIResponse(responseCode = "200", description = "Les indicateurs", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Indicators.class),
                    examples = @ExampleObject(name = "epci", value = EXAMPLE)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE)) },
            headers = @Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING), description = "CSV : attachment; filename=\"indicateurs-epci-248000499-2026-01-01-2026-12-31.csv\""))
    @APIResponse(responseCode = "400", description = "Territoire absent ou en double (departement), paramètre mal formé"
            + " (departement, epci, commune, from, to, theme, format, table), from après to, période de plus de 731 jours")
    @APIResponse(responseCode = "401", description = "Sans jeton, ou jeton invalide ou expiré")
    @APIResponse(responseCode = "403", description = "Rôle autre que coordinator ou admin, ou territoire hors de ceux du"
            + " coordinateur (le paramètre est nommé)")
    @APIResponse(responseCode = "404", description = "Aucune commune connue pour ce département, cet EPCI ou ce code INSEE")
    public Response get(
            @Parameter(description = "Code du département (80, 2A, 974)") @QueryParam("departement") String departement,
            @Parameter(description = "SIREN de l'EPCI (9 chiffres)") @QueryParam("epci") String epci,
            @Parameter(description = "Code INSEE de la commune") @QueryParam("commune") String commune,
            @Parameter(description = "Premier jour (AAAA-MM-JJ), par défaut un an avant to") @QueryParam("from") String from,
            @Parameter(description = "Dernier jour inclus (AAAA-MM-JJ), par défaut aujourd'hui") @QueryParam("to") String to,
            @Parameter(description = "Code de thème ; un service du standard inclut ses sujets") @QueryParam("theme") String theme,
            @Parameter(description = "csv pour le fichier CSV (comme Accept: text/csv)", schema = @Schema(enumeration = { "json", "csv" }))
            @QueryParam("format") String format,
            @Parameter(description = "CSV : communes (défaut) ou offres (remplissage par offre)", schema = @Schema(enumeration = { "communes", "offres" }))
            @QueryParam("table") String table,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = TerritoryCsv.wanted(format, accept);
        boolean offersTable = offersTable(table);
        IndicatorsService.Query query = IndicatorsService.query(from, to, theme);
        SelectedTerritory territory = scope.resolve(departement, epci, commune, true);
        Indicators result = indicators.indicators(territory, query);
        if (!csv) {
            return Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build();
        }
        String name = "indicateurs-" + (offersTable ? "offres-" : "") + territory.type() + "-" + territory.code() + "-"
                + query.from() + "-" + query.to() + ".csv";
        String body = offersTable ? IndicatorsCsv.offers(result) : IndicatorsCsv.communes(result);
        return TerritoryCsv.attachment(body, name);
    }

    private static boolean offersTable(String table) {
        if (table == null || table.isBlank()) {
            return false;
        }
        return switch (table.strip().toLowerCase(Locale.ROOT)) {
            case "offres" -> true;
            case "communes" -> false;
            default -> throw Problem.badRequest("table", "table attend communes ou offres.");
        };
    }

    static final String EXAMPLE = """
            {"territory":{"type":"epci","code":"248000499","name":"CC du Val de Somme","departement":"80"},
             "from":"2026-01-01","to":"2026-12-31","theme":null,"secrecyThreshold":5,
             "totals":{"demand":120,"bookings":98,"attended":70,"noShows":9,"noShowRate":0.1139,"cancellations":14,
                       "waitlisted":22,"leftOnWaitingList":6,"refusedFull":null,"unmetDemand":9,"referrals":31,
                       "referralOutcomes":{"sent":8,"received":6,"attended":12,"no_show":null,"redirected":null,"no_longer_needed":0}},
             "demandByTheme":[{"theme":"aide_demarches","label":"Aide aux démarches administratives","demand":80,"bookings":70,"unmetDemand":6}],
             "communes":[{"code":"80338","name":"Fouilloy","population":900,"demand":12,"bookings":10,"attended":8,"noShows":null,
                          "noShowRate":null,"cancellations":null,"waitlisted":null,"leftOnWaitingList":0,"refusedFull":null,
                          "unmetDemand":null,"referrals":null}],
             "offers":[{"offerId":"00000000-0000-4000-8000-000000000301","title":"Permanence numérique","placeId":"00000000-0000-4000-8000-000000000101",
                        "placeName":"Mairie de Fouilloy","communeCode":"80338","sessions":8,"capacity":40,"confirmed":31,"fillRate":0.775}],
             "places":[{"placeId":"00000000-0000-4000-8000-000000000101","name":"Mairie de Fouilloy","communeCode":"80338","sessions":8,
                        "capacity":40,"confirmed":31,"fillRate":0.775}]}""";

    static final String CSV_EXAMPLE = """
            code_insee;commune;population;demandes;rendez_vous;venues;absences;annulations;liste_attente_non_servie;refus_complet;demande_non_satisfaite;orientations
            ;Total;;120;98;70;9;14;6;<5;9;31
            80338;Fouilloy;900;12;10;8;<5;<5;0;<5;<5;<5
            """;
}
