package fr.maillage.offers.domain;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The code and label of every {@link Coded} constant, keyed by the constant itself (enum constants compare by
 * identity). Written once per constant while its enum class initialises, read-only afterwards.
 */
final class CodedDefinitions {
    record Definition(String code, String label) {
    }

    private static final Map<Coded, Definition> BY_CONSTANT = new ConcurrentHashMap<>();

    private CodedDefinitions() {
    }

    static void put(Coded constant, String code, String label) {
        if (BY_CONSTANT.putIfAbsent(constant, new Definition(code, label)) != null) {
            throw new IllegalStateException(constant + " is already defined");
        }
    }

    static Definition of(Coded constant) {
        return Objects.requireNonNull(BY_CONSTANT.get(constant), () -> constant + " has no code: its constructor must call Coded.define");
    }
}
