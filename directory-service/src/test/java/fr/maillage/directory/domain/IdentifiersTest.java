package fr.maillage.directory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void siretLuhnAndLaPoste() {
        assertNull(Identifiers.siretProblem("43493312300029")); // the standard's example
        assertNotNull(Identifiers.siretProblem("43493312300028"));
        assertNotNull(Identifiers.siretProblem("4349331230002"));
        assertNull(Identifiers.siretProblem("35600000000048")); // La Poste headquarters
        assertNull(Identifiers.siretProblem("35600000049837")); // a La Poste office: digit sum multiple of 5
        assertEquals("43493312300029", Identifiers.compact(" 434 933 123 00029 "));
    }

    /** Issue 21 item 6: 00000000000000 passes the Luhn key (sum 0) but is no SIRET; the one validator refuses it. */
    @Test
    void allZeroSiretIsRefused() {
        String problem = Identifiers.siretProblem("00000000000000");
        assertNotNull(problem);
        org.junit.jupiter.api.Assertions.assertTrue(problem.contains("SIREN 000000000"), problem);
        assertNotNull(Identifiers.siretProblem(Identifiers.compact("000 000 000 00000")));
        assertNotNull(Identifiers.siretProblem("00000000000018")); // Luhn-valid too, same SIREN 000000000
        org.junit.jupiter.api.Assertions.assertTrue(Identifiers.luhn("00000000000000")); // why the key alone let it in
    }

    @Test
    void rna() {
        assertNull(Identifiers.rnaProblem("W352001234"));
        assertNotNull(Identifiers.rnaProblem("352001234"));
        assertNotNull(Identifiers.rnaProblem("W3520012"));
    }

    @Test
    void phonesToE164() {
        assertEquals("+33322960000", Phones.normalise("03 22 96 00 00").e164());
        assertEquals("+262692123456", Phones.normalise("0692 12 34 56").e164());
        assertEquals("+33639980001", Phones.normalise("06 39 98 00 01").e164()); // ARCEP fiction range
        assertEquals("+33180059880", Phones.normalise("33180059880").e164()); // "+" lost in a partner's file
        assertNotNull(Phones.normalise("06 00").problem());
        assertNotNull(Phones.normalise("+44 20 7946 0958").problem()); // valid, but not French
    }
}
