package dev.boxccg.impl.runtime;

import dev.boxccg.core.TokenGrid;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A grid opened on another thread: callers wait for it until a deadline at most, and never after it. */
class OpeningTokenGridTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong();
    /** Runs the opening on a thread of its own, like the runtime's own threads. */
    private final java.util.concurrent.Executor ownThread = task -> new Thread(task, "opening").start();

    private OpeningTokenGrid open(java.util.function.Supplier<TokenGrid> opener, Duration maxWait) {
        return OpeningTokenGrid.open(opener, "test-map cache 'tokens'", maxWait, ownThread, failures::add, now::get);
    }

    private static TokenGrid mapGrid() {
        return TokenGrid.of(new ConcurrentHashMap<>(), "map 'tokens'");
    }

    @Test
    void notReadyWhileBeingOpenedThenItIsTheOpenedGrid() {
        CountDownLatch release = new CountDownLatch(1);
        TokenGrid map = mapGrid();
        OpeningTokenGrid grid = open(() -> {
            awaitQuietly(release);
            return map;
        }, Duration.ofMinutes(1));

        assertFalse(grid.isReady());
        assertThrows(OpeningTokenGrid.TokenGridNotOpenException.class, () -> grid.get("k"));
        assertEquals("test-map cache 'tokens'", grid.describe());

        release.countDown();
        assertFalse(grid.claimLatenessReport(), "not late before its deadline");
        assertTrue(assertTimeoutPreemptively(BOUND, grid::awaitOpen));
        assertTrue(grid.isReady());
        assertTrue(grid.putIfAbsent("k", "v"));
        assertEquals("v", map.get("k"));
        assertEquals("map 'tokens'", grid.describe());
        assertEquals(List.of(), failures);
    }

    /** An opening that never ends (a JCache client looking for its cluster for ever) holds nobody past its deadline. */
    @Test
    void pastTheDeadlineNobodyWaitsForAnOpeningThatNeverEnds() {
        CountDownLatch never = new CountDownLatch(1);
        OpeningTokenGrid grid = open(() -> {
            awaitQuietly(never);
            return mapGrid();
        }, Duration.ofSeconds(10));
        try {
            now.set(Duration.ofSeconds(10).toNanos()); // the deadline, on the grid's clock
            assertFalse(assertTimeoutPreemptively(BOUND, grid::awaitOpen), "returned at once, not open");
            assertFalse(grid.isReady());
            assertTrue(grid.claimLatenessReport(), "the first caller past the deadline reports it");
            assertFalse(grid.claimLatenessReport(), "once");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aFailedOpeningIsReportedOnceAndNeverWaitedFor() {
        IllegalStateException cause = new IllegalStateException("No JCache CacheManager under the JNDI name x");
        OpeningTokenGrid grid = open(() -> {
            throw cause;
        }, Duration.ofMinutes(1));

        assertFalse(assertTimeoutPreemptively(BOUND, grid::awaitOpen));
        assertFalse(grid.isReady());
        assertThrows(OpeningTokenGrid.TokenGridNotOpenException.class, () -> grid.remove("k", "v"));
        assertFalse(grid.awaitOpen());
        assertEquals(List.of(cause), failures);
    }

    @Test
    void aLinkageErrorWhileOpeningIsAFailureToo() {
        OpeningTokenGrid grid = open(() -> {
            throw new NoClassDefFoundError("javax/cache/Caching");
        }, Duration.ofMinutes(1));

        assertFalse(assertTimeoutPreemptively(BOUND, grid::awaitOpen));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).getMessage().contains("javax/cache/Caching"), failures.get(0).getMessage());
    }

    @Test
    void anExecutorThatRefusesTheOpeningIsAFailure() {
        OpeningTokenGrid grid = OpeningTokenGrid.open(OpeningTokenGridTest::mapGrid, "g", Duration.ofMinutes(1),
                task -> {
                    throw new java.util.concurrent.RejectedExecutionException("shut down");
                }, failures::add, now::get);

        assertFalse(grid.awaitOpen());
        assertEquals(1, failures.size());
    }

    /** The factory finds the application's provider through the context class loader of whoever configured it. */
    @Test
    void theOpeningRunsWithTheCallersContextClassLoader() throws Exception {
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        OpeningTokenGrid grid;
        try {
            grid = open(() -> {
                seen.set(Thread.currentThread().getContextClassLoader());
                return mapGrid();
            }, Duration.ofMinutes(1));
        } finally {
            thread.setContextClassLoader(before);
        }
        assertTrue(assertTimeoutPreemptively(BOUND, grid::awaitOpen));
        assertSame(application, seen.get());
    }

    @Test
    void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt() {
        CountDownLatch never = new CountDownLatch(1);
        OpeningTokenGrid grid = open(() -> {
            awaitQuietly(never);
            return mapGrid();
        }, Duration.ofMinutes(1));
        try {
            Thread.currentThread().interrupt();
            assertFalse(grid.awaitOpen()); // on this thread: assertTimeoutPreemptively would run it on another
            assertTrue(Thread.interrupted(), "the interrupt is kept");
        } finally {
            never.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
