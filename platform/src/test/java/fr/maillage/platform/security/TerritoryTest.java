package fr.maillage.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerritoryTest {
    @Test
    void readsEpciAndDepartementClaims() {
        assertEquals(new Territory(Territory.Kind.EPCI, "248000531"), Territory.parse("epci:248000531").orElseThrow());
        assertEquals(new Territory(Territory.Kind.DEPARTEMENT, "80"), Territory.parse(" dep:80 ").orElseThrow());
        assertEquals(new Territory(Territory.Kind.DEPARTEMENT, "2A"), Territory.parse("DEP:2a").orElseThrow());
        assertEquals(new Territory(Territory.Kind.DEPARTEMENT, "974"), Territory.parse("dep:974").orElseThrow());
        assertEquals("epci:248000531", Territory.parse("EPCI:248000531").orElseThrow().toString());
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] { null, "", "80", "dep:", "dep:8", "dep:2C", "dep:9741", "epci:24800053",
                "epci:2480005310", "region:32", "dep:80,dep:62", "epci:*" }) {
            assertTrue(Territory.parse(bad).isEmpty(), String.valueOf(bad));
        }
    }
}
