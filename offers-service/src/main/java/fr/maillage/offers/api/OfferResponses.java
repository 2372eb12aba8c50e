package fr.maillage.offers.api;

import fr.maillage.offers.domain.Offer;
import fr.maillage.offers.service.PlanningService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** An offer as the API answers it, with its version as ETag: the same for the reads and the writes. */
@ApplicationScoped
class OfferResponses {
    private final PlanningService planning;

    OfferResponses(PlanningService planning) {
        this.planning = planning;
    }

    Response withEtag(Response.ResponseBuilder builder, Offer offer) {
        return builder.tag(Long.toString(offer.version)).entity(toResponse(offer)).build();
    }

    private OfferResponse toResponse(Offer o) {
        return new OfferResponse(o.id, o.partnerId, o.placeId, planning.placeIds(o.id), o.title, o.description, o.type,
                o.themes, o.publics, o.level, o.modality, new OfferRequest.Fees(o.feeKind, o.priceCents, o.passNumerique),
                o.languages, o.accessibility, o.capacity, o.sessionDurationMinutes, o.staffIds, o.servedCommunes,
                o.bookingRules(), planning.schedule(o), o.status, o.version, o.createdAt, o.updatedAt);
    }
}
