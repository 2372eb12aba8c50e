package fr.maillage.system.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}) driven by Playwright for Java. Playwright never downloads a browser
 * here: {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1} is set for its driver (and by deploy/pom.xml for the test JVM), and
 * every launch names the executable. When Chromium is missing, {@code deploy/infra/chromium.sh} installs it (Debian's
 * package) before the first launch: a browser test never skips for want of a browser.
 *
 * <p>Each journey gets a browser of its own on a fresh, empty profile ({@link #open}: a persistent context on a new
 * user-data-dir, deleted at close), 360 CSS pixels wide, in French.
 */
public final class Browser {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run");
    public static final int WIDTH = 360;
    public static final int HEIGHT = 780;

    private static Playwright playwright;

    private Browser() {
    }

    /** Chromium on a fresh profile; {@code javaScript} false for the journeys that prove the pages work without it. */
    public static BrowserContext open(boolean javaScript) {
        Path profile;
        try {
            profile = Files.createTempDirectory("maillage-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BrowserContext context = playwright().chromium().launchPersistentContext(profile,
                new BrowserType.LaunchPersistentContextOptions()
                        .setExecutablePath(chromium())
                        .setHeadless(true)
                        .setArgs(ARGS)
                        .setChromiumSandbox(false)
                        .setJavaScriptEnabled(javaScript)
                        .setViewportSize(WIDTH, HEIGHT)
                        .setLocale("fr-FR")
                        .setTimezoneId("Europe/Paris"));
        context.setDefaultTimeout(30_000);
        context.setDefaultNavigationTimeout(60_000);
        context.onClose(c -> deleteQuietly(profile));
        return context;
    }

    static synchronized Playwright playwright() {
        if (playwright == null) {
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    playwright.close();
                } catch (RuntimeException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return playwright;
    }

    /** The Chromium executable, installed by deploy/infra/chromium.sh (Debian's package) when missing. */
    static synchronized Path chromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            Path script = Path.of("infra", "chromium.sh");
            if (!Files.isRegularFile(script)) {
                throw new IllegalStateException("Chromium is missing and " + script.toAbsolutePath()
                        + " is not there to install it (the system tests run from deploy/)");
            }
            try {
                Process install = new ProcessBuilder("bash", script.toString(), "install").inheritIO().start();
                if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
                    install.destroyForcibly();
                    throw new IllegalStateException("deploy/infra/chromium.sh could not install Debian's chromium");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (!Files.isExecutable(CHROMIUM)) {
                throw new IllegalStateException(CHROMIUM + " is still missing after deploy/infra/chromium.sh");
            }
        }
        return CHROMIUM;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
