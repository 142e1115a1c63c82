package io.shortlink.command.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shortlink.refusal.ValidationException;
import org.springframework.stereotype.Component;

/** Link creations by outcome: created, alias-taken, invalid or failed. */
@Component
class CreationMetrics {

    private final Counter created;
    private final Counter aliasTaken;
    private final Counter invalid;
    private final Counter failed;

    CreationMetrics(MeterRegistry registry) {
        this.created = counter(registry, "created");
        this.aliasTaken = counter(registry, "alias-taken");
        this.invalid = counter(registry, "invalid");
        this.failed = counter(registry, "failed");
    }

    void created() {
        created.increment();
    }

    void refused(RuntimeException failure) {
        if (failure instanceof CodeTakenException) {
            aliasTaken.increment();
        } else if (failure instanceof ValidationException) {
            invalid.increment();
        } else {
            failed.increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("shortlink.link.creations").description("Link creations by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
