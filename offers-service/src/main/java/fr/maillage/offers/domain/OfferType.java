package fr.maillage.offers.domain;

/** Kind of offer; an individual permanence is cut into slots, an atelier is one session with N seats. */
public enum OfferType implements Coded {
    PERMANENCE_INDIVIDUELLE("permanence_individuelle", "Permanence individuelle"),
    ATELIER_COLLECTIF("atelier_collectif", "Atelier collectif"),
    FORMATION("formation", "Formation"),
    ACCES_LIBRE("acces_libre", "Accès libre à l'équipement"),
    AIDE_PONCTUELLE("aide_ponctuelle", "Aide ponctuelle aux démarches");

    OfferType(String code, String label) {
        Coded.define(this, code, label);
    }
}
