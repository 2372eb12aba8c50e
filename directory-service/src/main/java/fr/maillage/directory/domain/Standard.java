package fr.maillage.directory.domain;

import java.util.List;
import java.util.Map;

/**
 * The enumerations of the <em>standard des lieux de médiation numérique</em> v1.0.x (La MedNum / ANCT),
 * with their exact strings: they are what other tools (national cartography, data·inclusion) match on,
 * so they are never translated or re-spelt here.
 */
public final class Standard {
    private Standard() {
    }

    public static final List<String> SERVICES = List.of(
            "Aide aux démarches administratives",
            "Maîtrise des outils numériques du quotidien",
            "Insertion professionnelle via le numérique",
            "Utilisation sécurisée du numérique",
            "Parentalité et éducation avec le numérique",
            "Loisirs et créations numériques",
            "Compréhension du monde numérique",
            "Accès internet et matériel informatique",
            "Acquisition de matériel informatique à prix solidaire");

    public static final List<String> PUBLICS = List.of("Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes");

    public static final List<String> PRISE_EN_CHARGE = List.of("Surdité", "Handicaps moteurs", "Handicaps mentaux",
            "Illettrisme", "Langues étrangères (anglais)", "Langues étrangères (autres)", "Déficience visuelle");

    public static final List<String> FRAIS = List.of("Gratuit", "Gratuit sous condition", "Payant");

    public static final List<String> PROGRAMMES = List.of(
            "Aidants Connect",
            "Bibliothèques numérique de référence",
            "Certification PIX",
            "Conseillers numériques",
            "Emmaüs Connect",
            "France Services",
            "Grande école du numérique",
            "La Croix Rouge",
            "Point d'accès numérique CAF",
            "Promeneurs du net",
            "Relais numérique (Emmaüs Connect)");

    public static final List<String> FORMATIONS_LABELS = List.of(
            "Formé à « Mon Espace Santé »",
            "Formé à « DUPLEX » (illettrisme)",
            "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
            "Collectif ressources et acteurs réemploi (Normandie)",
            "Fabriques de Territoire",
            "Les Éclaireurs du numérique (Drôme)",
            "Mes Papiers (Métropole de Lyon)",
            "ORDI 3.0",
            "SUD LABS (PACA)");

    public static final List<String> MODALITES_ACCES = List.of("Se présenter", "Téléphoner", "Contacter par mail",
            "Prendre un RDV en ligne", "Ce lieu n'accueille pas de public", "Envoyer un mail avec une fiche de prescription");

    public static final List<String> MODALITES_ACCOMPAGNEMENT = List.of("En autonomie", "Accompagnement individuel",
            "Dans un atelier collectif", "À distance");

    public static final List<String> ITINERANCE = List.of("Fixe", "Itinérant");

    /** Typologies of structures (data·inclusion vocabulary, used by the standard's `typologie`). */
    public static final List<String> TYPOLOGIES = List.of(
            "ACI", "ACIPHC", "AFPA", "AI", "ASE", "ASSO", "ASSO_CHOMEUR", "Autre", "AVIP", "BIB", "CAARUD", "CADA", "CAF",
            "CAP_EMPLOI", "CAVA", "CC", "CCAS", "CCONS", "CD", "CDAS", "CFP", "CHRS", "CHU", "CIAS", "CIDFF", "CITMET", "CMP",
            "CMS", "CPAM", "CPH", "CS", "CSAPA", "CSC", "DEETS", "DEPT", "DIPLP", "E2C", "EA", "EATT", "EI", "EITI", "ENM",
            "EPCI", "EPI", "EPIDE", "EPN", "ES", "ESAT", "ESS", "ETTI", "EVS", "FABLAB", "FABRIQUE", "FAIS", "FT", "GEIQ",
            "HUDA", "LA_POSTE", "MDE", "MDH", "MDEF", "MDPH", "MDS", "MJC", "ML", "MQ", "MSA", "MSAP", "MUNI", "OACAS",
            "ODC", "OF", "OIL", "OPCS", "PAD", "PENSION", "PI", "PIJ_BIJ", "PIMMS", "PJJ", "PLIE", "PREF", "PREVENTION",
            "REG", "RELAIS_LECTURE", "RESSOURCERIE", "RFS", "RS_FJT", "SCP", "SPIP", "TIERS_LIEUX", "UDAF");

    /** Roles of people who staff places (event contract of directory.people.v1). */
    public static final List<String> ROLES = List.of("agent_accueil", "conseiller_numerique", "agent_france_services",
            "benevole", "aidant_connect");

    /** Human names of the roles, for messages. */
    public static final Map<String, String> ROLE_LABELS = Map.of(
            "agent_accueil", "agent d'accueil / secrétaire de mairie",
            "conseiller_numerique", "conseiller numérique",
            "agent_france_services", "agent France Services",
            "benevole", "bénévole",
            "aidant_connect", "aidant habilité Aidants Connect");

    /**
     * The value as the standard spells it, or null when it is not one of {@code allowed}. Typographic
     * apostrophes are folded to the ASCII one that the enumerations above use, since both circulate
     * in partners' files ("Ce lieu n’accueille pas de public").
     */
    public static String canonical(List<String> allowed, String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().replace('\u2019', '\'');
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        return null;
    }
}
