package fr.maillage.offers.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The codes are stable API, event and database values and the labels are shown to people: pinned here, in order,
 * exactly as each enum wrote them before {@link Coded} kept them for all of them.
 */
class CodedTest {
    private static <E extends Enum<E> & Coded> List<String> pairs(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.code() + "|" + e.label()).toList();
    }

    @Test
    void everyConstantKeepsItsCodeAndLabel() {
        assertEquals(List.of("tout_public|Tout public", "jeunes|Jeunes (16-25 ans)", "seniors|Seniors", "familles|Familles", "demandeurs_emploi|Demandeurs d'emploi", "personnes_handicap|Personnes en situation de handicap", "allophones|Personnes allophones", "illettrisme|Personnes en situation d'illettrisme"),
                pairs(Audience.class));
        assertEquals(List.of("citizen|Citoyen en autonomie", "agent|Agent pour le compte d'une personne", "partner_app|Application partenaire"),
                pairs(Booker.class));
        assertEquals(List.of("gratuit|Gratuit", "gratuit_sous_condition|Gratuit sous condition", "payant|Payant"),
                pairs(FeeKind.class));
        assertEquals(List.of("debutant|Débutant", "intermediaire|Intermédiaire", "avance|Avancé", "tous_niveaux|Tous niveaux"),
                pairs(Level.class));
        assertEquals(List.of("sur_place|Sur place", "itinerant|Itinérant", "a_distance|À distance"),
                pairs(Modality.class));
        assertEquals(List.of("draft|Brouillon", "published|Publiée", "suspended|Suspendue", "archived|Archivée"),
                pairs(OfferStatus.class));
        assertEquals(List.of("permanence_individuelle|Permanence individuelle", "atelier_collectif|Atelier collectif", "formation|Formation", "acces_libre|Accès libre à l'équipement", "aide_ponctuelle|Aide ponctuelle aux démarches"),
                pairs(OfferType.class));
        assertEquals(List.of("aide_demarches|Aide aux démarches administratives", "outils_quotidien|Maîtrise des outils numériques du quotidien", "insertion_pro|Insertion professionnelle via le numérique", "usage_securise|Utilisation sécurisée du numérique", "parentalite|Parentalité et éducation avec le numérique", "loisirs_creation|Loisirs et créations numériques", "usage_citoyen|Compréhension et usage citoyen du numérique", "acces_equipement|Accès internet et matériel informatique", "materiel_solidaire|Acquisition de matériel informatique à prix solidaire", "impots|Impôts en ligne", "france_travail|France Travail", "sante|Santé : Mon Espace Santé, ameli", "caf|CAF", "ants|ANTS : carte grise, permis, titres", "transports|Transports, SNCF", "messagerie|Messagerie électronique", "smartphone|Smartphone", "visio_famille|Visio avec la famille", "securite_arnaques|Sécurité, arnaques"),
                pairs(Theme.class));
    }

    @Test
    void parseFindsByCodeOnlyAndCodesListsThemInOrder() {
        assertEquals(Optional.of(OfferType.ACCES_LIBRE), Coded.parse(OfferType.class, "acces_libre"));
        assertEquals(Optional.of(Theme.IMPOTS), Coded.parse(Theme.class, "impots"));
        assertTrue(Coded.parse(OfferType.class, "ACCES_LIBRE").isEmpty());
        assertTrue(Coded.parse(OfferType.class, "Accès libre à l'équipement").isEmpty());
        assertTrue(Coded.parse(OfferType.class, null).isEmpty());
        assertEquals("draft, published, suspended, archived", Coded.codes(OfferStatus.class));
        assertEquals(Theme.AIDE_DEMARCHES, Theme.IMPOTS.parent());
    }
}
