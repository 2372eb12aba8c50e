package fr.maillage.offers.domain;

/** Lifecycle of an offer: only published offers have planned sessions. */
public enum OfferStatus implements Coded {
    DRAFT("draft", "Brouillon"),
    PUBLISHED("published", "Publiée"),
    SUSPENDED("suspended", "Suspendue"),
    ARCHIVED("archived", "Archivée");

    OfferStatus(String code, String label) {
        Coded.define(this, code, label);
    }
}
