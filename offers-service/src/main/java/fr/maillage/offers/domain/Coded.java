package fr.maillage.offers.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * A closed enumeration exposed with stable snake_case codes (never the Java constant name) and a French label.
 * An enum cannot inherit fields, so instead of each enum repeating a code field, a label field and their accessors,
 * each constant's constructor hands its code and label to {@link #define} once, and {@link #code()} and
 * {@link #label()} read them back.
 */
public interface Coded {
    default String code() {
        return CodedDefinitions.of(this).code();
    }

    default String label() {
        return CodedDefinitions.of(this).label();
    }

    /** Called by each constant's constructor: {@code Audience(String code, String label) { Coded.define(this, code, label); }}. */
    static void define(Coded constant, String code, String label) {
        CodedDefinitions.put(constant, code, label);
    }

    static <E extends Enum<E> & Coded> Optional<E> parse(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.code().equals(code)).findFirst();
    }

    static <E extends Enum<E> & Coded> String codes(Class<E> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Coded::code).toList());
    }
}
