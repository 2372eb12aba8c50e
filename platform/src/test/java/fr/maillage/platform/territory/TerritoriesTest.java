package fr.maillage.platform.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class TerritoriesTest {
    @Test
    void departementOfInseeCodes() {
        assertEquals("57", Territories.departementOf("57463"));
        assertEquals("01", Territories.departementOf("01053"));
        assertEquals("2A", Territories.departementOf("2A004"));
        assertEquals("2B", Territories.departementOf("2b033"));
        assertEquals("974", Territories.departementOf("97411"));
        assertEquals("971", Territories.departementOf("97105"));
        assertEquals("976", Territories.departementOf("97611"));
        assertEquals("977", Territories.departementOf("97701"));
        assertEquals("978", Territories.departementOf("97801"));
        assertEquals("988", Territories.departementOf("98818"));
        assertEquals("75", Territories.departementOf("75056"));
        assertEquals("974", Territories.departementOf("974"), "a département code is its own département");
        assertEquals("57", Territories.departementOf("57"));
        assertNull(Territories.departementOf(null));
        assertNull(Territories.departementOf("  "));
    }

    @Test
    void zoneOfCommunesAndDepartements() {
        assertEquals(ZoneId.of("America/Guadeloupe"), Territories.zoneOf("97105"));
        assertEquals(ZoneId.of("America/Martinique"), Territories.zoneOf("972"));
        assertEquals(ZoneId.of("America/Cayenne"), Territories.zoneOf("97302"));
        assertEquals(ZoneId.of("Indian/Reunion"), Territories.zoneOf("97411"));
        assertEquals(ZoneId.of("America/Miquelon"), Territories.zoneOf("97502"));
        assertEquals(ZoneId.of("Indian/Mayotte"), Territories.zoneOf("97611"));
        assertEquals(ZoneId.of("America/St_Barthelemy"), Territories.zoneOf("97701"));
        assertEquals(ZoneId.of("America/Marigot"), Territories.zoneOf("97801"));
        assertEquals(ZoneId.of("Pacific/Wallis"), Territories.zoneOf("98611"));
        assertEquals(ZoneId.of("Pacific/Tahiti"), Territories.zoneOf("98735"));
        assertEquals(ZoneId.of("Pacific/Noumea"), Territories.zoneOf("98818"));
        assertEquals(Territories.DEFAULT_ZONE, Territories.zoneOf("75056"));
        assertEquals(Territories.DEFAULT_ZONE, Territories.zoneOf("2A004"));
        assertEquals(Territories.DEFAULT_ZONE, Territories.zoneOf(null));
        assertEquals(ZoneId.of("Europe/Paris"), Territories.DEFAULT_ZONE);
    }
}
