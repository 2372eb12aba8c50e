package fr.maillage.web.territory;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

/**
 * « Demandes et rendez-vous » (/territoire/indicateurs): a GET form (territory — a commune too —, need, period) and
 * offers-service's indicators as tables with bars drawn on the server (SVG, the value always written beside). A figure
 * hidden by statistical secrecy (1 to 4 people: {@code null} in the API) reads « moins de 5 ». CSV links pass the
 * API's CSV through ({@code /territoire/indicateurs.csv}, {@code &table=offres} for the fill rates).
 */
@Path("/territoire")
@Produces(MediaType.TEXT_HTML)
public class IndicatorsPage {
    static final String SUPPRESSED = "moins de 5";
    static final long MAX_SPAN_DAYS = 731;
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("d/M/uuuu");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMMM uuuu", Territories.FR);
    private static final Map<String, String> OUTCOMES = Map.of("received", "Reçues (la personne s'est manifestée)", "attended",
            "Venues", "no_show", "Absentes", "redirected", "Réorientées", "no_longer_needed", "Plus besoin", "venue", "Venues",
            "rendez_vous_pris", "Rendez-vous pris", "sent", "Sans suite enregistrée");

    @Inject
    Coordinator who;
    @Inject
    Api api;

    /** A figure: its text (« moins de 5 » when hidden), and a bar's length in % of the largest of its list. */
    public record Figure(String label, String text, boolean suppressed, int bar) {
    }

    public record ThemeRow(String label, Figure demand, Figure bookings, Figure unmet) {
    }

    public record CommuneRow(String code, String name, String population, Figure demand, Figure bookings, Figure unmet,
            Figure referrals, String link) {
    }

    public record FillRow(String name, String place, String commune, String sessions, String capacity, String confirmed,
            Figure rate) {
    }

    public record Result(String territoryName, String period, String themeLabel, List<Figure> totals, List<Figure> outcomes,
            List<ThemeRow> themes, List<CommuneRow> communes, List<FillRow> offers, List<FillRow> places, boolean anySuppressed,
            String csv, String csvOffers) {
    }

    public record View(String name, Form form, List<Territories.Option> territories, boolean freeTerritory,
            List<Territories.Option> themes, Result result) {
    }

    record Asked(Selection territory, String theme, LocalDate from, LocalDate to) {
    }

    @GET
    @Path("indicateurs")
    public Response page(@QueryParam("territoire") String territoire, @QueryParam("theme") String theme,
            @QueryParam("du") String du, @QueryParam("au") String au) {
        Form form = form();
        Optional<Asked> asked = read(form, territoire, theme, du, au);
        Result result = null;
        int status = 200;
        if (asked.isEmpty()) {
            status = 400;
        } else {
            Asked a = asked.get();
            try {
                TerritoryDto.Indicators i = who.call(t -> t.indicators(a.territory().departement(), a.territory().epci(),
                        a.territory().commune(), a.theme(), iso(a.from()), iso(a.to())));
                result = result(a, i, form);
            } catch (ApiRefusal refusal) {
                Territories.refused(form, refusal);
                status = refusal.status;
            }
        }
        return Response.status(status).entity(TerritoryTemplates.indicators(view(form, result))).build();
    }

