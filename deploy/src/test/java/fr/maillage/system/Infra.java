package fr.maillage.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the project's own infrastructure scripts (deploy/infra, deploy/services.sh) from a test. */
public final class Infra {
    private Infra() {
    }

    public static void run(String... command) throws IOException, InterruptedException {
        Path deploy = Path.of(".").toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(deploy.toFile()).inheritIO();
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 180 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }

    public static long pid(String name) throws IOException {
        String runDir = System.getenv().getOrDefault("MAILLAGE_RUN", "./.run");
        return Long.parseLong(java.nio.file.Files.readString(Path.of(runDir, "pids", name + ".pid")).trim());
    }
}
