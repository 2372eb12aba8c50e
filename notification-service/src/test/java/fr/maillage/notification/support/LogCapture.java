package fr.maillage.notification.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Every log line of the service while installed (root logger, test stubs excepted), formatted as it would be written. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    /** The request id in the logging context of each line (null when none), as %X{requestId} writes it. */
    private final List<String> requestIds = new ArrayList<>();

    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    /** Loggers of the test's own stubs (GreenMail logs the mailboxes it creates), not of the service. */
    private static final List<String> STUBS = List.of("com.icegreen", "com.github.tomakehurst", "wiremock", "org.eclipse.jetty");

    @Override
    public synchronized void publish(LogRecord record) {
        String logger = String.valueOf(record.getLoggerName());
        if (STUBS.stream().anyMatch(logger::startsWith)) {
            return;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder line = new StringBuilder(String.valueOf(message));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t);
        }
        lines.add(line.toString());
        requestIds.add(record instanceof ExtLogRecord ext ? ext.getMdc("requestId") : null);
    }

    /** Lines logged with {@code requestId} in their logging context. */
    public synchronized List<String> withRequestId(String requestId) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (requestId.equals(requestIds.get(i))) {
                found.add(lines.get(i));
            }
        }
        return found;
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Lines containing any of {@code secrets}. */
    public synchronized List<String> containing(String... secrets) {
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            for (String s : secrets) {
                if (s != null && !s.isEmpty() && line.contains(s)) {
                    found.add(line);
                }
            }
        }
        return found;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
