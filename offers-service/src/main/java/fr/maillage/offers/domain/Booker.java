package fr.maillage.offers.domain;

/** Who may book a session (booking rules). */
public enum Booker implements Coded {
    CITIZEN("citizen", "Citoyen en autonomie"),
    AGENT("agent", "Agent pour le compte d'une personne"),
    PARTNER_APP("partner_app", "Application partenaire");

    private final String code;
    private final String label;

    Booker(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }
}
