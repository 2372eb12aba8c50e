package fr.maillage.booking.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * OpenAPI only: the pages the list operations answer, typed. They answer {@link PageResponse} (generic, so the document
 * would say "items of anything"); these records have its exact shape with the item type named, so partners' generated
 * clients get typed items. Never instantiated.
 */
final class Pages {
    private static final String PAGE = " : page commence à 0, total compte tous les résultats du filtre";

    private Pages() {
    }

    @Schema(name = "BookingPage", description = "Une page de rendez-vous" + PAGE)
    record BookingPage(List<BookingResponse> items, int page, int size, long total) {
    }

    @Schema(name = "ShiftPage", description = "Une page de permanences assurées (affectations)" + PAGE)
    record ShiftPage(List<ShiftResponse> items, int page, int size, long total) {
    }

    @Schema(name = "PermanencePage", description = "Une page de permanences" + PAGE)
    record PermanencePage(List<PermanenceResponse> items, int page, int size, long total) {
    }

    @Schema(name = "ReferralPage", description = "Une page d'orientations" + PAGE)
    record ReferralPage(List<ReferralResponse> items, int page, int size, long total) {
    }

    @Schema(name = "SlotPage", description = "Une page de créneaux" + PAGE)
    record SlotPage(List<SlotResponse> items, int page, int size, long total) {
    }

    @Schema(name = "StaffingRequestPage", description = "Une page de demandes d'assurer une permanence" + PAGE)
    record StaffingRequestPage(List<StaffingRequestResponse> items, int page, int size, long total) {
    }

    @Schema(name = "AbsencePage", description = "Une page d'absences et fermetures" + PAGE)
    record AbsencePage(List<AbsenceResponse> items, int page, int size, long total) {
    }
}
