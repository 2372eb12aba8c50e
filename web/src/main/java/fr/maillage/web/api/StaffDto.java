package fr.maillage.web.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.qute.TemplateData;

/**
 * What the desk's staffing pages read from and send to booking-service (permanences, shifts, candidates, staffing
 * requests, absences and closures — issue 19, contract sections A and B) and the directory's people. Only the members the
 * pages use; unknown members are ignored. Kept apart from {@link Dto} so that the helpers of issue 19 do not edit one file.
 */
public final class StaffDto {
    private StaffDto() {
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** One assigned person on a permanence. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Staff(UUID shiftId, UUID personId) {
    }

    /** A run of contiguous slots of one offer at one place (booking-service's {@code Permanences}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Permanence(UUID id, UUID offerId, String offerTitle, List<String> offerThemes, UUID partnerId, UUID placeId,
            String placeName, String placeCommune, OffsetDateTime start, OffsetDateTime end, List<UUID> slotIds, int capacity,
            int confirmed, String status, List<Staff> staff, int requiredStaff, boolean understaffed, int pendingRequests,
            String timeZone) {
        /** Issue 21: the times at the place's offset ({@code timeZone}, else Paris), as pages write them. */
        public Permanence {
            start = fr.maillage.web.citizen.Format.at(start, timeZone);
            end = fr.maillage.web.citizen.Format.at(end, timeZone);
        }

        public List<Staff> staff() {
            return list(staff);
        }

        public List<String> offerThemes() {
            return list(offerThemes);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Candidate(UUID personId, List<String> themes) {
        public List<String> themes() {
            return list(themes);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewShift(UUID personId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shift(UUID id, UUID personId, UUID permanenceId, String status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewStaffingRequests(List<UUID> personIds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StaffingRequest(UUID id, UUID personId, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StaffingRequests(UUID permanenceId, List<StaffingRequest> requests) {
        public List<StaffingRequest> requests() {
            return list(requests);
        }
    }

    /** The directory's person, as far as the desk shows it. */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(UUID id, String role, String firstName, String lastName, UUID partnerId) {
        public String name() {
            String n = (firstName == null ? "" : firstName) + (lastName == null ? "" : " " + lastName);
            return n.isBlank() ? "Personne sans nom" : n.strip();
        }
    }

    /** A person's absence or a place's closure: exactly one of personId, placeId. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewAbsence(UUID personId, UUID placeId, LocalDate from, LocalDate to, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AffectedSession(UUID slotId, UUID permanenceId, OffsetDateTime start, OffsetDateTime end, String offerTitle,
            String placeName, int bookings) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MovedTo(UUID slotId, OffsetDateTime start) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AffectedBooking(UUID bookingId, UUID slotId, OffsetDateTime start, String firstName, String outcome,
            MovedTo movedTo) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AffectedShift(UUID shiftId, UUID personId, OffsetDateTime start, OffsetDateTime end) {
    }

    /** What an absence or closure does (preview) or did (effects of the stored one). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Effects(String kind, LocalDate from, LocalDate to, List<AffectedSession> sessions,
            List<AffectedBooking> bookings, List<AffectedShift> shifts) {
        public List<AffectedSession> sessions() {
            return list(sessions);
        }

        public List<AffectedBooking> bookings() {
            return list(bookings);
        }

        public List<AffectedShift> shifts() {
            return list(shifts);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Absence(UUID id, String kind, UUID personId, UUID placeId, LocalDate from, LocalDate to, String reason,
            String status, OffsetDateTime createdAt, Effects effects) {
    }
}
