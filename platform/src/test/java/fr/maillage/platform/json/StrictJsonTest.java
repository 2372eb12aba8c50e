package fr.maillage.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class StrictJsonTest {
    enum Kind { ONE, TWO }

    record Body(String name, Boolean active, Integer count, Double ratio, Kind kind, LocalDate day, OffsetDateTime at,
            List<String> tags) {
    }

    private final ObjectMapper mapper = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(m);
        return m;
    }

    private Body read(String json) throws Exception {
        return mapper.readValue(json, Body.class);
    }

    private String refusedField(String json) {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> read(json));
        return e.getPath().isEmpty() ? "" : e.getPath().get(0).getFieldName();
    }

    @Test
    void ordinaryBodiesAreRead() throws Exception {
        Body b = read("""
                {"name":"Médiathèque d'Iffendic 🙂","active":true,"count":3,"ratio":2,"kind":"TWO","day":"2026-03-02",
                 "at":"2026-03-02T09:00:00+01:00","tags":["a\\tb","ligne\\nsuivante"]}""");
        assertEquals("Médiathèque d'Iffendic 🙂", b.name());
        assertEquals(2.0, b.ratio());
        assertEquals(List.of("a\tb", "ligne\nsuivante"), b.tags());
        assertNull(read("{\"name\":null}").name());
        assertEquals("   ", read("{\"name\":\"   \"}").name(), "blank texts are left to @NotBlank");
    }

    @Test
    void hostileTextsAreRefusedNamingTheField() {
        assertEquals("name", refusedField("{\"name\":\"a\\u0000b\"}"));
        assertEquals("name", refusedField("{\"name\":\"bip\\u0007\"}"));
        assertEquals("name", refusedField("{\"name\":\"\\ud800x\"}"));
        assertEquals("name", refusedField("{\"name\":\"x\\udc00\"}"));
        assertEquals("name", refusedField("{\"name\":\"\\u200b\\u200b \\ufeff\"}"));
        assertEquals("tags", refusedField("{\"tags\":[\"ok\",\"\\u0000\"]}"));
        RefusedValueException e = assertThrows(RefusedValueException.class, () -> read("{\"name\":\"\\u0000\"}"));
        assertEquals("elle contient le caractère nul (U+0000)", e.reason());
    }

    @Test
    void scalarsAreNotCoerced() {
        assertEquals("name", refusedField("{\"name\":12}"));
        assertEquals("name", refusedField("{\"name\":true}"));
        assertEquals("active", refusedField("{\"active\":1}"));
        assertEquals("active", refusedField("{\"active\":\"true\"}"));
        assertEquals("count", refusedField("{\"count\":\"12\"}"));
        assertEquals("count", refusedField("{\"count\":1.5}"));
        assertEquals("kind", refusedField("{\"kind\":1}"));
        assertEquals("ratio", refusedField("{\"ratio\":\"2.5\"}"));
    }

    @Test
    void absurdDatesAreRefused() {
        assertEquals("day", refusedField("{\"day\":\"+100000-01-01\"}"));
        assertEquals("at", refusedField("{\"at\":\"+1000000-01-01T00:00:00Z\"}"));
    }

    @Test
    void trailingGarbageAndWrongShapesAreRefused() {
        assertThrows(JsonProcessingException.class, () -> read("{\"name\":\"a\"} x"));
        assertThrows(MismatchedInputException.class, () -> read("{\"name\":\"a\"} {}"));
        assertEquals("tags", refusedField("{\"tags\":{\"a\":1}}"));
    }
}
