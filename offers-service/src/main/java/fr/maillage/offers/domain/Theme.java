package fr.maillage.offers.domain;

import java.util.Arrays;
import java.util.List;

/**
 * Themes of an offer: the nine services of the "standard des lieux de médiation numérique" (La MedNum),
 * plus finer topics people actually come for, each attached to the standard service it belongs to so
 * that searching a standard service also finds its topics. Codes are stable API and event values.
 */
public enum Theme implements Coded {
    AIDE_DEMARCHES("aide_demarches", "Aide aux démarches administratives", null),
    OUTILS_QUOTIDIEN("outils_quotidien", "Maîtrise des outils numériques du quotidien", null),
    INSERTION_PRO("insertion_pro", "Insertion professionnelle via le numérique", null),
    USAGE_SECURISE("usage_securise", "Utilisation sécurisée du numérique", null),
    PARENTALITE("parentalite", "Parentalité et éducation avec le numérique", null),
    LOISIRS_CREATION("loisirs_creation", "Loisirs et créations numériques", null),
    USAGE_CITOYEN("usage_citoyen", "Compréhension et usage citoyen du numérique", null),
    ACCES_EQUIPEMENT("acces_equipement", "Accès internet et matériel informatique", null),
    MATERIEL_SOLIDAIRE("materiel_solidaire", "Acquisition de matériel informatique à prix solidaire", null),

    IMPOTS("impots", "Impôts en ligne", AIDE_DEMARCHES),
    FRANCE_TRAVAIL("france_travail", "France Travail", INSERTION_PRO),
    SANTE("sante", "Santé : Mon Espace Santé, ameli", AIDE_DEMARCHES),
    CAF("caf", "CAF", AIDE_DEMARCHES),
    ANTS("ants", "ANTS : carte grise, permis, titres", AIDE_DEMARCHES),
    TRANSPORTS("transports", "Transports, SNCF", OUTILS_QUOTIDIEN),
    MESSAGERIE("messagerie", "Messagerie électronique", OUTILS_QUOTIDIEN),
    SMARTPHONE("smartphone", "Smartphone", OUTILS_QUOTIDIEN),
    VISIO_FAMILLE("visio_famille", "Visio avec la famille", OUTILS_QUOTIDIEN),
    SECURITE_ARNAQUES("securite_arnaques", "Sécurité, arnaques", USAGE_SECURISE);

    private final Theme parent;

    Theme(String code, String label, Theme parent) {
        Coded.define(this, code, label);
        this.parent = parent;
    }

    /** The standard service this topic belongs to, or null for a standard service itself. */
    public Theme parent() {
        return parent;
    }

    /** This theme's code and the codes of its finer topics: what a search on this theme matches. */
    public List<String> codeWithTopics() {
        return Arrays.stream(values()).filter(t -> t == this || t.parent == this).map(Theme::code).toList();
    }
}
