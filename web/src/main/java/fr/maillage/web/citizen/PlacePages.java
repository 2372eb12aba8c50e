package fr.maillage.web.citizen;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.TemplateInstance;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.Dto;
import fr.maillage.web.api.PageNotFound;

/** A place (address, access, hours, phone, map, its offers) and an offer (its place and upcoming sessions). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PlacePages {
    static final int MAX_SESSIONS = 40;

    @Inject
    Api api;

    public record PlaceInfo(Dto.Place place, String structure, List<String> hours, boolean openNow, String osmUrl,
            String directionsUrl) {
        public String address() {
            Dto.Address a = place.address();
            if (a == null) {
                return "";
            }
            return Format.address(a.street(), a.complement(), a.postalCode(), a.commune());
        }
    }

    public record OfferLine(String title, String url, String kind) {
    }

    public record PlaceView(PlaceInfo info, List<OfferLine> offers) {
    }

    /** One upcoming session: bookable (seats left), waiting list (full, list open) or full. */
    public record SessionLine(Dto.Slot slot, String bookUrl, boolean full, boolean waitingList) {
    }

    public record OfferView(Dto.Offer offer, String structure, List<String> themes, PlaceInfo place,
            List<SessionLine> sessions, boolean bookableOnline) {
    }

    @GET
    @Path("lieux/{id}")
    public TemplateInstance place(@PathParam("id") String id) {
        UUID placeId = uuid(id);
        PlaceInfo info = placeInfo(placeId);
        List<OfferLine> offers = new ArrayList<>();
        List<Dto.OfferHit> hits = api.orNull(() -> api.read(a -> a.offersAtPlace(placeId.toString(), "published", 50)).items());
        for (Dto.OfferHit o : hits == null ? List.<Dto.OfferHit>of() : hits) {
            offers.add(new OfferLine(o.title(), Links.offer(o.id()), Format.offerType(o.type())));
        }
        return Templates.place(new PlaceView(info, offers));
    }

    @GET
    @Path("offres/{id}")
    public TemplateInstance offer(@PathParam("id") String id) {
        UUID offerId = uuid(id);
        Dto.Offer offer = api.read(a -> a.offer(offerId.toString()));
        PlaceInfo place = offer.placeId() == null ? null : api.orNull(() -> placeInfo(offer.placeId()));
        boolean online = offer.bookingRules() == null || offer.bookingRules().allowedBookers() == null
                || offer.bookingRules().allowedBookers().contains("citizen");
        List<SessionLine> sessions = new ArrayList<>();
        if (!"acces_libre".equals(offer.type())) {
            for (Dto.Slot s : bookableSlots(offerId, null, null)) {
                boolean full = s.remaining() <= 0;
                boolean waiting = full && s.bookingRules() != null && s.bookingRules().waitingList();
                sessions.add(new SessionLine(s, online && (!full || waiting) ? Links.book(offerId, s.id()) : null, full, waiting));
            }
        }
        List<String> themes = offer.themes() == null ? List.of() : offer.themes().stream().map(api::themeLabel).toList();
        return Templates.offer(new OfferView(offer, api.partnerName(offer.partnerId()), themes, place, sessions, online));
    }

    /**
     * The offer's future planned sessions a citizen may still book online: not before the offer's minimum delay, not
     * beyond its maximum ({@link SessionRules}, for {@code bookedBy}; null: the window only, the offer page decides
     * its « Réserver » links from the offer); full ones included (waiting list). {@code except} leaves one slot out
     * (the current one).
     */
    List<Dto.Slot> bookableSlots(UUID offerId, UUID except, String bookedBy) {
        String from = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Dto.Slot> slots = api.read(a -> a.slots(offerId.toString(), from, null, 100)).items();
        OffsetDateTime now = OffsetDateTime.now();
        List<Dto.Slot> result = new ArrayList<>();
        for (Dto.Slot s : slots) {
            if (!"planned".equals(s.status()) || s.id().equals(except) || !SessionRules.bookable(s, bookedBy, now)) {
                continue;
            }
            result.add(s);
            if (result.size() >= MAX_SESSIONS) {
                break;
            }
        }
        return result;
    }

    PlaceInfo placeInfo(UUID placeId) {
        Dto.Place p = api.read(a -> a.place(placeId.toString()));
        boolean openNow = false;
        if (p.address() != null && p.address().inseeCode() != null) {
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            List<Dto.Place> open = api.orNull(() -> api.read(a -> a.placesNear(p.address().inseeCode(), null, null, now, 100)).items());
            openNow = open != null && open.stream().anyMatch(o -> o.id().equals(p.id()));
        }
        String osm = Links.osm(p.latitude(), p.longitude());
        if (osm == null) {
            osm = Links.osmSearch(new PlaceInfo(p, null, null, false, null, null).address());
        }
        return new PlaceInfo(p, api.partnerName(p.partnerId()), Hours.lines(p.openingHours()), openNow, osm,
                Links.directions(p.latitude(), p.longitude()));
    }

    public static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PageNotFound();
        }
    }
}
