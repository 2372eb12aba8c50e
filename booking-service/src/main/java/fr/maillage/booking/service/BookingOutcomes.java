package fr.maillage.booking.service;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import fr.maillage.booking.domain.BookingStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code maillage_bookings_total{outcome}}: what a request to book ended in, once stored — {@code confirmed},
 * {@code waitlisted}, {@code pending} (held until the person types the code sent to them) — or {@code refused_full}
 * (the slot is full and has no waiting list: the 409 that leaves a BookingRefused trace). Other refusals (validation,
 * same person, rules) are the HTTP meters' 4xx. All four are registered at start, so a rate is 0 rather than absent.
 */
@ApplicationScoped
public class BookingOutcomes {
    public static final String REFUSED_FULL = "refused_full";

    private final Map<String, Counter> counters;

    BookingOutcomes(MeterRegistry registry) {
        counters = Stream.of(BookingStatus.CONFIRMED, BookingStatus.WAITLISTED, BookingStatus.PENDING, REFUSED_FULL)
                .collect(Collectors.toUnmodifiableMap(Function.identity(), outcome -> Counter.builder("maillage.bookings")
                        .tag("outcome", outcome).description("Requests to book, by outcome").register(registry)));
    }

    /** Counts one request that ended in {@code outcome} (a booking status or {@link #REFUSED_FULL}). */
    public void record(String outcome) {
        Counter counter = counters.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }
}
