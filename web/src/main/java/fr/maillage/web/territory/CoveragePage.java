package fr.maillage.web.territory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.citizen.BookingPages;
import fr.maillage.web.citizen.Form;
import fr.maillage.web.citizen.Format;

/**
 * « Où l'aide manque » (/territoire/couverture): a GET form (territory, need, distance, days) and, for the territory
 * chosen, offers-service's coverage — the legend's counts (communes and people covered / without help), the table of
 * communes (without help first), and the map. The map is drawn by {@code /static/territoire/carte.js} from the table's
 * rows ({@code data-commune}, {@code data-etat}) over the commune layer: one source, so legend = table = map. Without
 * JavaScript everything but the map works. {@code /territoire/couverture.csv} passes the API's CSV through.
 */
@Path("/territoire")
@Produces(MediaType.TEXT_HTML)
public class CoveragePage {
    /** Rows asked per call; the API's maximum page size may be lower (then 100, its usual bound). */
    static final int PAGE_SIZE = 1000;
    static final int FALLBACK_SIZE = 100;
    /** A département has under 1,000 communes: enough pages for the largest. */
    static final int MAX_PAGES = 40;

    @Inject
    Coordinator who;
    @Inject
    Api api;

    /** One commune of the table (and of the map: {@code state} is the polygon's class). */
    public record Row(String code, String name, String population, boolean covered, String state, String how, String place,
            String distance, String next) {
    }

    public record Result(String territoryName, String territoryType, String departements, String summary, int communes,
            String population, int covered, String coveredPopulation, int uncovered, String uncoveredPopulation,
            String uncoveredShare, List<Row> rows, String csv, String computedAt) {
    }

    public record View(String name, Form form, List<Territories.Option> territories, boolean freeTerritory,
            List<Territories.Option> themes, Result result) {
    }

    record Asked(Selection territory, String theme, Double radius, Integer days) {
    }

    @GET
    @Path("couverture")
    public Response page(@QueryParam("territoire") String territoire, @QueryParam("theme") String theme,
            @QueryParam("rayon") String rayon, @QueryParam("jours") String jours) {
        Form form = form();
        Optional<Asked> asked = read(form, territoire, theme, rayon, jours);
        Result result = null;
        int status = 200;
        if (asked.isEmpty()) {
            status = 400;
        } else {
            try {
                result = result(asked.get(), fetch(asked.get()));
            } catch (ApiRefusal refusal) {
                Territories.refused(form, refusal);
                status = refusal.status;
            }
        }
        return Response.status(status).entity(TerritoryTemplates.coverage(view(form, result))).build();
    }

