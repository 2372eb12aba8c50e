package fr.maillage.platform.idempotency;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.platform.problem.Problem;
import jakarta.ws.rs.core.Response;

class IdempotentRequestsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    record Place(String name, List<String> tags, Map<String, Object> extra) {
    }

    @Test
    void theHashIgnoresMemberOrderAndFormattingButNotValues() throws Exception {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("b", 1);
        a.put("a", Map.of("y", "2", "x", List.of(Map.of("q", 1, "p", 2))));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("a", mapper.readTree("{ \"x\" : [ {\"p\":2,\"q\":1} ], \"y\":\"2\" }"));
        b.put("b", 1);
        assertEquals(RequestHash.of(mapper, a), RequestHash.of(mapper, b));
        assertEquals("{\"a\":{\"x\":[{\"p\":2,\"q\":1}],\"y\":\"2\"},\"b\":1}", RequestHash.canonicalText(mapper, a));

        b.put("b", 2);
        assertNotEquals(RequestHash.of(mapper, a), RequestHash.of(mapper, b));
        // array order is meaningful
        assertNotEquals(RequestHash.of(mapper, new Place("x", List.of("1", "2"), null)),
                RequestHash.of(mapper, new Place("x", List.of("2", "1"), null)));
        // a record and the JSON a client sent for it in another order
        assertEquals(RequestHash.of(mapper, new Place("x", List.of("1"), Map.of("k", true))),
                RequestHash.of(mapper, mapper.readTree("{\"extra\":{\"k\":true},\"tags\":[\"1\"],\"name\":\"x\"}")));
    }

    @Test
    void everyPartCountsAndItsPositionToo() {
        assertNotEquals(RequestHash.of(mapper, "a", "b"), RequestHash.of(mapper, "b", "a"));
        assertNotEquals(RequestHash.of(mapper, "a"), RequestHash.of(mapper, "a", null));
        assertEquals(RequestHash.of(mapper, new BigDecimal("1.5")), RequestHash.of(mapper, new BigDecimal("1.5")));
        assertEquals(64, RequestHash.of(mapper, "a").length());
    }

    @Test
    void aKeyIsOneToTwoHundredPrintableAsciiCharacters() {
        assertDoesNotThrow(() -> IdempotentRequests.check("a"));
        assertDoesNotThrow(() -> IdempotentRequests.check("x".repeat(200)));
        assertDoesNotThrow(() -> IdempotentRequests.check("order 42/retry:~!"));
        for (String bad : List.of("", "   ", "x".repeat(201), "a\u0000b", "a\tb", "clé", "a\u200Bb", "\u007F")) {
            Problem p = assertThrows(Problem.class, () -> IdempotentRequests.check(bad), bad);
            assertEquals(400, p.status());
            assertEquals("Idempotency-Key", p.field());
        }
    }

    @Test
    void theLocationIsStoredAsAPathAndAnsweredWithTheOtherHeaders() {
        assertNull(IdempotentRequests.pathOf(null));
        assertEquals("/api/v1/places/1", IdempotentRequests.pathOf(URI.create("http://127.0.0.1:8080/api/v1/places/1")));
        assertEquals("/a?b=c%20d", IdempotentRequests.pathOf(URI.create("https://h/a?b=c%20d")));
        assertEquals("/a/b", IdempotentRequests.pathOf(URI.create("/a/b")));

        IdempotentRequests requests = new IdempotentRequests(mapper, null, null, null, null);
        IdempotentRequests.Answer answer = requests.answer(Response.status(201).location(URI.create("http://h:8080/api/v1/x/1"))
                .tag("3").entity(Map.of("id", "1")).type("application/json").build());
        assertEquals(201, answer.status());
        assertEquals("/api/v1/x/1", answer.location());
        assertEquals("\"3\"", answer.etag());
        assertEquals("{\"id\":\"1\"}", answer.body());

        Response replay = answer.response(true);
        assertEquals(201, replay.getStatus());
        assertEquals("\"3\"", replay.getHeaderString("ETag"));
        assertEquals("true", replay.getHeaderString(IdempotentRequests.REPLAYED));
        assertEquals("{\"id\":\"1\"}", replay.getEntity());
        assertEquals("/api/v1/x/1", replay.getLocation().getPath());
        assertNull(answer.response(false).getHeaderString(IdempotentRequests.REPLAYED));
    }
}
