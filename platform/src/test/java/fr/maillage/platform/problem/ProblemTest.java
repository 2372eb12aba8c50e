package fr.maillage.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProblemTest {
    @Test
    void bodyHasTheOneShapeWithTheFieldFirstAndExtensionsLast() {
        Map<String, Object> body = Problem.conflict("slotId", "Ce créneau est complet.").with("nextSlots", List.of("a"))
                .body("/api/v1/bookings");
        assertEquals(List.of("type", "title", "status", "detail", "instance", "field", "violations", "nextSlots"),
                List.copyOf(body.keySet()));
        assertEquals("https://maillage.fr/problemes/conflit", body.get("type"));
        assertEquals("Conflit", body.get("title"));
        assertEquals(409, body.get("status"));
        assertEquals("slotId", body.get("field"));
        assertEquals(List.of(Map.of("field", "slotId", "message", "Ce créneau est complet.")), body.get("violations"));
    }

    @Test
    void withoutFieldTheViolationsAreEmptyAndNoFieldMember() {
        Map<String, Object> body = Problem.forbidden("Votre rôle ne permet pas cette opération.").body(null);
        assertFalse(body.containsKey("field"));
        assertFalse(body.containsKey("instance"));
        assertEquals(List.of(), body.get("violations"));
    }

    @Test
    void severalViolationsAreSummedUpInTheDetail() {
        Problem p = Problem.ruleBroken(List.of(new Violation("name", "obligatoire"), new Violation("phone", "invalide")));
        assertEquals(422, p.status());
        assertEquals("name", p.field());
        assertTrue(p.detail().contains("name : obligatoire") && p.detail().contains("phone : invalide"), p.detail());
    }

    @Test
    void extensionsNeverOverrideTheStandardMembers() {
        Map<String, Object> body = Problem.notFound("id", "Lieu introuvable.").with("status", 200).body("/x");
        assertEquals(404, body.get("status"));
    }

    @Test
    void retryAfterTravelsAsAHeader() {
        assertEquals("5", Problem.unavailable("Réessayez.", 5).headers().get("Retry-After"));
        assertEquals("Bearer", Problem.unauthorized("Jeton requis.").headers().get("WWW-Authenticate"));
    }

    @Test
    void everyStatusHasAKind() {
        assertEquals(Problem.Kind.RULE_BROKEN, Problem.Kind.of(422));
        assertEquals(Problem.Kind.INTERNAL, Problem.Kind.of(599));
        assertEquals(Problem.Kind.BAD_REQUEST, Problem.Kind.of(418));
    }
}
