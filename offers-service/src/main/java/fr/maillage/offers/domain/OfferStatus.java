package fr.maillage.offers.domain;

/** Lifecycle of an offer: only published offers have planned sessions. */
public enum OfferStatus implements Coded {
    DRAFT("draft", "Brouillon"),
    PUBLISHED("published", "Publiée"),
    SUSPENDED("suspended", "Suspendue"),
    ARCHIVED("archived", "Archivée");

    private final String code;
    private final String label;

    OfferStatus(String code, String label) {
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
