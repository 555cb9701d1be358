package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache's rules, with a clock moved by hand and renewals queued until the test runs them. */
class TokenCacheTest {

    private static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    private static final Duration HOUR = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock();
    private final Queue<Runnable> renewals = new ArrayDeque<>();
    private final TokenCache cache = new TokenCache(clock, renewals::add,
            new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1)), 100);
    private final CountingFetch fetch = new CountingFetch();
    private final TokenKey key = key("1234");
    private ExecutorService threads;

    @AfterEach
    void stopThreads() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    @Test
    void returnsTheCachedTokenWhileItIsValid() {
        BoxAccessToken first = cache.get(key, REFRESH_AHEAD, fetch);
        clock.advance(Duration.ofMinutes(54));
        assertSame(first, cache.get(key, REFRESH_AHEAD, fetch));
        assertEquals(1, fetch.calls.get());
        assertTrue(renewals.isEmpty(), "no renewal before the refresh-ahead window");
    }

    @Test
    void renewsInTheBackgroundAheadOfExpiryWhileCallersKeepTheOldToken() {
        BoxAccessToken first = cache.get(key, REFRESH_AHEAD, fetch);
        clock.advance(Duration.ofMinutes(55));

        // Callers are answered at once with the still-valid token; the renewal waits, queued, on the executor.
        assertSame(first, cache.get(key, REFRESH_AHEAD, fetch));
        assertSame(first, cache.get(key, REFRESH_AHEAD, fetch));
        assertEquals(1, fetch.calls.get());
        assertEquals(1, renewals.size(), "exactly one renewal scheduled however many callers saw the window");

        renewals.poll().run();
        BoxAccessToken renewed = cache.get(key, REFRESH_AHEAD, fetch);
        assertNotEquals(first, renewed);
        assertEquals(2, fetch.calls.get());
        assertTrue(renewals.isEmpty());
    }

    @Test
    void refreshAheadIsNeverMoreThanHalfTheLifetime() {
        fetch.lifetime = Duration.ofSeconds(20); // refresh-ahead 5 min would renew at once, forever
        cache.get(key, REFRESH_AHEAD, fetch);
        clock.advance(Duration.ofSeconds(9));
        cache.get(key, REFRESH_AHEAD, fetch);
        assertTrue(renewals.isEmpty(), "not renewed before half its lifetime");
        clock.advance(Duration.ofSeconds(1));
        cache.get(key, REFRESH_AHEAD, fetch);
        assertEquals(1, renewals.size(), "renewed at half its lifetime");
    }

    @Test
    void aFailedRenewalKeepsTheValidTokenAndRetriesAfterABackoff() {
        BoxAccessToken first = cache.get(key, REFRESH_AHEAD, fetch);
        clock.advance(Duration.ofMinutes(56));
        fetch.failNext = 2;

        cache.get(key, REFRESH_AHEAD, fetch);
        renewals.poll().run(); // fails
        assertSame(first, cache.get(key, REFRESH_AHEAD, fetch), "the failed renewal kept the valid token");
        assertTrue(renewals.isEmpty(), "no new renewal during the 10 s backoff");

        clock.advance(Duration.ofSeconds(10));
        assertSame(first, cache.get(key, REFRESH_AHEAD, fetch));
        renewals.poll().run(); // fails again; backoff doubles to 20 s
        clock.advance(Duration.ofSeconds(19));
        cache.get(key, REFRESH_AHEAD, fetch);
        assertTrue(renewals.isEmpty(), "second backoff is 20 s");

        clock.advance(Duration.ofSeconds(1));
        assertSame(first, cache.get(key, REFRESH_AHEAD, fetch));
        renewals.poll().run(); // succeeds
        BoxAccessToken renewed = cache.get(key, REFRESH_AHEAD, fetch);
        assertNotEquals(first, renewed);
        assertEquals(4, fetch.calls.get());
    }

    @Test
    void anExpiredTokenIsNeverReturnedAndAFailedFetchIsReported() {
        cache.get(key, REFRESH_AHEAD, fetch);
        clock.advance(HOUR);
        fetch.failNext = 1;
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, () -> cache.get(key, REFRESH_AHEAD, fetch));
        assertEquals("scripted failure", e.getMessage());
        BoxAccessToken fresh = cache.get(key, REFRESH_AHEAD, fetch);
        assertTrue(fresh.isValidAt(clock.instant()));
        assertEquals(3, fetch.calls.get());
    }

    @Test
    void invalidateDropsOnlyTheCurrentToken() {
        BoxAccessToken first = cache.get(key, REFRESH_AHEAD, fetch);
        assertTrue(cache.invalidate(key, first));
        BoxAccessToken second = cache.get(key, REFRESH_AHEAD, fetch);
        assertNotEquals(first, second);

        // A late 401 for the old token must not throw the fresh one away.
        assertFalse(cache.invalidate(key, first));
        assertSame(second, cache.get(key, REFRESH_AHEAD, fetch));
        assertEquals(2, fetch.calls.get());
        assertFalse(cache.invalidate(key("unknown"), second));
    }

    @Test
    void keysAreSeparate() {
        BoxAccessToken a = cache.get(key("1"), REFRESH_AHEAD, fetch);
        BoxAccessToken b = cache.get(new TokenKey(URI.create("http://127.0.0.1/oauth2/token"), "other-client",
                BoxSubject.enterprise("1")), REFRESH_AHEAD, fetch);
        BoxAccessToken c = cache.get(new TokenKey(key.tokenUrl(), key.clientId(), BoxSubject.user("1")), REFRESH_AHEAD, fetch);
        assertEquals(3, Set.of(a, b, c).size());
    }

    @Test
    void oneRequestInFlightHoweverManyThreadsWaitForAToken() throws Exception {
        int callers = 64;
        threads = Executors.newFixedThreadPool(callers);
        CountDownLatch release = new CountDownLatch(1);
        fetch.gate = release;
        List<Future<BoxAccessToken>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(threads.submit(() -> cache.get(key, REFRESH_AHEAD, fetch)));
        }
        assertTrue(fetch.entered.await(5, TimeUnit.SECONDS));
        Thread.sleep(100); // let the other callers pile up behind the request in flight
        release.countDown();
        Set<BoxAccessToken> tokens = ConcurrentHashMap.newKeySet();
        for (Future<BoxAccessToken> result : results) {
            tokens.add(result.get(5, TimeUnit.SECONDS));
        }
        assertEquals(1, tokens.size());
        assertEquals(1, fetch.calls.get());
    }

    @Test
    void aFailedRequestIsReportedToEveryCallerThatWaitedForIt() throws Exception {
        threads = Executors.newFixedThreadPool(8);
        CountDownLatch release = new CountDownLatch(1);
        fetch.gate = release;
        fetch.failNext = 1;
        List<Future<BoxAccessToken>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(threads.submit(() -> cache.get(key, REFRESH_AHEAD, fetch)));
        }
        assertTrue(fetch.entered.await(5, TimeUnit.SECONDS));
        Thread.sleep(100);
        release.countDown();
        int failed = 0;
        for (Future<BoxAccessToken> result : results) {
            try {
                result.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof BoxAuthenticationException);
                failed++;
            }
        }
        // Callers that arrived after the failed request started a new one of their own, which succeeded.
        assertTrue(failed >= 1, "the request's own caller saw its failure");
        assertEquals(failed == 8 ? 1 : 2, fetch.calls.get());
    }

    @Test
    void anInterruptedWaiterStopsWaitingAndKeepsItsInterrupt() throws Exception {
        threads = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        fetch.gate = release;
        Future<BoxAccessToken> owner = threads.submit(() -> cache.get(key, REFRESH_AHEAD, fetch));
        assertTrue(fetch.entered.await(5, TimeUnit.SECONDS));
        AtomicInteger interruptKept = new AtomicInteger();
        Thread waiter = new Thread(() -> {
            try {
                cache.get(key, REFRESH_AHEAD, fetch);
            } catch (BoxAuthenticationException e) {
                if (Thread.currentThread().isInterrupted() && e.getMessage().contains("Interrupted")) {
                    interruptKept.set(1);
                }
            }
        });
        waiter.start();
        Thread.sleep(100);
        waiter.interrupt();
        waiter.join(5_000);
        assertEquals(1, interruptKept.get());
        release.countDown();
        assertTrue(owner.get(5, TimeUnit.SECONDS).isValidAt(clock.instant()));
    }

    @Test
    void aRejectedRenewalKeepsTheTokenAndIsTriedAgainLater() {
        AtomicInteger offered = new AtomicInteger();
        TokenCache refusing = new TokenCache(clock, task -> {
            offered.incrementAndGet();
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1)), 10);
        BoxAccessToken first = refusing.get(key, REFRESH_AHEAD, fetch);
        clock.advance(Duration.ofMinutes(56));
        assertSame(first, refusing.get(key, REFRESH_AHEAD, fetch));
        assertSame(first, refusing.get(key, REFRESH_AHEAD, fetch));
        assertEquals(2, offered.get());
    }

    @Test
    void holdsABoundedNumberOfKeysEvictingIdleOnes() {
        TokenCache small = new TokenCache(clock, renewals::add, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)), 3);
        TokenKey hot = key("hot");
        BoxAccessToken hotToken = small.get(hot, REFRESH_AHEAD, fetch);
        for (int user = 0; user < 50; user++) {
            small.get(key("user-" + user), REFRESH_AHEAD, fetch);
            assertSame(hotToken, small.get(hot, REFRESH_AHEAD, fetch));
            assertTrue(small.size() <= 3, "size " + small.size());
        }
        assertEquals(51, fetch.calls.get(), "the key in constant use was never evicted");
    }

    private static TokenKey key(String enterpriseId) {
        return new TokenKey(URI.create("https://api.box.com/oauth2/token"), "client", BoxSubject.enterprise(enterpriseId));
    }

    /** Issues numbered tokens of {@link #lifetime}; can be made to fail or to wait at a gate. */
    private final class CountingFetch implements Function<TokenKey, BoxAccessToken> {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile Duration lifetime = HOUR;
        volatile int failNext;
        volatile CountDownLatch gate;

        @Override
        public BoxAccessToken apply(TokenKey k) {
            int n = calls.incrementAndGet();
            entered.countDown();
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            synchronized (this) {
                if (failNext > 0) {
                    failNext--;
                    throw new BoxAuthenticationException("scripted failure", 503, null, null, null, true, null);
                }
            }
            return new BoxAccessToken("token-" + n, "bearer", clock.instant(), clock.instant().plus(lifetime), k.subject(),
                    List.of());
        }
    }
}
