package fr.maillage.platform.metrics;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read from the database for gauges, kept {@code maxAge} so that the gauges of one scrape (several statuses,
 * a count and an age) share one query and a burst of scrapes costs one. {@code /q/metrics} is a blocking route: the
 * query runs on the scrape's worker thread. A failed read gives the fallback (NaN gauges: « unknown », never a stale
 * zero that would hide a backlog).
 */
public final class Snapshot<T> {
    private final Duration maxAge;
    private final Supplier<T> load;
    private final T fallback;
    private T value;
    private long readAt;

    public Snapshot(Duration maxAge, Supplier<T> load, T fallback) {
        this.maxAge = maxAge;
        this.load = load;
        this.fallback = fallback;
    }

    public synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - readAt > maxAge.toNanos()) {
            try {
                value = load.get();
            } catch (RuntimeException e) {
                value = fallback;
            }
            readAt = now;
        }
        return value;
    }
}
