package dev.boxccg.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for box-ccg-core's engine, on the testkit's own test class path only (the testkit cannot depend on
 * box-ccg-core: box-ccg-core's tests use the testkit). It records the calls {@code BoxSimulator} makes by reflection.
 * The real one is tested with the testkit in box-ccg-impl ({@code TokenCacheResetTest}).
 */
public final class BoxCcgEngine {

    public static final AtomicInteger CLEARED = new AtomicInteger();
    public static volatile RuntimeException failure;

    private BoxCcgEngine() {
    }

    public static void clearAll() {
        CLEARED.incrementAndGet();
        RuntimeException thrown = failure;
        if (thrown != null) {
            throw thrown;
        }
    }
}
