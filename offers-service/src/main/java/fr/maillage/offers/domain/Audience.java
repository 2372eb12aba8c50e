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

    Audience(String code, String label) {
        Coded.define(this, code, label);
    }
}
