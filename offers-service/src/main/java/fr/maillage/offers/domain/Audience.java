package fr.maillage.offers.domain;

/** Publics an offer specifically addresses. */
public enum Audience implements Coded {
    TOUT_PUBLIC("tout_public", "Tout public"),
    JEUNES("jeunes", "Jeunes (16-25 ans)"),
    SENIORS("seniors", "Seniors"),
    FAMILLES("familles", "Familles"),
    DEMANDEURS_EMPLOI("demandeurs_emploi", "Demandeurs d'emploi"),
    PERSONNES_HANDICAP("personnes_handicap", "Personnes en situation de handicap"),
    ALLOPHONES("allophones", "Personnes allophones"),
    ILLETTRISME("illettrisme", "Personnes en situation d'illettrisme");

    private final String code;
    private final String label;

    Audience(String code, String label) {
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
