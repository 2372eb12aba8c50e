package fr.maillage.platform.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SchoolHolidaysTest {
    @Test
    void zonesByDepartement() {
        assertEquals("A", SchoolHolidays.zoneOf("69123"));
        assertEquals("A", SchoolHolidays.zoneOf("33"));
        assertEquals("B", SchoolHolidays.zoneOf("13055"));
        assertEquals("B", SchoolHolidays.zoneOf("57"));
        assertEquals("B", SchoolHolidays.zoneOf("35"));
        assertEquals("C", SchoolHolidays.zoneOf("75056"));
        assertEquals("C", SchoolHolidays.zoneOf("31"));
        assertEquals("Corse", SchoolHolidays.zoneOf("2A004"));
        assertEquals("974", SchoolHolidays.zoneOf("97411"));
        assertNull(SchoolHolidays.zoneOf(null));
        Set<String> metropolitan = new HashSet<>();
        for (int d = 1; d <= 95; d++) {
            if (d != 20) {
                String zone = SchoolHolidays.zoneOf(String.format("%02d", d));
                assertTrue(Set.of("A", "B", "C").contains(zone), "département " + d);
                metropolitan.add(zone);
            }
        }
        assertEquals(3, metropolitan.size());
    }

    @Test
    void periodsOfTheShippedYears() {
        // 2025-2026 winter holidays: A 7-22 Feb, B 14 Feb - 1 Mar, C 21 Feb - 8 Mar (classes resume the next Monday)
        assertTrue(SchoolHolidays.isSchoolHoliday("69", LocalDate.of(2026, 2, 7)));
        assertTrue(SchoolHolidays.isSchoolHoliday("69", LocalDate.of(2026, 2, 22)));
        assertFalse(SchoolHolidays.isSchoolHoliday("69", LocalDate.of(2026, 2, 23)));
        assertFalse(SchoolHolidays.isSchoolHoliday("75", LocalDate.of(2026, 2, 10)));
        assertTrue(SchoolHolidays.isSchoolHoliday("75", LocalDate.of(2026, 3, 8)));
        assertEquals("Vacances d'hiver", SchoolHolidays.period("35", LocalDate.of(2026, 2, 20)).orElseThrow().name());
        assertEquals("2024-2025", SchoolHolidays.period("35", LocalDate.of(2024, 12, 25)).orElseThrow().schoolYear());
        assertTrue(SchoolHolidays.covers("75", LocalDate.of(2026, 3, 8)));
        assertFalse(SchoolHolidays.covers("974", LocalDate.of(2026, 3, 8)), "the DROM's calendars are not shipped");
        assertFalse(SchoolHolidays.covers("2A", LocalDate.of(2026, 3, 8)), "nor Corsica's");
        assertFalse(SchoolHolidays.covers(null, LocalDate.of(2026, 3, 8)));
        assertFalse(SchoolHolidays.isSchoolHoliday("2A", LocalDate.of(2025, 12, 25)));
        assertTrue(SchoolHolidays.isSchoolHoliday("75", LocalDate.of(2026, 8, 31)), "rentrée 2026 on 1 September");
        assertFalse(SchoolHolidays.isSchoolHoliday("75", LocalDate.of(2026, 9, 1)));
        assertEquals(36, SchoolHolidays.periods().size());
    }

    @Test
    void theCurrentSchoolYearIsHeldUpToItsFirstUnsourcedPeriod() {
        // 2026-2027: Toussaint (17 Oct - 1 Nov 2026) and Noël (19 Dec 2026 - 3 Jan 2027) in the three zones
        for (String dep : new String[] {"69", "35", "75"}) {
            assertTrue(SchoolHolidays.covers(dep, LocalDate.of(2026, 12, 7)), dep);
            assertFalse(SchoolHolidays.isSchoolHoliday(dep, LocalDate.of(2026, 12, 18)), dep);
            assertTrue(SchoolHolidays.isSchoolHoliday(dep, LocalDate.of(2026, 12, 19)), dep);
            assertTrue(SchoolHolidays.isSchoolHoliday(dep, LocalDate.of(2027, 1, 3)), dep);
            assertFalse(SchoolHolidays.isSchoolHoliday(dep, LocalDate.of(2027, 1, 4)), dep);
            assertTrue(SchoolHolidays.isSchoolHoliday(dep, LocalDate.of(2026, 10, 20)), dep);
            // the winter holidays of 2027 are not shipped: unknown, not "a school day"
            assertFalse(SchoolHolidays.covers(dep, LocalDate.of(2027, 2, 15)), dep);
        }
    }
}
