package fr.maillage.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The fixed ids of the demo data (deploy/demo/ids.env), loaded by the run and test commands. */
public final class Demo {
    private static final Map<String, String> IDS = load();

    private Demo() {
    }

    public static String id(String name) {
        String id = IDS.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no demo id " + name + " in deploy/demo/ids.env");
        }
        return id;
    }

    private static Map<String, String> load() {
        Map<String, String> ids = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("demo/ids.env"))) {
                String value = line.replaceAll("#.*", "").trim();
                int eq = value.indexOf('=');
                if (eq > 0) {
                    ids.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deploy/demo/ids.env not readable (tests run from deploy/)", e);
        }
        return ids;
    }
}
