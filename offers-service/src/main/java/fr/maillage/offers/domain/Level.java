package fr.maillage.offers.domain;

/** Expected level of the participants. */
public enum Level implements Coded {
    DEBUTANT("debutant", "Débutant"),
    INTERMEDIAIRE("intermediaire", "Intermédiaire"),
    AVANCE("avance", "Avancé"),
    TOUS_NIVEAUX("tous_niveaux", "Tous niveaux");

    private final String code;
    private final String label;

    Level(String code, String label) {
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
