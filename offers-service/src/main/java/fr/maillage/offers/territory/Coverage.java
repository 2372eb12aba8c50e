package fr.maillage.offers.territory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of GET /api/v1/territory/coverage (issue 20 §1). Totals are over the whole territory, {@code items} one
 * page of its communes (uncovered first, then population descending, then code), filtered by {@code covered} if asked.
 */
@Schema(name = "Couverture", description = "Couverture d'un territoire par une aide réellement disponible")
public record Coverage(
        SelectedTerritory territory,
        @Schema(description = "Thème demandé (null : tous)", examples = "aide_demarches", nullable = true) String theme,
        @Schema(description = "Rayon en km autour du centre de chaque commune", examples = "10") double radiusKm,
        @Schema(description = "Fenêtre en jours à partir de maintenant", examples = "14") int days,
        @Schema(description = "Instant du calcul (Europe/Paris) : « maintenant » des définitions") OffsetDateTime computedAt,
        @Schema(description = "Communes du territoire") int communes,
        @Schema(description = "Population du territoire") long population,
        int coveredCommunes,
        long coveredPopulation,
        int uncoveredCommunes,
        long uncoveredPopulation,
        @Schema(description = "uncoveredPopulation / population, 4 décimales (0 si population nulle)", examples = "0.1577")
        double uncoveredShareOfPopulation,
        List<CommuneCoverage> items,
        int page,
        int size,
        @Schema(description = "Nombre de communes après le filtre covered (toutes les pages)") long total) {

    /** One commune of the territory. */
    @Schema(name = "CouvertureCommune")
    public record CommuneCoverage(
            @Schema(description = "Code INSEE", examples = "80338") String code,
            @Schema(examples = "Fouilloy") String name,
            @Schema(description = "SIREN de l'EPCI", examples = "248000531", nullable = true) String epci,
            @Schema(examples = "80") String departement,
            @Schema(examples = "900") int population,
            @Schema(description = "Centre de la commune", nullable = true) Double latitude,
            @Schema(nullable = true) Double longitude,
            boolean covered,
            @Schema(description = "Comment la commune est couverte ; null si elle ne l'est pas", nullable = true,
                    type = SchemaType.OBJECT, implementation = Means.class) Means coverage) {
    }

    /**
     * What covers a commune. A bookable session wins over walk-in hours; among sessions, the nearest reaching offer (its
     * nearest place to the commune's centre), then its earliest session; among walk-in places, the nearest.
     */
    @Schema(name = "MoyenDeCouverture")
    public record Means(
            @Schema(enumeration = { "session", "walk_in" }, description = "session : une séance réservable avec une place"
                    + " libre ; walk_in : un lieu ouvert sans rendez-vous") String kind,
            @Schema(enumeration = { "distance", "served" }, description = "distance : un lieu dans le rayon ; served : la"
                    + " commune est desservie (communes desservies de l'offre ou du lieu, ou lieu dans la commune)") String reach,
            @Schema(description = "L'offre (session ; walk_in : l'offre en accès libre du lieu, s'il y en a une)", nullable = true)
            UUID offerId,
            UUID placeId,
            String placeName,
            @Schema(description = "Distance du centre de la commune au lieu, en km (0,1 près)", nullable = true) Double distanceKm,
            @Schema(description = "session : début de la première séance réservable ; walk_in : prochaine ouverture"
                    + " (maintenant si le lieu est ouvert) ; à l'heure locale du lieu (décalage du fuseau de son territoire,"
                    + " issue 21 : +04:00 à La Réunion)", nullable = true) OffsetDateTime nextAt) {
    }
}
