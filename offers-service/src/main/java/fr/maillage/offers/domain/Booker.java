package fr.maillage.offers.domain;

/** Who may book a session (booking rules). */
public enum Booker implements Coded {
    CITIZEN("citizen", "Citoyen en autonomie"),
    AGENT("agent", "Agent pour le compte d'une personne"),
    PARTNER_APP("partner_app", "Application partenaire");

    Booker(String code, String label) {
        Coded.define(this, code, label);
    }
}
