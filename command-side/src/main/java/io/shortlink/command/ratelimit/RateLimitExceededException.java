package io.shortlink.command.ratelimit;

import io.shortlink.refusal.Refusal;

import java.time.Duration;
import java.util.Optional;

/** Too many creations or reservations: answered with {@code Retry-After}. */
public class RateLimitExceededException extends Refusal {

    private final long retryAfterSeconds;

    public RateLimitExceededException(long limitPerHour, long retryAfterSeconds) {
        super(Reason.TOO_MANY, "rate-limited", "At most " + limitPerHour
                + " links may be created (or aliases reserved) per hour; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(Duration.ofSeconds(retryAfterSeconds));
    }
}
