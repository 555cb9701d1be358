package dev.boxccg.core;

/**
 * A monotonic time source in nanoseconds: renewal, expiry, cooldowns and every deadline run on it, so a step of the
 * wall clock neither extends a token's life nor starts a storm of requests. Only differences between two readings
 * mean anything. The engine is handed one so tests can move time by hand.
 */
@FunctionalInterface
public interface Ticker {

    /** {@link System#nanoTime()}. */
    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
