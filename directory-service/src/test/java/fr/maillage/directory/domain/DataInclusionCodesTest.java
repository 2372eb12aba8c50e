package fr.maillage.directory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 21 item 4: the mapping to data·inclusion's codes ({@link DataInclusionCodes}) against the schema v1 shipped in
 * the repository (src/main/resources/data-inclusion/v1/*.json, gip-inclusion/data-inclusion-schema v1.0.8): every code
 * used belongs to the enumeration of its field, and every value of the standard has an entry.
 */
class DataInclusionCodesTest {
    static JsonNode schema(String resource) throws IOException {
        try (InputStream in = DataInclusionCodesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertTrue(in != null, "the data·inclusion schema is shipped at " + resource);
            return new ObjectMapper().readTree(in);
        }
    }

    /** The codes of one enumeration ($defs) of the shipped schema. */
    static Set<String> enumeration(String resource, String def) throws IOException {
        JsonNode values = schema(resource).path("$defs").path(def).path("enum");
        assertTrue(values.isArray() && values.size() > 0, def + " in " + resource);
        Set<String> codes = new TreeSet<>();
        values.forEach(v -> codes.add(v.asText()));
        return codes;
    }

    @Test
    void theShippedSchemaSaysItsSourceAndVersion() throws IOException {
        for (String resource : List.of(DataInclusionCodes.STRUCTURE_SCHEMA, DataInclusionCodes.SERVICE_SCHEMA)) {
            String comment = schema(resource).path("$comment").asText();
            assertTrue(comment.contains("github.com/gip-inclusion/data-inclusion-schema"), comment);
            assertTrue(comment.contains("v" + DataInclusionCodes.SCHEMA_VERSION), comment);
        }
        // the enumerations as published in v1.0.8 (a few landmarks: the file is the official one, not a re-typed list)
        assertEquals(Set.of("gratuit", "payant"), enumeration(DataInclusionCodes.SERVICE_SCHEMA, "Frais"));
        assertEquals(Set.of("a-distance", "en-presentiel"), enumeration(DataInclusionCodes.SERVICE_SCHEMA, "ModeAccueil"));
        assertEquals(14, enumeration(DataInclusionCodes.SERVICE_SCHEMA, "Public").size());
        assertEquals(69, enumeration(DataInclusionCodes.SERVICE_SCHEMA, "Thematique").size());
        assertTrue(enumeration(DataInclusionCodes.STRUCTURE_SCHEMA, "ReseauPorteur").contains("mdph")); // added in 1.0.8
    }

    @Test
    void everyCodeOfTheMappingBelongsToItsEnumeration() throws IOException {
        String service = DataInclusionCodes.SERVICE_SCHEMA;
        Map<Map<String, List<String>>, Set<String>> checks = Map.of(
                DataInclusionCodes.THEMATIQUES, enumeration(service, "Thematique"),
                DataInclusionCodes.PUBLICS, enumeration(service, "Public"),
                DataInclusionCodes.PUBLICS_PRISE_EN_CHARGE, enumeration(service, "Public"),
                DataInclusionCodes.FRAIS, enumeration(service, "Frais"),
                DataInclusionCodes.MODES_MOBILISATION, enumeration(service, "ModeMobilisation"),
                DataInclusionCodes.TYPES, enumeration(service, "TypeService"),
                DataInclusionCodes.MODES_ACCUEIL, enumeration(service, "ModeAccueil"),
                DataInclusionCodes.RESEAUX_PORTEURS_PROGRAMMES, enumeration(DataInclusionCodes.STRUCTURE_SCHEMA, "ReseauPorteur"),
                DataInclusionCodes.RESEAUX_PORTEURS_TYPOLOGIES, enumeration(DataInclusionCodes.STRUCTURE_SCHEMA, "ReseauPorteur"));
        List<String> wrong = new ArrayList<>();
        checks.forEach((map, codes) -> map.forEach((label, mapped) -> mapped.stream().filter(c -> !codes.contains(c))
                .forEach(c -> wrong.add(label + " → " + c))));
        assertEquals(List.of(), wrong, "codes that are not data·inclusion v1's");
        assertTrue(enumeration(service, "Public").contains(DataInclusionCodes.TOUS_PUBLICS));
        assertTrue(enumeration(service, "PersonneMobilisatrice").containsAll(List.of("usagers", "professionnels")));
    }

    @Test
    void everyValueOfTheStandardHasAnEntry() {
        assertEquals(Set.copyOf(Standard.SERVICES), DataInclusionCodes.THEMATIQUES.keySet());
        assertEquals(Set.copyOf(Standard.PUBLICS), DataInclusionCodes.PUBLICS.keySet());
        assertEquals(Set.copyOf(Standard.PRISE_EN_CHARGE), DataInclusionCodes.PUBLICS_PRISE_EN_CHARGE.keySet());
        assertEquals(Set.copyOf(Standard.FRAIS), DataInclusionCodes.FRAIS.keySet());
        assertEquals(Set.copyOf(Standard.MODALITES_ACCES), DataInclusionCodes.MODES_MOBILISATION.keySet());
        assertEquals(Set.copyOf(Standard.MODALITES_ACCOMPAGNEMENT), DataInclusionCodes.TYPES.keySet());
        assertEquals(Set.copyOf(Standard.MODALITES_ACCOMPAGNEMENT), DataInclusionCodes.MODES_ACCUEIL.keySet());
        assertEquals(Set.copyOf(Standard.PROGRAMMES), DataInclusionCodes.RESEAUX_PORTEURS_PROGRAMMES.keySet());
        assertEquals(Set.copyOf(Standard.TYPOLOGIES), DataInclusionCodes.RESEAUX_PORTEURS_TYPOLOGIES.keySet());
        // every service of the standard has at least one thématique
        DataInclusionCodes.THEMATIQUES.forEach((service, codes) -> assertTrue(!codes.isEmpty(), service));
    }

    @Test
    void theRulesOfTheFieldsHoldingOneValueOrAFallback() {
        assertEquals("gratuit", DataInclusionCodes.frais(List.of("Payant", "Gratuit")));
        assertEquals("gratuit", DataInclusionCodes.frais(List.of("Gratuit sous condition")));
        assertEquals("payant", DataInclusionCodes.frais(List.of("Payant")));
        assertEquals(null, DataInclusionCodes.frais(List.of()));
        assertEquals(List.of("seniors"), DataInclusionCodes.publics(List.of("Seniors"), List.of()));
        assertEquals(List.of("personnes-en-situation-de-handicap", "personnes-exilees"),
                DataInclusionCodes.publics(List.of(), List.of("Surdité", "Handicaps moteurs", "Langues étrangères (autres)")));
        assertEquals(List.of("tous-publics"), DataInclusionCodes.publics(List.of(), List.of("Illettrisme")));
        assertEquals(List.of("a-distance", "en-presentiel"), DataInclusionCodes.modesAccueil(List.of("À distance")));
        assertEquals(List.of("en-presentiel"), DataInclusionCodes.modesAccueil(List.of()));
        assertEquals("aide-materielle", DataInclusionCodes.type(List.of("Accompagnement individuel", "En autonomie")));
        assertEquals("atelier", DataInclusionCodes.type(List.of("Accompagnement individuel", "Dans un atelier collectif")));
        assertEquals(null, DataInclusionCodes.type(List.of("À distance")));
        assertEquals(List.of("envoyer-un-courriel", "se-presenter"),
                DataInclusionCodes.modesMobilisation(List.of("Se présenter", "Contacter par mail"), null, null, null));
        assertEquals(List.of("telephoner"),
                DataInclusionCodes.modesMobilisation(List.of("Ce lieu n'accueille pas de public"), "+33322960000", null, null));
        assertEquals(null, DataInclusionCodes.modesMobilisation(List.of(), null, null, null));
        assertEquals(List.of("communes", "conseillers-numeriques"),
                DataInclusionCodes.reseauxPorteurs(List.of("Conseillers numériques"), List.of("MUNI")));
        assertEquals(null, DataInclusionCodes.reseauxPorteurs(List.of("Certification PIX"), List.of("ASSO")));
    }
}
