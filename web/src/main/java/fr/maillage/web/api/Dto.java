package fr.maillage.web.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import fr.maillage.web.citizen.Format;

import io.quarkus.qute.TemplateData;

/**
 * What web reads from the public API: only the members the pages use (unknown members are ignored, so the services may
 * add fields freely). Shapes follow each service's README and the merged OpenAPI document.
 */
public final class Dto {
    private Dto() {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page<T>(List<T> items, int page, int size, long total) {
        public List<T> items() {
            return items == null ? List.of() : items;
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Commune(String code, String nom, String departement, List<String> codesPostaux) {
        /** « Romagné (35133) »: what the search field shows and reads back. */
        public String label() {
            return codesPostaux == null || codesPostaux.isEmpty() ? nom : nom + " (" + codesPostaux.get(0) + ")";
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Theme(String code, String label, String parent) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlaceSummary(UUID id, String name, String commune, String inseeCode, String postalCode, String timeZone) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NextSession(UUID id, OffsetDateTime start, OffsetDateTime end, int remaining, String timeZone) {
        /** Issue 21: the times at the place's offset ({@code timeZone}, else Paris), as pages write them. */
        public NextSession {
            start = Format.at(start, timeZone);
            end = Format.at(end, timeZone);
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OfferHit(UUID id, String title, String type, List<String> themes, PlaceSummary place, Double distanceKm,
            NextSession nextSession) {
        /** Issue 21: offers gives the zone on the hit's place; the next session is read in it when it carries none. */
        public OfferHit {
            if (nextSession != null && nextSession.timeZone() == null && place != null && place.timeZone() != null) {
                nextSession = new NextSession(nextSession.id(), nextSession.start(), nextSession.end(),
                        nextSession.remaining(), place.timeZone());
            }
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BookingRules(List<String> allowedBookers, int minDelayMinutes, int maxDelayDays, int cancelUntilMinutes,
            int rescheduleUntilMinutes, boolean waitingList) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fees(String kind, Integer priceCents) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Offer(UUID id, UUID partnerId, UUID placeId, List<UUID> placeIds, String title, String description,
            String type, List<String> themes, List<String> publics, String level, String modality, Fees fees,
            List<String> languages, List<String> accessibility, int capacity, int sessionDurationMinutes,
            BookingRules bookingRules, String status) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String street, String complement, String postalCode, String inseeCode, String commune) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Place(UUID id, UUID partnerId, String name, Address address, Double latitude, Double longitude,
            String openingHours, String phone, String email, String website, String presentation, List<String> services,
            List<String> publics, List<String> frais, List<String> modalitesAcces, List<String> modalitesAccompagnement,
            String acceslibreUrl, String priseRdvUrl, Double distanceKm) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Partner(UUID id, String name) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SlotOffer(String title, String type, List<String> themes) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SlotPlace(String name, String street, String postalCode, String commune, String inseeCode, String phone) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Slot(UUID id, UUID offerId, UUID partnerId, UUID placeId, OffsetDateTime start, OffsetDateTime end,
            int capacity, int confirmed, int remaining, int waitlisted, String status, String cancelReason, SlotOffer offer,
            SlotPlace place, BookingRules bookingRules, String timeZone) {
        /** Issue 21: the times at the place's offset ({@code timeZone}, else Paris), as pages write them. */
        public Slot {
            start = Format.at(start, timeZone);
            end = Format.at(end, timeZone);
        }
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String firstName, String lastName, String phone, String email) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Need(String theme, String text) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Booking(UUID id, String status, String pendingOutcome, OffsetDateTime holdExpiresAt,
            Integer codeAttemptsLeft, UUID slotId, UUID offerId, UUID placeId, OffsetDateTime start, OffsetDateTime end,
            OffsetDateTime previousStart, String cancelReason, Person person, SlotOffer offer, SlotPlace place,
            String selfServiceUrl, String icsUrl, OffsetDateTime cancelUntil, OffsetDateTime rescheduleUntil,
            String codeSentTo, Need need, String reminderChannel, String bookedBy, Boolean selfServiceLinkResendable,
            String timeZone) {
        /** Issue 21: the times at the place's offset ({@code timeZone}, else Paris), as pages write them. */
        public Booking {
            holdExpiresAt = Format.at(holdExpiresAt, timeZone);
            start = Format.at(start, timeZone);
            end = Format.at(end, timeZone);
            previousStart = Format.at(previousStart, timeZone);
            cancelUntil = Format.at(cancelUntil, timeZone);
            rescheduleUntil = Format.at(rescheduleUntil, timeZone);
        }
    }

    // ------------------------------------------------------------------ requests

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewPerson(String firstName, String phone, String email, boolean smsConsent, boolean emailConsent,
            String residenceInsee) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewNeed(String theme, String text) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewBooking(UUID slotId, NewPerson person, NewNeed need, String bookedBy, String verification) {
    }

    /** A booking made at the desk by an agent: no code, contact optional (mobile, e-mail, landline or none). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeskBooking(UUID slotId, NewPerson person, NewNeed need) {
    }

    public record Attendance(boolean attended) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cancel(String cancelledBy, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LinkSent(String sentTo) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferralPerson(String firstName, String lastName, String phone, String email, String residenceInsee) {
    }

    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferralOutcome(String outcome, String note, OffsetDateTime at) {
    }

    /** An orientation (booking-service's referrals API): from the caller's organisation to a target structure. */
    @TemplateData
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Referral(UUID id, String status, String need, UUID fromPartnerId, UUID targetPartnerId, UUID targetOfferId,
            UUID bookingId, ReferralPerson person, String note, OffsetDateTime createdAt, List<ReferralOutcome> outcomes) {
        public List<ReferralOutcome> outcomes() {
            return outcomes == null ? List.of() : outcomes;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewReferral(ReferralPerson person, String need, UUID targetPartnerId, UUID targetOfferId, UUID bookingId,
            String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String outcome, String note) {
    }

    public record Code(String code) {
    }

    public record SlotChoice(UUID slotId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Violation(String field, String message) {
    }

    /** The platform's problem+json answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Problem(String type, String title, Integer status, String detail, String field, List<Violation> violations) {
        public List<Violation> violations() {
            return violations == null ? List.of() : violations;
        }
    }
}
