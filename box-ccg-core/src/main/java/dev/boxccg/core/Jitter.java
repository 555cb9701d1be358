package dev.boxccg.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Spreads retry waits so that many clients that failed together do not retry together.
 */
@FunctionalInterface
public interface Jitter {

    /** No jitter: for deterministic tests. */
    Jitter NONE = wait -> wait;

    /** "Equal jitter": a uniformly random wait between half of the computed wait and all of it. */
    Jitter EQUAL = wait -> {
        long nanos = wait.toNanos();
        long half = nanos / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(nanos - half + 1));
    };

    Duration apply(Duration wait);
}
