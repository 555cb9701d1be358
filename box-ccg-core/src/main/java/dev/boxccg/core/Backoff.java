package dev.boxccg.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff: {@code initial}, {@code 2 × initial}, {@code 4 × initial}, … never more than {@code max}.
 *
 * @param initial the wait after the first failure
 * @param max     the longest wait
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("The initial backoff must be positive, not " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("The maximum backoff " + max + " is shorter than the initial " + initial);
        }
        BoxCcgSettings.requireAtMostMax(max, "maximum backoff");
    }

    /**
     * @param failures how many attempts have failed so far, at least 1
     * @return the wait before the next attempt
     */
    public Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, not " + failures);
        }
        // Past 2^30 the doubling would overflow; the cap has long been reached by then.
        int doublings = Math.min(failures - 1, 30);
        long nanos = initial.toNanos();
        long maxNanos = max.toNanos();
        for (int i = 0; i < doublings && nanos < maxNanos; i++) {
            nanos = nanos > maxNanos / 2 ? maxNanos : nanos * 2;
        }
        return Duration.ofNanos(Math.min(nanos, maxNanos));
    }
}
