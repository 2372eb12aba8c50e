package fr.maillage.offers.territory;

import fr.maillage.platform.csv.CsvCells;

/**
 * The indicators as CSV (issue 20), written with {@link TerritoryCsv} (the coverage's rules: `;`, French header, every
 * text cell through the platform's {@link CsvCells#neutralise}, quoted when needed); a hidden figure is {@code <5}.
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
            out.append(TerritoryCsv.line(TerritoryCsv.text(String.valueOf(o.offerId())), TerritoryCsv.text(o.title()),
                    o.placeId() == null ? "" : o.placeId().toString(), TerritoryCsv.text(o.placeName()),
                    TerritoryCsv.text(o.communeCode()), Integer.toString(o.sessions()), Integer.toString(o.capacity()),
                    count(o.confirmed()), o.fillRate() == null ? (o.confirmed() == null ? HIDDEN : "") : o.fillRate().toString()));
        }
        return out.toString();
    }

    private static String count(Integer value) {
        return value == null ? HIDDEN : value.toString();
    }

    /** A row: codes and names are texts ({@link TerritoryCsv#text}), counts and rates numbers or {@code <5}. */
    private static void row(StringBuilder out, String code, String name, String... figures) {
        String[] cells = new String[figures.length + 2];
        cells[0] = TerritoryCsv.text(code);
        cells[1] = TerritoryCsv.text(name);
        System.arraycopy(figures, 0, cells, 2, figures.length);
        out.append(TerritoryCsv.line(cells));
    }
}
