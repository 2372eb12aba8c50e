package fr.maillage.offers.domain;

import java.util.Arrays;
import java.util.Optional;

/** A closed enumeration exposed with stable snake_case codes (never the Java constant name) and a French label. */
public interface Coded {
    String code();

    String label();

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
