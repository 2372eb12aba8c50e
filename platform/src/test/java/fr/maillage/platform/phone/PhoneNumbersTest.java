package fr.maillage.platform.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void whatPeopleTypeBecomesE164MetropolitanFirstThenOverseas() {
        assertEquals(Optional.of("+33612345678"), PhoneNumbers.toE164("06 12 34 56 78"));
        assertEquals(Optional.of("+33612345678"), PhoneNumbers.toE164("+33 6 12 34 56 78"));
        assertEquals(Optional.of("+33299123456"), PhoneNumbers.toE164("02.99.12.34.56"));
        // Martinique's mobiles (0696) have their own country code
        assertEquals(Optional.of("+596696123456"), PhoneNumbers.toE164("0696 12 34 56"));
        // New Caledonia (+687) is French too
        assertTrue(PhoneNumbers.toE164("+687 75 12 34").isPresent());
        assertEquals(Optional.empty(), PhoneNumbers.toE164("+44 20 7946 0958"), "a British number is not French");
        assertEquals(Optional.empty(), PhoneNumbers.toE164("pas un numéro"));
        assertEquals(Optional.empty(), PhoneNumbers.toE164("0".repeat(41)));
        assertEquals(Optional.empty(), PhoneNumbers.toE164(null));
    }

    @Test
    void mobilesGetSmsEveryFrenchNumberGetsACall() {
        assertTrue(PhoneNumbers.isMobile("+33612345678"));
        assertTrue(PhoneNumbers.isMobile("+596696123456"));
        assertFalse(PhoneNumbers.isMobile("+33299123456"), "a landline gets no SMS");
        assertFalse(PhoneNumbers.isMobile("+447400123456"), "a British mobile is not texted");
        assertEquals(Optional.of("+33299123456"), PhoneNumbers.frenchNumber("02 99 12 34 56", "FR"));
        assertEquals(Optional.empty(), PhoneNumbers.frenchMobile("02 99 12 34 56", "FR"));
        assertEquals(Optional.empty(), PhoneNumbers.frenchNumber("+44 20 7946 0958", "FR"));
        assertEquals(Optional.of("+442079460958"), PhoneNumbers.e164("+44 20 7946 0958", "FR"));
    }

    @Test
    void nationalFormAndMask() {
        assertEquals("02 99 12 34 56", PhoneNumbers.national("+33299123456", "FR"));
        assertEquals("illisible", PhoneNumbers.national("illisible", "FR"));
        assertEquals("+336******78", PhoneNumbers.mask("+33612345678"));
        assertEquals("***", PhoneNumbers.mask("12"));
        assertEquals(null, PhoneNumbers.mask(null));
    }
}
