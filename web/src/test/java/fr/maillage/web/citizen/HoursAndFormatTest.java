package fr.maillage.web.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Opening hours, dates, phones and commune names as a person reads them (plain unit tests, no Quarkus). */
class HoursAndFormatTest {

    @Test
    void onlyHttpLinksForPartnerWebSites() {
        org.junit.jupiter.api.Assertions.assertEquals("https://exemple.fr/a", Format.webLink(" https://exemple.fr/a "));
        org.junit.jupiter.api.Assertions.assertEquals("", Format.webLink("javascript:alert(1)"));
        org.junit.jupiter.api.Assertions.assertEquals("", Format.webLink(null));
        org.junit.jupiter.api.Assertions.assertEquals("2 rue de la Mairie, 35133 Romagné",
                Format.address("2 rue de la Mairie", null, "35133", "Romagné"));
    }

    @Test
    void openingHoursInWords() {
        assertEquals(List.of("du lundi au vendredi : 9 h – 12 h, 14 h – 17 h 30", "samedi : 9 h – 12 h", "jours fériés : fermé"),
                Hours.lines("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off"));
        assertEquals(List.of("mardi, jeudi : 14 h – 18 h"), Hours.lines("Tu,Th 14:00-18:00"));
        assertEquals(List.of("tous les jours, jour et nuit"), Hours.lines("24/7"));
        assertTrue(Hours.lines(null).isEmpty());
    }

    @Test
    void datesTimesAndPhonesInFrench() {
        OffsetDateTime t = OffsetDateTime.parse("2026-12-08T09:30:00+01:00");
        assertEquals("mardi 8 décembre 2026", Format.day(t));
        assertEquals("9 h 30", Format.time(t));
        assertEquals("14 h", Format.time(OffsetDateTime.parse("2026-12-08T14:00:00+01:00")));
        assertEquals("mardi 8 décembre 2026 à 9 h 30", Format.when(t));
        assertEquals("02 99 12 34 56", Format.phoneText("+33299123456"));
        assertEquals("tel:+33299123456", Format.tel("+33299123456"));
        assertEquals("•• •• •• •• 56", Format.masked("+33299123456"));
        assertEquals("c•••@exemple.fr", Format.maskedEmail("camille@exemple.fr"));
        assertEquals("moins de 1 km", Format.km(0.4));
        assertEquals("4,6 km", Format.km(4.62));
        assertEquals("12 km", Format.km(12.0));
    }

    @Test
    void communeNamesCompareWithoutAccentsCaseOrHyphens() {
        assertTrue(Communes.same("Saint-Aubin-du-Cormier", "st aubin du cormier"));
        assertTrue(Communes.same("Romagné", "ROMAGNE"));
        assertTrue(Communes.INSEE.matcher("2A004").matches());
        assertTrue(Communes.INSEE.matcher("35243").matches());
    }

    @Test
    void selfServiceTokenTakenFromEitherLinkShape() {
        String t = "cX75tA3doe0x9GKjFqJhl6ABkg1WLNSLGy7YN0GCY6w";
        assertEquals(t, SelfServicePages.tokenOf("http://127.0.0.1:8080/rdv/" + t));
        assertEquals(t, SelfServicePages.tokenOf("http://127.0.0.1:8080/api/v1/bookings/self/" + t));
        assertEquals(null, SelfServicePages.tokenOf("http://x/rdv/<script>"));
    }
}
