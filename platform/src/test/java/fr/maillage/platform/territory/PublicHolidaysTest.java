package fr.maillage.platform.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

class PublicHolidaysTest {
    /** Easter Sundays as published (e.g. the Bureau des longitudes / IMCCE tables). */
    @Test
    void easterSundayMatchesPublishedDates() {
        assertEquals(LocalDate.of(2000, 4, 23), PublicHolidays.easterSunday(2000));
        assertEquals(LocalDate.of(2008, 3, 23), PublicHolidays.easterSunday(2008));
        assertEquals(LocalDate.of(2011, 4, 24), PublicHolidays.easterSunday(2011));
        assertEquals(LocalDate.of(2019, 4, 21), PublicHolidays.easterSunday(2019));
        assertEquals(LocalDate.of(2024, 3, 31), PublicHolidays.easterSunday(2024));
        assertEquals(LocalDate.of(2025, 4, 20), PublicHolidays.easterSunday(2025));
        assertEquals(LocalDate.of(2026, 4, 5), PublicHolidays.easterSunday(2026));
        assertEquals(LocalDate.of(2027, 3, 28), PublicHolidays.easterSunday(2027));
        assertEquals(LocalDate.of(2028, 4, 16), PublicHolidays.easterSunday(2028));
        assertEquals(LocalDate.of(2038, 4, 25), PublicHolidays.easterSunday(2038));
    }

    @Test
    void metropolitanCalendarHasTheElevenDays() {
        SortedMap<LocalDate, String> y2027 = PublicHolidays.of(null, 2027);
        assertEquals(List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 29), LocalDate.of(2027, 5, 1),
                LocalDate.of(2027, 5, 6), LocalDate.of(2027, 5, 8), LocalDate.of(2027, 5, 17), LocalDate.of(2027, 7, 14),
                LocalDate.of(2027, 8, 15), LocalDate.of(2027, 11, 1), LocalDate.of(2027, 11, 11),
                LocalDate.of(2027, 12, 25)), List.copyOf(y2027.keySet()));
        assertEquals("Ascension", y2027.get(LocalDate.of(2027, 5, 6)));
        assertEquals(y2027, PublicHolidays.of("75", 2027));
        assertEquals(y2027, PublicHolidays.of("2A", 2027));
        assertFalse(PublicHolidays.isHoliday("75", LocalDate.of(2027, 3, 26)), "no Vendredi saint in Paris");
        assertFalse(PublicHolidays.isHoliday(null, LocalDate.of(2027, 12, 26)));
    }

    @Test
    void alsaceMoselleAddsGoodFridayAndSaintStephen() {
        for (String dep : List.of("57", "67", "68")) {
            SortedMap<LocalDate, String> days = PublicHolidays.of(dep, 2027);
            assertEquals(13, days.size(), dep);
            assertEquals("Vendredi saint", days.get(LocalDate.of(2027, 3, 26)), dep);
            assertEquals("Saint-Étienne", days.get(LocalDate.of(2027, 12, 26)), dep);
        }
        assertTrue(PublicHolidays.isHoliday("57", LocalDate.of(2026, 4, 3)), "Vendredi saint 2026");
        assertTrue(PublicHolidays.isHoliday("57463", LocalDate.of(2026, 12, 26)), "an INSEE code is accepted");
        assertFalse(PublicHolidays.isHoliday("54", LocalDate.of(2026, 4, 3)), "Meurthe-et-Moselle is not Moselle");
    }

    @Test
    void overseasAbolitionOfSlaveryDays() {
        assertEquals("Abolition de l'esclavage", PublicHolidays.of("971", 2027).get(LocalDate.of(2027, 5, 27)));
        assertTrue(PublicHolidays.isHoliday("972", LocalDate.of(2027, 5, 22)));
        assertTrue(PublicHolidays.isHoliday("973", LocalDate.of(2027, 6, 10)));
        assertTrue(PublicHolidays.isHoliday("974", LocalDate.of(2026, 12, 20)));
        assertTrue(PublicHolidays.isHoliday("97411", LocalDate.of(2026, 12, 20)));
        assertTrue(PublicHolidays.isHoliday("976", LocalDate.of(2027, 4, 27)));
        assertTrue(PublicHolidays.isHoliday("977", LocalDate.of(2027, 10, 9)));
        assertTrue(PublicHolidays.isHoliday("978", LocalDate.of(2027, 5, 28)));
        assertFalse(PublicHolidays.isHoliday("978", LocalDate.of(2027, 5, 27)), "Saint-Martin moved to 28 mai in 2018");
        assertTrue(PublicHolidays.isHoliday("978", LocalDate.of(2015, 5, 27)));
        assertFalse(PublicHolidays.isHoliday("974", LocalDate.of(2026, 5, 27)));
        assertFalse(PublicHolidays.isHoliday(null, LocalDate.of(2026, 12, 20)));
        assertFalse(PublicHolidays.isHoliday("974", LocalDate.of(2026, 12, 26)));
        assertEquals(12, PublicHolidays.of("974", 2026).size());
        assertTrue(PublicHolidays.isHoliday("974", LocalDate.of(2026, 7, 14)), "national days apply overseas");
    }
}
