package dev.boxccg.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How the token endpoint is retried after a transient failure (IO error, timeout, HTTP 5xx, HTTP 429).
 *
 * @param backoff     the wait between attempts; its maximum also caps how long a {@code Retry-After} is honoured
 *                    (Box asking for a longer wait ends the retries at once)
 * @param deadline    the whole request, every attempt and wait included, ends by then
 * @param maxAttempts the most attempts, the first included
 */
public record RetrySettings(Backoff backoff, Duration deadline, int maxAttempts) {

    /** 0.5 s, 1 s, 2 s, … at most 10 s between attempts; at most 6 attempts; all within 30 s. */
    public static final RetrySettings DEFAULT =
            new RetrySettings(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10)), Duration.ofSeconds(30), 6);

    public RetrySettings {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("The retry deadline must be positive, not " + deadline);
        }
        BoxCcgSettings.requireAtMostMax(deadline, "retry deadline");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("The retry max-attempts must be at least 1, not " + maxAttempts);
        }
    }
}
