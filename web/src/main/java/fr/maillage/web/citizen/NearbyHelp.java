package fr.maillage.web.citizen;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.Dto;

/**
 * « L'aide près de chez moi »: appointments (offers with a next free slot) and places one can walk into (opening hours,
 * open now, phone), together, nearest first — the one code behind the citizens' search page ({@link SearchPage}) and the
 * commune websites' widget ({@link WidgetPages}).
 */
@ApplicationScoped
public class NearbyHelp {
    @Inject
    Api api;
    @Inject
    NearbyOffers nearby;

    /** One line of the results: an appointment to book ({@code rdv}) or a place to go to ({@code lieu}). */
    public record Result(boolean rdv, String title, String url, String placeName, String placeUrl, String commune,
            String structure, List<String> help, Double distanceKm, Dto.NextSession next, List<String> hours,
            boolean openNow, String phone) {
    }

    /**
     * Appointments and places near the commune ({@code insee}), for the need {@code theme} (null: every need), within
     * {@code distance} km, nearest first (an appointment before a place at the same distance), at most {@code max}.
     * A 4xx of the API → {@code ApiRefusal}; the API down → {@code ApiUnavailable}.
     */
    public List<Result> near(String insee, String theme, int distance, int max) {
        List<Dto.OfferHit> offers = nearby.near(insee, theme, distance);
        String service = theme == null ? null : api.standardService(theme);
        List<Dto.Place> places = api.call(a -> a.placesNear(insee, distance, service, null, 50)).items();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Set<UUID> open = new HashSet<>();
        api.call(a -> a.placesNear(insee, distance, service, now, 100)).items().forEach(p -> open.add(p.id()));

        List<Result> results = new ArrayList<>();
        Map<UUID, List<String>> walkInHelp = new LinkedHashMap<>();
        for (Dto.OfferHit o : offers) {
            if (NearbyOffers.bookable(o)) {
                results.add(new Result(true, o.title(), Links.offer(o.id()), o.place() == null ? null : o.place().name(),
                        o.place() == null ? null : Links.place(o.place().id()), o.place() == null ? null : o.place().commune(),
                        structureOfOffer(o), help(o), o.distanceKm(), o.nextSession(), List.of(), false, null));
            } else if (o.place() != null) {
                walkInHelp.computeIfAbsent(o.place().id(), k -> new ArrayList<>()).add(o.title() + " (" + Format.offerType(o.type()) + ")");
            }
        }
        Set<UUID> listed = new HashSet<>();
        for (Dto.Place p : places) {
            listed.add(p.id());
            results.add(placeResult(p, walkInHelp.getOrDefault(p.id(), List.of()), open.contains(p.id())));
        }
        for (Dto.OfferHit o : offers) {
            // Offers without booking at a place the directory search did not return (it serves the commune from farther).
            if (o.place() != null && walkInHelp.containsKey(o.place().id()) && listed.add(o.place().id())) {
                Dto.Place p = api.cachedPlace(o.place().id());
                if (p != null) {
                    Dto.Place withDistance = new Dto.Place(p.id(), p.partnerId(), p.name(), p.address(), p.latitude(),
                            p.longitude(), p.openingHours(), p.phone(), p.email(), p.website(), p.presentation(), p.services(),
                            p.publics(), p.frais(), p.modalitesAcces(), p.modalitesAccompagnement(), p.acceslibreUrl(),
                            p.priseRdvUrl(), o.distanceKm());
                    results.add(placeResult(withDistance, walkInHelp.get(p.id()), false));
                }
            }
        }
        results.sort(Comparator.comparing((Result r) -> r.distanceKm() == null ? Double.MAX_VALUE : r.distanceKm())
                .thenComparing(r -> !r.rdv()));
        return results.size() > max ? results.subList(0, max) : results;
    }

    private Result placeResult(Dto.Place p, List<String> offersWithoutBooking, boolean openNow) {
        List<String> help = new ArrayList<>(offersWithoutBooking);
        if (p.services() != null) {
            help.addAll(p.services());
        }
        return new Result(false, p.name(), Links.place(p.id()), p.name(), Links.place(p.id()),
                p.address() == null ? null : p.address().commune(), api.partnerName(p.partnerId()), help, p.distanceKm(),
                null, Hours.lines(p.openingHours()), openNow, p.phone());
    }

    private String structureOfOffer(Dto.OfferHit o) {
        UUID partner = api.partnerOfOffer(o.id());
        return partner == null ? null : api.partnerName(partner);
    }

    private List<String> help(Dto.OfferHit o) {
        List<String> help = new ArrayList<>();
        help.add(Format.offerType(o.type()));
        if (o.themes() != null) {
            o.themes().forEach(t -> help.add(api.themeLabel(t)));
        }
        return help;
    }
}
