package fr.maillage.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value a Maillage service does not store although it has the right type: a text with NUL or invisible-only
 * characters ({@link Texts#refusal}), a date outside the years 1–9999. Mapped to a 400 naming the field.
 */
public class RefusedValueException extends JsonMappingException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public RefusedValueException(JsonParser parser, String reason) {
        super(parser, "value refused");
        this.reason = reason;
    }

    /** Why, in French, as the end of a sentence: « elle contient le caractère nul (U+0000) ». */
    public String reason() {
        return reason;
    }
}
