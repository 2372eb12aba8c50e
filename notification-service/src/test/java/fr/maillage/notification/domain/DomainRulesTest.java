package fr.maillage.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.maillage.platform.phone.PhoneNumbers;

/** Plain rules: GSM-7, phone numbers, quiet hours, French dates. */
class DomainRulesTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void gsm7KeepsFrenchLettersItHasAndTransliteratesTheOthers() {
        assertEquals("éèùàÉ", Gsm7.transliterate("éèùàÉ"));
        assertEquals("été ile hotel foret naif Noel coeur OEuvre c'est \"ici\" - ...",
                Gsm7.transliterate("été île hôtel forêt naïf Noël cœur Œuvre c’est «ici» – …"));
        assertEquals("a b", Gsm7.transliterate("a\u00A0b"));
        assertEquals("garcon", Gsm7.transliterate("garçon"));
        assertEquals("Cedille Ç", Gsm7.transliterate("Cédille Ç").replace("é", "e"));
        assertEquals("?", Gsm7.transliterate("😀").substring(0, 1));
        for (char c : Gsm7.transliterate("Île-de-France, Besançon, Saint-Étienne, L'Haÿ-les-Roses").toCharArray()) {
            assertTrue(Gsm7.isGsm(c), "not GSM-7: " + c);
        }
    }

    @Test
    void segmentsCountExtensionCharactersTwice() {
        assertEquals(1, Gsm7.segments("a".repeat(160)));
        assertEquals(2, Gsm7.segments("a".repeat(161)));
        assertEquals(2, Gsm7.segments("a".repeat(306)));
        assertEquals(3, Gsm7.segments("a".repeat(307)));
        assertEquals(160, Gsm7.septets("€".repeat(80)));
        assertEquals(2, Gsm7.segments("€".repeat(81)));
    }

    @Test
    void onlyFrenchAndOverseasMobilesGetSms() {
        assertEquals(Optional.of("+33612345678"), PhoneNumbers.frenchMobile("06 12 34 56 78", "FR"));
        assertEquals(Optional.of("+33756123456"), PhoneNumbers.frenchMobile("+33 7 56 12 34 56", "FR"));
        assertEquals(Optional.of("+262692123456"), PhoneNumbers.frenchMobile("0692 12 34 56", "RE")); // La Réunion
        assertEquals(Optional.of("+590690123456"), PhoneNumbers.frenchMobile("+590 690 12 34 56", "FR")); // Guadeloupe
        assertEquals(Optional.empty(), PhoneNumbers.frenchMobile("02 99 98 76 54", "FR")); // landline
        assertEquals(Optional.empty(), PhoneNumbers.frenchMobile("+4915112345678", "FR")); // German mobile
        assertEquals(Optional.empty(), PhoneNumbers.frenchMobile("06 12", "FR"));
        assertEquals(Optional.empty(), PhoneNumbers.frenchMobile("pas un numéro", "FR"));
        assertEquals(Optional.of("+33299987654"), PhoneNumbers.e164("02 99 98 76 54", "FR"));
    }

    @Test
    void masksNumbers() {
        assertEquals("+336******78", PhoneNumbers.mask("+33612345678"));
        assertFalse(PhoneNumbers.mask("+33612345678").contains("123456"));
    }

    @Test
    void quietHoursDelayUntilMorningOrSkip() {
        QuietHours q = new QuietHours(true, LocalTime.of(20, 0), LocalTime.of(8, 0), PARIS);
        Instant evening = ZonedDateTime.of(2026, 12, 2, 22, 15, 0, 0, PARIS).toInstant();
        Instant morning = ZonedDateTime.of(2026, 12, 3, 8, 0, 0, 0, PARIS).toInstant();
        Instant appointmentLater = ZonedDateTime.of(2026, 12, 3, 9, 30, 0, 0, PARIS).toInstant();
        Instant appointmentAtDawn = ZonedDateTime.of(2026, 12, 3, 7, 30, 0, 0, PARIS).toInstant();
        assertEquals(new QuietHours.WaitUntil(morning), q.decide(evening, appointmentLater));
        assertEquals(new QuietHours.Skip("quiet_hours"), q.decide(evening, appointmentAtDawn));
        Instant earlyMorning = ZonedDateTime.of(2026, 12, 3, 6, 0, 0, 0, PARIS).toInstant();
        assertEquals(new QuietHours.WaitUntil(morning), q.decide(earlyMorning, appointmentLater));
        Instant noon = ZonedDateTime.of(2026, 12, 3, 12, 0, 0, 0, PARIS).toInstant();
        assertInstanceOf(QuietHours.SendNow.class, q.decide(noon, appointmentLater));
        assertInstanceOf(QuietHours.SendNow.class, q.decide(ZonedDateTime.of(2026, 12, 3, 8, 0, 0, 0, PARIS).toInstant(), null));
        assertInstanceOf(QuietHours.WaitUntil.class, q.decide(ZonedDateTime.of(2026, 12, 3, 20, 0, 0, 0, PARIS).toInstant(), null));
        QuietHours off = new QuietHours(false, LocalTime.of(20, 0), LocalTime.of(8, 0), PARIS);
        assertInstanceOf(QuietHours.SendNow.class, off.decide(evening, appointmentAtDawn));
        // a daytime window (e.g. lunch break) does not span midnight
        QuietHours lunch = new QuietHours(true, LocalTime.of(12, 0), LocalTime.of(14, 0), PARIS);
        assertTrue(lunch.isQuiet(noon));
        assertFalse(lunch.isQuiet(evening));
    }

    @Test
    void datesAreWrittenTheFrenchWay() {
        assertEquals("mardi 3 décembre à 9 h 30",
                FrenchDates.dayAndTime(ZonedDateTime.of(2024, 12, 3, 9, 30, 0, 0, PARIS).toInstant(), PARIS));
        assertEquals("lundi 1er décembre à 14 h",
                FrenchDates.dayAndTime(ZonedDateTime.of(2025, 12, 1, 14, 0, 0, 0, PARIS).toInstant(), PARIS));
        assertEquals("9 h 05", FrenchDates.time(ZonedDateTime.of(2025, 12, 1, 9, 5, 0, 0, PARIS)));
    }
}
