package dev.boxccg.core;

import java.time.Duration;

/**
 * Waits between retries. The engine is handed one so tests can run its retry schedules without sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps with {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
