package fr.maillage.notification.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Awaitility's defaults are JVM-wide: one test class setting {@code ignoreExceptionByDefault} silently changed every
 * later await of the run (an exception that should fail a test then meant "not yet"). Tests scope such settings to
 * the await that needs them ({@code await().ignoreException(...)}); this check keeps it that way.
 */
class AwaitilityDefaultsTest {
    private static final Pattern DEFAULT_SETTER = Pattern.compile(
            "\\b(ignoreExceptions?ByDefault\\w*|ignoreExceptionsByDefaultMatching|setDefault\\w+"
                    + "|(doNot)?[cC]atchUncaughtExceptionsByDefault|pollInSameThread|pollExecutorService|setLogging)\\s*\\(");

    @Test
    void noTestChangesAwaitilitysDefaultsForTheWholeJvm() throws IOException {
        Path self = Path.of("src/test/java/fr/maillage/notification/support/AwaitilityDefaultsTest.java");
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java") && !f.equals(self))
                    .filter(f -> DEFAULT_SETTER.matcher(read(f)).find()).map(Path::toString).toList();
            assertEquals(List.of(), offenders, "set it on the await that needs it, not for the whole JVM");
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
