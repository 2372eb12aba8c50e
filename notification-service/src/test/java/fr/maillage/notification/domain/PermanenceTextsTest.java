package fr.maillage.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Issue 19: how a permanence's times and an absence's days read, and which numbers are ARCEP's fiction mobiles. */
class PermanenceTextsTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aPermanenceReadsWithBothTimesMinutesWritten() {
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 1, 9, 0, 0, 0, PARIS);
        assertEquals("mardi 1er décembre de 9 h 00 à 11 h 00",
                FrenchDates.dayAndRange(start.toInstant(), start.plusHours(2).toInstant(), PARIS));
        assertEquals("jeudi 3 décembre de 14 h 30 à 17 h 05", FrenchDates.dayAndRange(start.plusDays(2).withHour(14)
                .withMinute(30).toInstant(), start.plusDays(2).withHour(17).withMinute(5).toInstant(), PARIS));
        assertEquals("mardi 1er décembre à 9 h 00", FrenchDates.dayAndRange(start.toInstant(), null, PARIS));
    }

    @Test
    void anAbsenceReadsItsDays() {
        assertEquals("du 1er mars au 3 mars", FrenchDates.period(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 3)));
        assertEquals("le 4 août", FrenchDates.period(LocalDate.of(2027, 8, 4), LocalDate.of(2027, 8, 4)));
        assertEquals("le 4 août", FrenchDates.period(LocalDate.of(2027, 8, 4), null));
    }

    @Test
    void onlyTheFictionMobileRangeIsRecognised() {
        assertEquals(Optional.of("+33639980003"), FictionNumbers.mobile("+33639980003"));
        assertEquals(Optional.of("+33639980003"), FictionNumbers.mobile("06 39 98 00 03"));
        assertEquals(Optional.of("+33639989999"), FictionNumbers.mobile("06.39.98.99.99"));
        assertEquals(Optional.of("+33639980001"), FictionNumbers.mobile("0033 6 39 98 00 01"));
        assertEquals(Optional.empty(), FictionNumbers.mobile("+33639990003"), "next to the range");
        assertEquals(Optional.empty(), FictionNumbers.mobile("+33612345678"), "a real mobile is not fiction");
        assertEquals(Optional.empty(), FictionNumbers.mobile("+33199000001"), "the fiction landline range gets no SMS");
        assertEquals(Optional.empty(), FictionNumbers.mobile("+336399800031"));
        assertEquals(Optional.empty(), FictionNumbers.mobile(null));
    }
}