    @GET
    @Path("couverture.csv")
    @Produces({ "text/csv", MediaType.TEXT_HTML })
    public Response csv(@QueryParam("territoire") String territoire, @QueryParam("theme") String theme,
            @QueryParam("rayon") String rayon, @QueryParam("jours") String jours) {
        Form form = form();
        Optional<Asked> asked = read(form, territoire, theme, rayon, jours);
        if (asked.isEmpty()) {
            return BookingPages.seeOther(pageLink(form, "couverture"));
        }
        Asked a = asked.get();
        try {
            return Territories.csv(who.call(t -> t.coverageCsv(a.territory().departement(), a.territory().epci(), a.theme(),
                    a.radius(), a.days())));
        } catch (ApiRefusal refusal) {
            Territories.refused(form, refusal);
            return Response.status(refusal.status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(TerritoryTemplates.coverage(view(form, null)).render()).build();
        }
    }

    private Form form() {
        return new Form().label("territoire", "Territoire").label("theme", "Besoin").label("rayon", "Distance")
                .label("jours", "Période");
    }

    private View view(Form form, Result result) {
        String chosen = form.value("territoire");
        return new View(who.name(), form, Territories.territoryOptions(who, chosen), who.territories().isEmpty(),
                Territories.themeOptions(api, form.value("theme")), result);
    }

    private Optional<Asked> read(Form form, String territoire, String theme, String rayon, String jours) {
        Optional<Selection> territory = Territories.territory(form, who, territoire, false);
        String themeCode = Territories.theme(form, api, theme);
        Double radius = null;
        String r = rayon == null || rayon.isBlank() ? "10" : rayon.strip();
        form.set("rayon", r);
        try {
            radius = Double.valueOf(r.replace(',', '.').replaceAll("\\s*km$", ""));
            if (!(radius > 0 && radius <= 100)) {
                radius = null;
            }
        } catch (NumberFormatException e) {
            radius = null;
        }
        if (radius == null) {
            form.error("rayon", "Indiquez une distance en kilomètres, plus de 0 et au plus 100 (par exemple 10).");
        }
        Integer days = null;
        String d = jours == null || jours.isBlank() ? "14" : jours.strip();
        form.set("jours", d);
        try {
            days = Integer.valueOf(d);
            if (days < 1 || days > 92) {
                days = null;
            }
        } catch (NumberFormatException e) {
            days = null;
        }
        if (days == null) {
            form.error("jours", "Indiquez un nombre de jours entre 1 et 92 (par exemple 14).");
        }
        if (!form.valid() || territory.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Asked(territory.get(), themeCode, radius, days));
    }

    /** Every commune of the territory (all pages: the map and the table need them all). */
    private TerritoryDto.Coverage fetch(Asked a) {
        int size = PAGE_SIZE;
        TerritoryDto.Coverage first;
        try {
            first = call(a, 0, size);
        } catch (ApiRefusal refusal) {
            if (refusal.status != 400 || refusal.problem == null || !"size".equals(refusal.problem.field())) {
                throw refusal;
            }
            size = FALLBACK_SIZE;
            first = call(a, 0, size);
        }
        List<TerritoryDto.CommuneCoverage> items = new ArrayList<>(first.items());
        int total = first.total() == null ? items.size() : first.total();
        for (int page = 1; items.size() < total && page < MAX_PAGES; page++) {
            List<TerritoryDto.CommuneCoverage> more = call(a, page, size).items();
            if (more.isEmpty()) {
                break;
            }
            items.addAll(more);
        }
        return new TerritoryDto.Coverage(first.territory(), first.theme(), first.radiusKm(), first.days(), first.computedAt(),
                first.communes(), first.population(), first.coveredCommunes(), first.coveredPopulation(),
                first.uncoveredCommunes(), first.uncoveredPopulation(), first.uncoveredShareOfPopulation(), items, 0, items.size(),
                total);
    }

    private TerritoryDto.Coverage call(Asked a, int page, int size) {
        return who.call(t -> t.coverage(a.territory().departement(), a.territory().epci(), a.theme(), a.radius(), a.days(), page,
                size));
    }

    private Result result(Asked a, TerritoryDto.Coverage c) {
        List<Row> rows = new ArrayList<>();
        Set<String> departements = new LinkedHashSet<>();
        if (c.territory() != null && c.territory().departement() != null) {
            departements.add(c.territory().departement());
        }
        for (TerritoryDto.CommuneCoverage i : c.items()) {
            if (i.departement() != null) {
                departements.add(i.departement());
            }
            rows.add(row(i, c.computedAt()));
        }
        String name = c.territory() == null || c.territory().name() == null ? a.territory().label() : c.territory().name();
        String type = c.territory() == null || c.territory().type() == null ? a.territory().kind() : c.territory().type();
        String themeLabel = a.theme() == null ? "tous les besoins" : api.themeLabel(a.theme());
        String summary = "Besoin : " + themeLabel + ". Une commune est couverte quand une aide est accessible à "
                + String.valueOf(a.radius()).replaceAll("\\.0$", "").replace('.', ',') + " km au plus (ou la"
                + " nomme), avec un rendez-vous libre ou des heures d'accueil dans les " + a.days() + " prochains jours.";
        String csv = pageLink(a, "couverture.csv");
        return new Result(name, type, String.join(",", departements), summary, nz(c.communes()), Territories.number(c.population()),
                nz(c.coveredCommunes()), Territories.number(c.coveredPopulation()), nz(c.uncoveredCommunes()),
                Territories.number(c.uncoveredPopulation()), Territories.percent(c.uncoveredShareOfPopulation()), rows, csv,
                c.computedAt() == null ? "" : Format.when(c.computedAt()));
    }

    private static Row row(TerritoryDto.CommuneCoverage i, java.time.OffsetDateTime now) {
        TerritoryDto.How h = i.coverage();
        String how = "";
        String place = "";
        String distance = "";
        String next = "";
        if (i.covered() && h != null) {
            how = "walk_in".equals(h.kind()) ? "Accueil sans rendez-vous" : "Rendez-vous libre";
            place = h.placeName() == null ? "" : h.placeName();
            distance = "served".equals(h.reach()) ? "Commune desservie" : Format.km(h.distanceKm());
            boolean walkIn = "walk_in".equals(h.kind());
            if (h.nextAt() == null) {
                next = walkIn ? "Aux heures d'ouverture" : "";
            } else if (walkIn && now != null && !h.nextAt().isAfter(now.plusMinutes(1))) {
                next = "Ouvert en ce moment"; // the API gives « now » for a place open at the time of the computation
            } else {
                next = Format.when(h.nextAt());
            }
        }
        return new Row(i.code(), i.name(), Territories.number(i.population()), i.covered(), i.covered() ? "couverte" : "sans-aide",
                how, place, distance, next);
    }

    private static int nz(Integer n) {
        return n == null ? 0 : n;
    }

    private static String pageLink(Asked a, String page) {
        UriBuilder u = UriBuilder.fromPath("/territoire/" + page).queryParam("territoire", a.territory().value());
        if (a.theme() != null) {
            u.queryParam("theme", a.theme());
        }
        return u.queryParam("rayon", String.valueOf(a.radius()).replaceAll("\\.0$", "")).queryParam("jours", a.days()).build()
                .toString();
    }

    private static String pageLink(Form form, String page) {
        return UriBuilder.fromPath("/territoire/" + page).queryParam("territoire", form.value("territoire"))
                .queryParam("theme", form.value("theme")).queryParam("rayon", form.value("rayon"))
                .queryParam("jours", form.value("jours")).build().toString();
    }
}
