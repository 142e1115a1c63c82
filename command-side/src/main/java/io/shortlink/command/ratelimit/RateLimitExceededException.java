package io.shortlink.command.ratelimit;

/** Too many creations or reservations: answered as {@code 429} with {@code Retry-After}. */
public class RateLimitExceededException extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimitExceededException(long limitPerHour, long retryAfterSeconds) {
        super("At most " + limitPerHour + " links may be created (or aliases reserved) per hour; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
