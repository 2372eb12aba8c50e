package fr.maillage.offers.domain;

/** Where the support happens. */
public enum Modality implements Coded {
    SUR_PLACE("sur_place", "Sur place"),
    ITINERANT("itinerant", "Itinérant"),
    A_DISTANCE("a_distance", "À distance");

    Modality(String code, String label) {
        Coded.define(this, code, label);
    }
}
