package fr.maillage.system;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of the system test classes (deploy/pom.xml makes it JUnit's default class orderer): the gateway, API and
 * security checks, then the user journeys, then the scaling and fault tests, which stop, kill and restart parts of the
 * stack, then {@code ReplayEveryTopicTest}, so that it replays every event the other tests made happen
 * (the journeys' cancellations, promotions from waiting lists and webhooks included), and {@code NoSecretInAnyLogTest}
 * last of all, so that it reads everything the run logged. Within a group, by name.
 */
public class SystemTestOrder implements ClassOrderer {
    static final String REPLAY = "fr.maillage.system.faults.ReplayEveryTopicTest";
    /** Reads every log of the run for personal data and tokens: after everything else has been logged. */
    static final String LOGS = "fr.maillage.system.security.NoSecretInAnyLogTest";
    /** The schema-driven fuzz: after the journeys (by name), before scaling and faults, before the log check. */
    static final String FUZZ = "fr.maillage.system.security.ApiFuzzTest";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt((ClassDescriptor d) -> rank(d.getTestClass()))
                .thenComparing(d -> d.getTestClass().getName()));
    }

    static int rank(Class<?> test) {
        if (test.getName().equals(LOGS)) {
            return 5;
        }
        if (test.getName().equals(FUZZ)) {
            return 1;
        }
        if (test.getName().equals(REPLAY)) {
            return 4;
        }
        String name = test.getPackageName();
        if (name.endsWith(".faults")) {
            return 3;
        }
        if (name.endsWith(".scaling")) {
            return 2;
        }
        if (name.endsWith(".journeys")) {
            return 1;
        }
        return 0;
    }
}
