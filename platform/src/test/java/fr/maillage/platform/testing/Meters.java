package fr.maillage.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * deploy/k8s/monitoring/meters.txt, the meters the Grafana dashboard and the PrometheusRule alerts may name (checked by
 * deploy/k8s/check.sh), with the services that expose them: each service's MetricsTest asserts its own are on its
 * /q/metrics, so an alert never watches a meter nobody exposes.
 */
public final class Meters {
    private Meters() {
    }

    /** The meters listed for {@code application} (or for every service, {@code *}) that its /q/metrics lacks. */
    public static List<String> missing(String application) {
        List<String> exposed = Metrics.names();
        return listedFor(application).stream().filter(name -> !exposed.contains(name)).toList();
    }

    static List<String> listedFor(String application) {
        try {
            return Files.readAllLines(file()).stream().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty())
                    .map(l -> l.split("\\s+")).filter(f -> f.length > 1 && Arrays.asList(f[1].split(",")).stream()
                            .anyMatch(s -> s.equals("*") || s.equals(application)))
                    .map(f -> f[0]).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/k8s/monitoring/meters.txt");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/k8s/monitoring/meters.txt not found above " + Path.of("").toAbsolutePath());
    }
}
