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

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.TemplateInstance;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.Dto;

/**
 * « Trouver de l'aide près de chez moi »: the search form, and under it the results for a commune, a need and a
 * distance — appointments (offers with a next free slot) and places one can walk into (opening hours, open now, phone),
 * together, nearest first.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SearchPage {
    static final List<Integer> DISTANCES = List.of(5, 10, 20, 50);
    static final int DEFAULT_DISTANCE = 20;
    static final int MAX_RESULTS = 30;

    @Inject
    Api api;
    @Inject
    Communes communes;
    @Inject
    NearbyOffers nearby;


    /** One line of the results: an appointment to book ({@code rdv}) or a place to go to ({@code lieu}). */
    public record Result(boolean rdv, String title, String url, String placeName, String placeUrl, String commune,
            String structure, List<String> help, Double distanceKm, Dto.NextSession next, List<String> hours,
            boolean openNow, String phone) {
    }

    public record View(Form form, List<Dto.Theme> themes, List<Integer> distances, int distance, String theme,
            boolean searched, Dto.Commune commune, List<Communes.Choice> choices, List<Result> results, String themeLabel) {
    }

    @GET
    public TemplateInstance search(@QueryParam("commune") String communeParam, @QueryParam("insee") String insee,
            @QueryParam("theme") String themeParam, @QueryParam("distance") String distanceParam) {
        List<Dto.Theme> themes = api.themes();
        String theme = themes.stream().map(Dto.Theme::code).filter(c -> c.equals(themeParam)).findFirst().orElse("");
        int distance = distance(distanceParam);
        Form form = new Form().label("commune", "Commune").set("commune", communeParam).set("theme", theme)
                .set("distance", String.valueOf(distance));
        if ((communeParam == null || communeParam.isBlank()) && (insee == null || insee.isBlank())) {
            return Templates.search(new View(form, themes, DISTANCES, distance, theme, false, null, List.of(), List.of(), null));
        }
        Communes.Resolved resolved = communes.resolve(communeParam, insee, c -> Links.search(c.nom(), c.code(), theme, distance));
        Dto.Commune commune = resolved.commune();
        List<Communes.Choice> choices = resolved.choices();
        if (resolved.notFound()) {
            form.error("commune", "Nous ne trouvons pas cette commune. Vérifiez l'orthographe, ou tapez son code postal"
                    + " (5 chiffres).");
        }
        if (commune == null) {
            return Templates.search(new View(form, themes, DISTANCES, distance, theme, true, null, choices, List.of(), null));
        }
        form.set("commune", commune.nom());
        List<Result> results;
        try {
            results = results(commune, theme, distance);
        } catch (ApiRefusal refusal) {
            form.error("commune", refusal.detail());
            results = List.of();
        }
        return Templates.search(new View(form, themes, DISTANCES, distance, theme, true, commune, List.of(), results,
                theme.isEmpty() ? null : api.themeLabel(theme)));
    }

    private List<Result> results(Dto.Commune commune, String theme, int distance) {
        String themeOrNull = theme.isEmpty() ? null : theme;
        List<Dto.OfferHit> offers = nearby.near(commune.code(), themeOrNull, distance);
        String service = themeOrNull == null ? null : api.standardService(themeOrNull);
        List<Dto.Place> places = api.call(a -> a.placesNear(commune.code(), distance, service, null, 50)).items();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Set<UUID> open = new HashSet<>();
        api.call(a -> a.placesNear(commune.code(), distance, service, now, 100)).items().forEach(p -> open.add(p.id()));

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
        return results.size() > MAX_RESULTS ? results.subList(0, MAX_RESULTS) : results;
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

    static int distance(String value) {
        try {
            int d = Integer.parseInt(value == null ? "" : value.trim());
            return DISTANCES.contains(d) ? d : DEFAULT_DISTANCE;
        } catch (NumberFormatException e) {
            return DEFAULT_DISTANCE;
        }
    }
}
