package fr.maillage.directory.service;

import fr.maillage.platform.problem.Problem;

/** Optimistic concurrency for writes carrying If-Match: a stale version is a 409, never a silent overwrite. */
final class VersionGuard {
    private VersionGuard() {
    }

    static void check(long current, Long expected, String what) {
        if (expected != null && expected != current) {
            throw Problem.conflict("If-Match", "version périmée de " + what + " : vous avez lu la version " + expected
                    + ", la version actuelle est " + current + " ; relisez la ressource puis recommencez votre modification");
        }
    }
}
