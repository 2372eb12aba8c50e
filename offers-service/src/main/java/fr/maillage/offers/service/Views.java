package fr.maillage.offers.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Read-side results (search hits, sessions, pages), returned by the services and answered as they are by the api. */
public final class Views {
    private Views() {
    }

    @Schema(name = "Page", description = "Une page de résultats ; total = nombre total de résultats")
    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    @Schema(name = "PlaceSummary")
    public record PlaceSummary(UUID id, String name, String commune, String inseeCode, String postalCode,
            @Schema(description = "Fuseau horaire IANA du lieu (issue 21) ; les horaires de séance sont à son heure locale",
                    example = "Europe/Paris") String timeZone) {
    }

    @Schema(name = "NextSession")
    public record NextSession(UUID id, OffsetDateTime start, OffsetDateTime end, int remaining) {
    }

    @Schema(name = "OfferHit", description = "Offre trouvée : distance au point cherché (lieu le plus proche) et prochaine séance")
    public record OfferHit(UUID id, String title, String type, List<String> themes, String status, PlaceSummary place,
            Double distanceKm, boolean servesSearchedCommune, NextSession nextSession) {
    }

    @Schema(name = "AvailableSession", description = "Séance à venir avec au moins une place libre")
    public record AvailableSession(UUID sessionId, UUID offerId, String offerTitle, String offerType,
            List<String> themes, OffsetDateTime start, OffsetDateTime end, int capacity, int remaining,
            PlaceSummary place, Double distanceKm) {
    }

    @Schema(name = "Session", description = "Une séance ; start/end à l'heure locale du lieu (décalage de son fuseau)")
    public record SessionView(UUID id, UUID offerId, UUID placeId,
            @Schema(example = "2027-01-12T09:00:00+04:00") OffsetDateTime start,
            @Schema(example = "2027-01-12T09:30:00+04:00") OffsetDateTime end,
            @Schema(description = "Fuseau horaire IANA du lieu de la séance (issue 21), déduit de sa commune ; "
                    + "Europe/Paris en métropole", example = "Indian/Reunion") String timeZone,
            int capacity, int confirmed, int waitlisted, int remaining, String status, String cancelReason,
            long version) {
    }

    @Schema(name = "ThemeView")
    public record ThemeView(String code, String label, String parent) {
    }
}
