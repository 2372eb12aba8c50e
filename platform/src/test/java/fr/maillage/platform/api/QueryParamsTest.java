package fr.maillage.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.platform.problem.Problem;

class QueryParamsTest {
    enum Mode { WALK_IN, BY_APPOINTMENT }

    @Test
    void pagesAreBounded() {
        assertEquals(new PageRequest(2, 50), QueryParams.page(2, 50));
        assertEquals("page", assertThrows(Problem.class, () -> QueryParams.page(-1, 20)).field());
        assertEquals("size", assertThrows(Problem.class, () -> QueryParams.page(0, 0)).field());
        assertEquals("size", assertThrows(Problem.class, () -> QueryParams.page(0, 201)).field());
        assertEquals("page", assertThrows(Problem.class, () -> QueryParams.page(Integer.MAX_VALUE, 200)).field());
    }

    @Test
    void blankIsAbsentAndBadValuesNameTheParameter() {
        assertNull(QueryParams.uuid("placeId", " "));
        UUID id = UUID.randomUUID();
        assertEquals(id, QueryParams.uuid("placeId", " " + id + " "));
        Problem p = assertThrows(Problem.class, () -> QueryParams.uuid("placeId", "abc"));
        assertEquals(400, p.status());
        assertEquals("placeId", p.field());
        assertEquals(404, assertThrows(Problem.class, () -> QueryParams.pathId("abc", "Lieu")).status());
    }

    @Test
    void timesKeepTheirOffsetEvenWhenThePlusWasDecodedAsASpace() {
        assertEquals(OffsetDateTime.parse("2026-03-02T09:00:00+01:00"), QueryParams.time("from", "2026-03-02T09:00:00 01:00"));
        assertEquals("from", assertThrows(Problem.class, () -> QueryParams.time("from", "+1000000-01-01T00:00:00Z")).field());
        assertEquals("day", assertThrows(Problem.class, () -> QueryParams.date("day", "2026-13-01")).field());
    }

    @Test
    void numbersAndEnums() {
        assertEquals(49.9, QueryParams.decimal("lat", "49.9"));
        assertEquals("lat", assertThrows(Problem.class, () -> QueryParams.decimal("lat", "NaN")).field());
        assertEquals("km", assertThrows(Problem.class, () -> QueryParams.integer("km", "500", 1, 200)).field());
        assertEquals(Mode.WALK_IN, QueryParams.enumValue("mode", "walk-in", Mode.class));
        Problem p = assertThrows(Problem.class, () -> QueryParams.enumValue("mode", "x", Mode.class));
        assertEquals("mode doit valoir une de ces valeurs : walk-in, by-appointment.", p.detail());
    }

    @Test
    void ifMatchReadsStrongWeakAndBareVersions() {
        assertNull(QueryParams.ifMatch(null));
        assertNull(QueryParams.ifMatch(" * "));
        assertEquals(3L, QueryParams.ifMatch("\"3\""));
        assertEquals(3L, QueryParams.ifMatch("W/\"3\""));
        assertEquals(3L, QueryParams.ifMatch("3"));
        assertEquals("If-Match", assertThrows(Problem.class, () -> QueryParams.ifMatch("abc")).field());
        assertEquals(7L, QueryParams.ifMatch(QueryParams.etag(7)));
    }
}
