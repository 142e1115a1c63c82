package io.shortlink.query.redirect;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Redirect count and latency by outcome, with one pre-built timer per outcome so that recording costs no lookup. */
final class RedirectMetrics {

    enum Outcome { REDIRECTED, NOT_FOUND, GONE, UNAVAILABLE }

    private final Timer[] timers = new Timer[Outcome.values().length];

    RedirectMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            timers[outcome.ordinal()] = Timer.builder("shortlink.redirects")
                    .description("Answers of GET and HEAD /{code}")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .publishPercentileHistogram()
                    .register(registry);
        }
    }

    void record(Outcome outcome, long startedNanos) {
        timers[outcome.ordinal()].record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
