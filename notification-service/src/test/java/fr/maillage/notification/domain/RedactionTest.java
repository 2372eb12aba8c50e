package fr.maillage.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Issue 16, item 4: what the service logs of texts it did not write never carries a number, address, link or token. */
class RedactionTest {

    @Test
    void phonesEmailsLinksAndTokensAreMaskedIdentifiersAndDatesAreKept() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJl";
        String text = "RDV confirmé 2026-12-10 à 09:30, Pôle. Gérer : https://rdv.maillage.fr/api/v1/bookings/self/q7Xv3Jm0Zb5"
                + " tél +33612345678, 06 12 34 56 78, 06.12.34.56.78, 0033612345678 ; camille.dupont@example.fr ; " + jwt
                + " ref 123e4567-e89b-12d3-a456-426614174000, 3 segments";
        String out = Redaction.redact(text);
        for (String secret : List.of("q7Xv3Jm0Zb5", "+33612345678", "06 12 34 56 78", "06.12.34.56.78", "0033612345678",
                "camille.dupont", "example.fr", jwt, "https://")) {
            assertFalse(out.contains(secret), secret + " in " + out);
        }
        for (String kept : List.of("2026-12-10", "09:30", "123e4567-e89b-12d3-a456-426614174000", "3 segments")) {
            assertEquals(true, out.contains(kept), kept + " in " + out);
        }
        assertEquals("HTTP 400 : {\"error\":\"numéro [numéro masqué] non attribué\"}",
                Redaction.redact("HTTP 400 : {\"error\":\"numéro +33699000400 non attribué\"}"));
        assertEquals("IllegalStateException: [adresse masquée] refusée",
                Redaction.describe(new IllegalStateException("a@b.fr refusée")));
    }
}
