package fr.maillage.offers.domain;

/** Where the support happens. */
public enum Modality implements Coded {
    SUR_PLACE("sur_place", "Sur place"),
    ITINERANT("itinerant", "Itinérant"),
    A_DISTANCE("a_distance", "À distance");

    private final String code;
    private final String label;

    Modality(String code, String label) {
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
