package fr.maillage.offers.domain;

/** Expected level of the participants. */
public enum Level implements Coded {
    DEBUTANT("debutant", "Débutant"),
    INTERMEDIAIRE("intermediaire", "Intermédiaire"),
    AVANCE("avance", "Avancé"),
    TOUS_NIVEAUX("tous_niveaux", "Tous niveaux");

    Level(String code, String label) {
        Coded.define(this, code, label);
    }
}
