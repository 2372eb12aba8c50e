package fr.maillage.booking.domain;

import java.util.List;

/**
 * The theme codes of offers-service ({@code fr.maillage.offers.domain.Theme}: the nine services of the « standard des
 * lieux de médiation numérique » and the finer topics), stable API and event values. A referral's need is one of them,
 * so that the receiving structure and the statistics read the same words as the catalogue. Keep in step with offers.
 */
public final class NeedThemes {
    public static final List<String> ALL = List.of("aide_demarches", "outils_quotidien", "insertion_pro",
            "usage_securise", "parentalite", "loisirs_creation", "usage_citoyen", "acces_equipement", "materiel_solidaire",
            "impots", "france_travail", "sante", "caf", "ants", "transports", "messagerie", "smartphone", "visio_famille",
            "securite_arnaques");

    private NeedThemes() {
    }
}
