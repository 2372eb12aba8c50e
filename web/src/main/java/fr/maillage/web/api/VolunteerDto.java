package fr.maillage.web.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.qute.TemplateData;

/**
 * What the volunteer pages (/benevole) read and write through booking-service's staff API (issue 19: shifts per
 * permanence, staffing requests, roster, absences, calendar links): only the members the pages use.
 */
public final class VolunteerDto {
    private VolunteerDto() {
    }

    /** A shift: the person on a permanence; start/end are the permanence's bounds. */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shift(UUID id, UUID personId, UUID permanenceId, UUID slotId, UUID offerId, String status,
            OffsetDateTime start, OffsetDateTime end, String offerTitle, String placeName, String placeStreet,
            String placePostalCode, String placeCommune, String cancelReason, String timeZone) {
        /** Issue 21: the times at the place's offset ({@code timeZone}, else Paris), as pages write them. */
        public Shift {
            start = fr.maillage.web.citizen.Format.at(start, timeZone);
            end = fr.maillage.web.citizen.Format.at(end, timeZone);
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestPermanence(UUID id, OffsetDateTime start, OffsetDateTime end, String offerTitle, String placeName,
            String placeStreet, String placePostalCode, String placeCommune, String timeZone) {
        /** Issue 21: the times at the place's offset ({@code timeZone}, else Paris), as pages write them. */
        public RequestPermanence {
            start = fr.maillage.web.citizen.Format.at(start, timeZone);
            end = fr.maillage.web.citizen.Format.at(end, timeZone);
        }
    }

    /** A staffing request: pending, accepted, declined, covered (someone else took it), cancelled, expired. */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StaffingRequest(UUID id, String status, UUID personId, RequestPermanence permanence,
            OffsetDateTime createdAt, OffsetDateTime answeredAt, UUID shiftId) {
    }

    public record Answer(String answer) {
    }

    /** A weekly window: day MO..SU, local times "09:00". */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Window(String day, String start, String end) {
    }

    /** A person's roster (PUT sends personId, weekly, excludedMonths, themes; updatedAt is the service's). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Availability(UUID personId, List<Window> weekly, List<Integer> excludedMonths, List<String> themes,
            OffsetDateTime updatedAt) {
        public List<Window> weekly() {
            return weekly == null ? List.of() : weekly;
        }

        public List<Integer> excludedMonths() {
            return excludedMonths == null ? List.of() : excludedMonths;
        }

        public List<String> themes() {
            return themes == null ? List.of() : themes;
        }
    }

    /** A person absence declared by the volunteer: dates "2027-03-01", reason optional (≤ 200). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewAbsence(UUID personId, String from, String to, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EffectShift(UUID shiftId, UUID personId, OffsetDateTime start, OffsetDateTime end) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Effects(List<EffectShift> shifts) {
        public List<EffectShift> shifts() {
            return shifts == null ? List.of() : shifts;
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Absence(UUID id, String kind, UUID personId, UUID placeId, String from, String to, String reason,
            String status, OffsetDateTime createdAt, Effects effects) {
    }

    /** A secret calendar address; {@code url} only in the answer to its creation (shown once). */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CalendarLink(UUID id, Boolean active, OffsetDateTime createdAt, OffsetDateTime revokedAt,
            OffsetDateTime lastUsedAt, String url) {
        public boolean isActive() {
            return revokedAt == null && (active == null || active);
        }
    }
}
