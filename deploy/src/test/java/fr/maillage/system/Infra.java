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
        // its output goes to target/infra-run.log: the forked test JVM's own output did not keep it (a hung
        // 'services.sh start' left no trace)
        java.io.File log = deploy.resolve("target/infra-run.log").toFile();
        log.getParentFile().mkdirs();
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(deploy.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 180 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }

    /** kill -9, then wait until the process is really gone (a killed JVM takes a moment to die). */
    public static void killNine(long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor();
        for (int i = 0; i < 300; i++) {
            Path stat = Path.of("/proc", String.valueOf(pid), "stat");
            if (!java.nio.file.Files.exists(stat) || java.nio.file.Files.readString(stat).contains(") Z ")) {
                return; // gone, or a zombie its parent has not reaped yet: dead either way
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("process " + pid + " still alive 30 s after kill -9");
    }

    /**
     * The database a service of the system under test uses: {@code <service><MAILLAGE_DB_SUFFIX>} (deploy/maillage test
     * runs the system on {@code <service>_system}, recreated empty), {@code <service>} when the suffix is not set.
     */
    public static String database(String service) {
        return service + System.getenv().getOrDefault("MAILLAGE_DB_SUFFIX", "");
    }

    /** A JDBC connection to a service's database of the system under test, as the service's own role. */
    public static java.sql.Connection connect(String service) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database(service), service, service);
    }

    public static long pid(String name) throws IOException {
        String runDir = System.getenv().getOrDefault("MAILLAGE_RUN", "./.run");
        return Long.parseLong(java.nio.file.Files.readString(Path.of(runDir, "pids", name + ".pid")).trim());
    }
}
