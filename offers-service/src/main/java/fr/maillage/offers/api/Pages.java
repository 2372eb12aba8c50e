package fr.maillage.offers.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.offers.service.Views;

/**
 * OpenAPI only: the pages the list operations answer, typed. They answer {@link Views.Page} (generic, so the document
 * would say "items of anything"); these records have its exact shape with the item type named, so partners' generated
 * clients get typed items. Never instantiated.
 */
final class Pages {
    private Pages() {
    }

    @Schema(name = "OfferHitPage", description = "Une page d'offres trouvées ; total = nombre total de résultats")
    record OfferHitPage(List<Views.OfferHit> items, int page, int size, long total) {
    }

    @Schema(name = "AvailableSessionPage", description = "Une page de séances avec une place libre ; total = nombre total de résultats")
    record AvailableSessionPage(List<Views.AvailableSession> items, int page, int size, long total) {
    }

    @Schema(name = "SessionPage", description = "Une page de séances ; total = nombre total de résultats")
    record SessionPage(List<Views.SessionView> items, int page, int size, long total) {
    }
}