    @GET
    @Path("indicateurs.csv")
    @Produces({ "text/csv", MediaType.TEXT_HTML })
    public Response csv(@QueryParam("territoire") String territoire, @QueryParam("theme") String theme,
            @QueryParam("du") String du, @QueryParam("au") String au, @QueryParam("table") String table) {
        Form form = form();
        Optional<Asked> asked = read(form, territoire, theme, du, au);
        if (asked.isEmpty()) {
            return BookingPages.seeOther(UriBuilder.fromPath("/territoire/indicateurs").queryParam("territoire",
                    form.value("territoire")).queryParam("theme", form.value("theme")).queryParam("du", form.value("du"))
                    .queryParam("au", form.value("au")).build().toString());
        }
        Asked a = asked.get();
        String offers = "offres".equals(table) ? "offres" : null;
        try {
            return Territories.csv(who.call(t -> t.indicatorsCsv(a.territory().departement(), a.territory().epci(),
                    a.territory().commune(), a.theme(), iso(a.from()), iso(a.to()), offers)));
        } catch (ApiRefusal refusal) {
            Territories.refused(form, refusal);
            return Response.status(refusal.status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(TerritoryTemplates.indicators(view(form, null)).render()).build();
        }
    }

    private Form form() {
        return new Form().label("territoire", "Territoire").label("theme", "Besoin").label("du", "Du").label("au", "Au");
    }

    private View view(Form form, Result result) {
        return new View(who.name(), form, Territories.territoryOptions(who, form.value("territoire")),
                who.territories().isEmpty(), Territories.themeOptions(api, form.value("theme")), result);
    }

    private Optional<Asked> read(Form form, String territoire, String theme, String du, String au) {
        Optional<Selection> territory = Territories.territory(form, who, territoire, true);
        String themeCode = Territories.theme(form, api, theme);
        LocalDate from = date(form, "du", du);
        LocalDate to = date(form, "au", au);
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                form.error("au", "La fin de la période doit être le même jour que le début ou après.");
            } else if (ChronoUnit.DAYS.between(from, to) > MAX_SPAN_DAYS) {
                form.error("au", "La période ne peut pas dépasser deux ans (731 jours).");
            }
        }
        if (!form.valid() || territory.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Asked(territory.get(), themeCode, from, to));
    }

    /** An empty date (the API's default period: the last 12 months), 2026-01-31 or 31/1/2026. */
    private static LocalDate date(Form form, String field, String value) {
        String v = value == null ? "" : value.strip();
        form.set(field, v);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return v.contains("/") ? LocalDate.parse(v, FRENCH_DATE) : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            form.error(field, "Écrivez une date comme 31/01/2026 ou 2026-01-31.");
            return null;
        }
    }

    private static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private Result result(Asked a, TerritoryDto.Indicators i, Form form) {
        // the period the API used (its default when the fields were empty) fills the fields
        if (form.value("du").isEmpty() && i.from() != null) {
            form.set("du", i.from());
        }
        if (form.value("au").isEmpty() && i.to() != null) {
            form.set("au", i.to());
        }
        TerritoryDto.Totals t = i.totals() == null
                ? new TerritoryDto.Totals(0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, Map.of())
                : i.totals();
        List<Figure> totals = List.of(count("Demandes de rendez-vous", t.demand()), count("Rendez-vous pris", t.bookings()),
                count("Personnes venues", t.attended()), count("Personnes absentes", t.noShows()),
                rate("Taux d'absence", t.noShowRate(), t.attended(), t.noShows()), count("Annulations", t.cancellations()),
                count("Mises en liste d'attente", t.waitlisted()), count("Restées en liste d'attente", t.leftOnWaitingList()),
                count("Refusées car complet", t.refusedFull()), count("Demande non satisfaite", t.unmetDemand()),
                count("Orientations", t.referrals()));
        List<Figure> outcomes = new ArrayList<>();
        if (t.referralOutcomes() != null) {
            t.referralOutcomes().forEach((code, n) -> outcomes.add(count(OUTCOMES.getOrDefault(code, code.replace('_', ' ')), n)));
        }
        int maxTheme = max(i.demandByTheme(), TerritoryDto.ThemeDemand::demand);
        List<ThemeRow> themes = i.demandByTheme().stream().map(d -> new ThemeRow(d.label() != null ? d.label()
                : d.theme() == null ? "Besoin non précisé" : api.themeLabel(d.theme()), bar(d.demand(), maxTheme), bar(d.bookings(), maxTheme), bar(d.unmetDemand(), maxTheme))).toList();
        int maxCommune = max(i.communes(), TerritoryDto.CommuneFigures::demand);
        List<CommuneRow> communes = i.communes().stream().map(c -> new CommuneRow(c.code(), c.name(),
                Territories.number(c.population()), bar(c.demand(), maxCommune), bar(c.bookings(), maxCommune),
                bar(c.unmetDemand(), maxCommune), bar(c.referrals(), maxCommune), link(a, "commune:" + c.code()))).toList();
        List<FillRow> offers = i.offers().stream().map(o -> new FillRow(o.title(), o.placeName(), o.communeCode(),
                Territories.number(o.sessions()), Territories.number(o.capacity()), Territories.number(o.confirmed()),
                fill(o.fillRate()))).toList();
        List<FillRow> places = i.places().stream().map(p -> new FillRow(p.name(), null, p.communeCode(),
                Territories.number(p.sessions()), Territories.number(p.capacity()), Territories.number(p.confirmed()),
                fill(p.fillRate()))).toList();
        boolean any = totals.stream().anyMatch(Figure::suppressed) || outcomes.stream().anyMatch(Figure::suppressed)
                || themes.stream().anyMatch(r -> r.demand().suppressed() || r.bookings().suppressed() || r.unmet().suppressed())
                || communes.stream().anyMatch(r -> r.demand().suppressed() || r.bookings().suppressed() || r.unmet().suppressed()
                        || r.referrals().suppressed());
        String name = i.territory() == null || i.territory().name() == null ? a.territory().label() : i.territory().name();
        String period = "du " + shown(i.from()) + " au " + shown(i.to());
        String themeLabel = a.theme() == null ? "Tous les besoins" : api.themeLabel(a.theme());
        String csv = csv(a, i, null);
        return new Result(name, period, themeLabel, totals, outcomes, themes, communes, offers, places, any, csv,
                csv(a, i, "offres"));
    }

    private static String shown(String iso) {
        try {
            return iso == null ? "" : LocalDate.parse(iso).format(SHOWN);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static String link(Asked a, String territory) {
        UriBuilder u = UriBuilder.fromPath("/territoire/indicateurs").queryParam("territoire", territory);
        if (a.theme() != null) {
            u.queryParam("theme", a.theme());
        }
        if (a.from() != null) {
            u.queryParam("du", a.from());
        }
        if (a.to() != null) {
            u.queryParam("au", a.to());
        }
        return u.build().toString();
    }

    private static String csv(Asked a, TerritoryDto.Indicators i, String table) {
        UriBuilder u = UriBuilder.fromPath("/territoire/indicateurs.csv").queryParam("territoire", a.territory().value());
        if (a.theme() != null) {
            u.queryParam("theme", a.theme());
        }
        String from = a.from() != null ? a.from().toString() : i.from();
        String to = a.to() != null ? a.to().toString() : i.to();
        if (from != null) {
            u.queryParam("du", from);
        }
        if (to != null) {
            u.queryParam("au", to);
        }
        if (table != null) {
            u.queryParam("table", table);
        }
        return u.build().toString();
    }

    static Figure count(String label, Integer n) {
        return n == null ? new Figure(label, SUPPRESSED, true, 0) : new Figure(label, Territories.number(n), false, 0);
    }

    static Figure rate(String label, Double rate, Integer numerator, Integer denominatorPart) {
        if (rate != null) {
            return new Figure(label, Territories.percent(rate), false, (int) Math.round(Math.min(1, rate) * 100));
        }
        boolean none = Integer.valueOf(0).equals(numerator) && Integer.valueOf(0).equals(denominatorPart);
        return none ? new Figure(label, "pas de rendez-vous passé", false, 0)
                : new Figure(label, "non diffusé (moins de 5 personnes)", true, 0);
    }

    private static Figure bar(Integer n, int max) {
        if (n == null) {
            return new Figure(null, SUPPRESSED, true, 0);
        }
        return new Figure(null, Territories.number(n), false, max <= 0 ? 0 : (int) Math.round(100.0 * n / max));
    }

    private static Figure fill(Double rate) {
        if (rate == null) {
            return new Figure(null, "non diffusé", true, 0);
        }
        return new Figure(null, Territories.percent(rate), false, (int) Math.round(Math.min(1, rate) * 100));
    }

    private static <T> int max(List<T> list, Function<T, Integer> value) {
        return list.stream().map(value).filter(v -> v != null).mapToInt(Integer::intValue).max().orElse(0);
    }
}
