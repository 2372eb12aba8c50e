package fr.maillage.web.territory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The answers of {@code /api/v1/territory/coverage} and {@code /indicators} as the contract of issue 20 gives them
 * (unknown fields ignored). Counts are {@code Integer}: {@code null} is a figure under 5 people hidden by statistical
 * secrecy, never « no data ».
 */
public final class TerritoryDto {
    private TerritoryDto() {
    }

    public record Territory(String type, String code, String name, String departement) {
    }

    public record Coverage(Territory territory, String theme, Double radiusKm, Integer days, OffsetDateTime computedAt,
            Integer communes, Long population, Integer coveredCommunes, Long coveredPopulation, Integer uncoveredCommunes,
            Long uncoveredPopulation, Double uncoveredShareOfPopulation, List<CommuneCoverage> items, Integer page, Integer size,
            Integer total) {
        public List<CommuneCoverage> items() {
            return items == null ? List.of() : items;
        }
    }

    public record CommuneCoverage(String code, String name, String epci, String departement, Long population, Double latitude,
            Double longitude, boolean covered, How coverage) {
    }

    public record How(String kind, String reach, String offerId, String placeId, String placeName, Double distanceKm,
            OffsetDateTime nextAt, String timeZone) {
        /** Issue 21: the next time at the place's offset ({@code timeZone}, else Paris), as pages write it. */
        public How {
            nextAt = fr.maillage.web.citizen.Format.at(nextAt, timeZone);
        }
    }

    public record Indicators(Territory territory, String from, String to, String theme, Integer secrecyThreshold, Totals totals,
            List<ThemeDemand> demandByTheme, List<CommuneFigures> communes, List<OfferFill> offers, List<PlaceFill> places) {
        public List<ThemeDemand> demandByTheme() {
            return demandByTheme == null ? List.of() : demandByTheme;
        }

        public List<CommuneFigures> communes() {
            return communes == null ? List.of() : communes;
        }

        public List<OfferFill> offers() {
            return offers == null ? List.of() : offers;
        }

        public List<PlaceFill> places() {
            return places == null ? List.of() : places;
        }
    }

    public record Totals(Integer demand, Integer bookings, Integer attended, Integer noShows, Double noShowRate,
            Integer cancellations, Integer waitlisted, Integer leftOnWaitingList, Integer refusedFull, Integer unmetDemand,
            Integer referrals, Map<String, Integer> referralOutcomes) {
    }

    public record ThemeDemand(String theme, String label, Integer demand, Integer bookings, Integer unmetDemand) {
    }

    public record CommuneFigures(String code, String name, Long population, Integer demand, Integer bookings, Integer unmetDemand,
            Integer referrals) {
    }

    public record OfferFill(String offerId, String title, String placeId, String placeName, String communeCode, Integer sessions,
            Integer capacity, Integer confirmed, Double fillRate) {
    }

    public record PlaceFill(String placeId, String name, String communeCode, Integer sessions, Integer capacity, Integer confirmed,
            Double fillRate) {
    }
}
