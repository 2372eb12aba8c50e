package fr.maillage.offers.territory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import fr.maillage.platform.csv.CsvCells;

/**
 * The indicators as CSV (issue 20): `;`-separated, French header, every text cell through the platform's
 * {@link CsvCells#neutralise} (formula neutralisation), a hidden figure written {@code <5}, an empty cell for « none ».
 */
final class IndicatorsCsv {
    static final String COMMUNES_HEADER = "code_insee;commune;population;demandes;rendez_vous;venues;absences;annulations;"
            + "liste_attente_non_servie;refus_complet;demande_non_satisfaite;orientations";
    static final String OFFERS_HEADER = "offre;titre;lieu;nom_lieu;code_insee;seances;places;inscrits;taux_remplissage";
    static final String HIDDEN = "<5";

    private IndicatorsCsv() {
    }

    /** A « Total » row, then one row per commune with a non-zero figure. */
    static String communes(Indicators indicators) {
        StringBuilder out = new StringBuilder(COMMUNES_HEADER).append("\r\n");
        Indicators.Totals t = indicators.totals();
        row(out, "", "Total", "", count(t.demand()), count(t.bookings()), count(t.attended()), count(t.noShows()),
                count(t.cancellations()), count(t.leftOnWaitingList()), count(t.refusedFull()), count(t.unmetDemand()),
                count(t.referrals()));
        for (Indicators.CommuneFigures c : indicators.communes()) {
            row(out, c.code(), c.name(), c.population() == null ? "" : c.population().toString(), count(c.demand()),
                    count(c.bookings()), count(c.attended()), count(c.noShows()), count(c.cancellations()),
                    count(c.leftOnWaitingList()), count(c.refusedFull()), count(c.unmetDemand()), count(c.referrals()));
        }
        return out.toString();
    }

    /** One row per offer: its fill rate over the period. */
    static String offers(Indicators indicators) {
        StringBuilder out = new StringBuilder(OFFERS_HEADER).append("\r\n");
        for (Indicators.OfferFill o : indicators.offers()) {
            row(out, String.valueOf(o.offerId()), o.title(), o.placeId() == null ? "" : o.placeId().toString(),
                    o.placeName(), o.communeCode(), Integer.toString(o.sessions()), Integer.toString(o.capacity()),
                    count(o.confirmed()), o.fillRate() == null ? (o.confirmed() == null ? HIDDEN : "") : o.fillRate().toString());
        }
        return out.toString();
    }

    private static String count(Integer value) {
        return value == null ? HIDDEN : value.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        List<String> written = new ArrayList<>();
        for (String cell : Arrays.asList(cells)) {
            written.add(cell(cell));
        }
        out.append(String.join(";", written)).append("\r\n");
    }

    /** A text cell: neutralised, quoted when it holds the separator, a quote or a line break. */
    private static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (HIDDEN.equals(value) || value.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.')) {
            return value; // numbers and the secrecy mark are written as they are
        }
        String safe = CsvCells.neutralise(value);
        if (safe.contains(";") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
