package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token cache's rules, through the engine, on virtual time: a scripted endpoint answers at once or holds a request
 * until the test answers it, and {@link ManualTime} is the ticker, the wall clock and the scheduler. Requests run on
 * a direct executor. Only where a caller must wait while a request is in flight does the test use a second thread.
 */
class TokenCacheTest {

    private static final Duration HOUR = Duration.ofHours(1);
    /** One attempt per request: a transient failure ends the request at once, without waiting on virtual time. */
    private static final RetrySettings ONE_ATTEMPT =
            new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), Duration.ofSeconds(30), 1);
    private static final BoxSubject ENTERPRISE = BoxSubject.enterprise("1234");

    private final ManualTime time = new ManualTime();
    private final ScriptedEndpoint endpoint = new ScriptedEndpoint();
    private final Events events = new Events();
    private final BoxCcgSettings settings = settings().build();
    private final List<BoxCcgEngine> engines = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
        endpoint.pending.forEach(p -> p.future.cancel(true));
        engines.forEach(BoxCcgEngine::close);
    }

    private static BoxCcgSettings.Builder settings() {
        return BoxCcgSettings.builder().clientId("client").clientSecret("secret").retry(ONE_ATTEMPT);
    }

    private BoxCcgEngine.Builder engineBuilder() {
        return BoxCcgEngine.builder(settings).ticker(time).clock(time).scheduler(time).executor(Runnable::run)
                .endpoints(s -> endpoint).jitter(Jitter.NONE).listener(events);
    }

    private BoxCcgEngine engine(BoxCcgEngine.Builder builder) {
        BoxCcgEngine engine = builder.build();
        engines.add(engine);
        return engine;
    }

    private BoxCcgEngine engine() {
        return engine(engineBuilder());
    }

    private static TokenKey key(BoxCcgSettings settings, BoxSubject subject) {
        return new TokenKey(settings.identity(), TokenRequest.clientCredentials(subject));
    }

    private <T> Future<T> inThread(Callable<T> call) {
        return callers.submit(call);
    }

    private static BoxAuthenticationException refusal() {
        return new BoxAuthenticationException("Box did not issue a token: invalid_grant", 400, "invalid_grant",
                "Grant credentials are invalid", "Check the enterprise ID", false, null);
    }

    private static BoxAuthenticationException unavailable() {
        return new BoxAuthenticationException("Box did not issue a token: HTTP 503", 503, null, null, null, true, null);
    }

    /** Waits (real time, bounded) until {@code threads} all wait with a timeout: callers blocked on a request. */
    private static void awaitWaiting(List<Thread> threads) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING)) {
            assertTrue(System.nanoTime() < giveUp, "the callers did not all wait for the request");
            Thread.sleep(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cached, renewed ahead, expired

    @Test
    void returnsTheCachedTokenWhileItIsValid() {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        BoxAccessToken first = tokens.token();
        time.advance(Duration.ofMinutes(54));
        assertSame(first, tokens.token());
        assertEquals(1, endpoint.calls(), "no renewal before the refresh-ahead window");
    }

    @Test
    void renewsInTheBackgroundAheadOfExpiryWhileCallersKeepTheOldToken() throws Exception {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        BoxAccessToken first = tokens.token();
        time.advance(Duration.ofMinutes(55)); // 5 minutes before expiry
        endpoint.hold = true;

        // The renewal is in flight; callers are answered at once with the still-valid token.
        assertSame(first, tokens.token());
        Pending renewal = endpoint.nextPending();
        assertSame(first, tokens.token());
        assertSame(first, tokens.token());
        assertEquals(2, endpoint.calls(), "exactly one renewal however many callers saw the window");
        assertTrue(events.all().contains("started 1234 renewal"), events.all().toString());

        renewal.succeed();
        BoxAccessToken renewed = tokens.token();
        assertNotEquals(first, renewed);
        assertEquals(2, endpoint.calls());
    }

    @Test
    void refreshAheadIsNeverMoreThanHalfTheLifetime() {
        endpoint.lifetime = Duration.ofSeconds(20); // refresh-ahead 5 min would renew at once, forever
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        tokens.token();
        time.advance(Duration.ofMillis(9_999));
        tokens.token();
        assertEquals(1, endpoint.calls(), "not renewed before half its lifetime");
        time.advance(Duration.ofMillis(1));
        tokens.token();
        assertEquals(2, endpoint.calls(), "renewed at half its lifetime");
    }

    @Test
    void aFailedRenewalKeepsTheValidTokenAndIsRetriedOnlyAfterTheBackoff() {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        BoxAccessToken first = tokens.token();
        time.advance(Duration.ofMinutes(56));
        endpoint.failures.add(unavailable());
        endpoint.failures.add(refusal());

        assertSame(first, tokens.token()); // starts the renewal, which fails
        assertEquals(2, endpoint.calls());
        for (int i = 0; i < 5; i++) {
            assertSame(first, tokens.token(), "the failed renewal kept the valid token");
        }
        time.advance(Duration.ofMillis(999));
        assertSame(first, tokens.token());
        assertEquals(2, endpoint.calls(), "no new request during the 1 s backoff");

        time.advance(Duration.ofMillis(1));
        assertSame(first, tokens.token()); // the second renewal: refused, still no caller fails
        assertEquals(3, endpoint.calls());
        time.advance(Duration.ofMillis(1_999));
        assertSame(first, tokens.token());
        assertEquals(3, endpoint.calls(), "the second backoff is 2 s");

        time.advance(Duration.ofMillis(1));
        assertSame(first, tokens.token()); // the third renewal succeeds
        assertEquals(4, endpoint.calls());
        BoxAccessToken renewed = tokens.token();
        assertNotEquals(first, renewed);
        assertFalse(events.all().stream().anyMatch(e -> e.startsWith("cooldown")),
                "no cooldown while a valid token exists: " + events.all());
    }

    @Test
    void anExpiredTokenIsNeverReturned() {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        BoxAccessToken first = tokens.token();
        time.advance(HOUR);
        BoxAccessToken second = tokens.token();
        assertNotEquals(first, second);
        assertEquals(2, endpoint.calls());
    }

    @Test
    void invalidateDropsOnlyTheCurrentToken() {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        BoxAccessToken first = tokens.token();
        tokens.invalidate(first);
        BoxAccessToken second = tokens.token();
        assertNotEquals(first, second);

        tokens.invalidate(first); // a late 401 for the old token must not throw the new one away
        assertSame(second, tokens.token());
        assertEquals(2, endpoint.calls());
        assertEquals(1, events.count("invalidated 1234"));
    }

    @Test
    void keysAreSeparate() {
        BoxCcgEngine engine = engine();
        BoxAccessToken a = engine.provider(ENTERPRISE).token();
        BoxAccessToken b = engine.provider(BoxSubject.user("1234")).token();
        BoxAccessToken c = engine.provider(settings().clientId("other-client").build(), ENTERPRISE).token();
        assertEquals(3, Set.of(a, b, c).size());
        assertEquals(3, endpoint.calls());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Single flight

    @Test
    void manyCallersOnAColdKeyMakeOneRequest() throws Exception {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        endpoint.hold = true;
        int n = 16;
        List<BoxAccessToken> results = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread thread = new Thread(() -> results.add(tokens.token()));
            threads.add(thread);
            thread.start();
        }
        Pending request = endpoint.nextPending();
        awaitWaiting(threads); // every caller waits on the one request in flight
        request.succeed();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(n, results.size());
        assertEquals(1, Set.copyOf(results).size());
        assertEquals(1, endpoint.calls());
    }

    @Test
    void aFailedRequestIsReportedToEveryCallerThatWaitedForIt() throws Exception {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        endpoint.hold = true;
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> {
                try {
                    tokens.token();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        Pending request = endpoint.nextPending();
        awaitWaiting(threads);
        request.fail(refusal());
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(8, failures.size());
        for (Throwable failure : failures) {
            BoxAuthenticationException e = assertInstanceOf(BoxAuthenticationException.class, failure);
            assertEquals("invalid_grant", e.error().orElseThrow());
        }
        assertEquals(1, endpoint.calls());
    }

    @Test
    void anInterruptedCallerStopsWaitingAloneAndKeepsItsInterrupt() throws Exception {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        endpoint.hold = true;
        Future<BoxAccessToken> owner = inThread(tokens::token);
        Pending request = endpoint.nextPending();
        AtomicReference<String> seen = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                tokens.token();
                seen.set("token");
            } catch (BoxAuthenticationException e) {
                seen.set(Thread.currentThread().isInterrupted() + " " + e.getMessage());
            }
        });
        waiter.start();
        awaitWaiting(List.of(waiter));
        waiter.interrupt();
        waiter.join(10_000);
        assertTrue(seen.get().startsWith("true Interrupted while waiting"), seen.get());
        request.succeed();
        assertEquals("token-1", owner.get(10, TimeUnit.SECONDS).value());
        assertEquals(1, endpoint.calls());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cooldown after failures with no valid token

    @Test
    void afterARefusalCallersFailFastWithTheSameErrorUntilTheCooldownEnds() {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        endpoint.failures.add(refusal());
        endpoint.failures.add(refusal());
        BoxAuthenticationException first = assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(1, endpoint.calls());

        BoxAuthenticationException fast = assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(1, endpoint.calls(), "no new request during the cooldown");
        assertEquals(first.status(), fast.status());
        assertEquals(first.error(), fast.error());
        assertEquals(first.errorDescription(), fast.errorDescription());
        assertEquals(first.hint(), fast.hint());
        assertFalse(fast.isTransient());
        assertTrue(fast.getMessage().startsWith(first.getMessage()), fast.getMessage());
        assertTrue(fast.getMessage().contains("no new request for another 1.0 s"), fast.getMessage());
        assertEquals(Optional.of(Duration.ofSeconds(1)), first.retryAfter(), "the cooldown the failure started");
        assertEquals(Optional.of(Duration.ofSeconds(1)), fast.retryAfter(), "what is left of the cooldown");

        time.advance(Duration.ofMillis(999));
        BoxAuthenticationException later = assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(Optional.of(Duration.ofMillis(1)), later.retryAfter(), "what is left of the cooldown");
        assertEquals(1, endpoint.calls());

        time.advance(Duration.ofMillis(1)); // the 1 s cooldown is over: one probe, refused again
        assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(2, endpoint.calls());
        time.advance(Duration.ofMillis(1_999));
        assertThrows(BoxAuthenticationException.class, tokens::token);
        assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(2, endpoint.calls(), "the second cooldown is 2 s");

        time.advance(Duration.ofMillis(1)); // this probe succeeds
        BoxAccessToken token = tokens.token();
        assertEquals(3, endpoint.calls());
        assertSame(token, tokens.token());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), events.cooldowns());

        // A success cleared the failures: the next refusal, once the token expired, cools down for 1 s again.
        time.advance(HOUR);
        endpoint.failures.add(refusal());
        assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)), events.cooldowns());
    }

    @Test
    void theCooldownGrowsWithRepeatsUpToItsMaximum() {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        endpoint.alwaysFail = refusal();
        for (int i = 0; i < 8; i++) {
            assertThrows(BoxAuthenticationException.class, tokens::token);
            time.advance(Duration.ofMinutes(1));
        }
        assertEquals(8, endpoint.calls());
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L),
                events.cooldowns().stream().map(Duration::toSeconds).toList());
    }

    @Test
    void afterTransientFailuresTheCooldownIsShorter() {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        endpoint.alwaysFail = unavailable();
        for (int i = 0; i < 6; i++) {
            BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, tokens::token);
            assertTrue(e.isTransient());
            BoxAuthenticationException fast = assertThrows(BoxAuthenticationException.class, tokens::token);
            assertEquals(503, fast.status());
            assertTrue(fast.isTransient());
            time.advance(Duration.ofMinutes(1));
        }
        assertEquals(6, endpoint.calls(), "one request per cooldown");
        // A quarter of the 60 s maximum caps it.
        assertEquals(List.of(1L, 2L, 4L, 8L, 15L, 15L), events.cooldowns().stream().map(Duration::toSeconds).toList());
        for (int i = 1; i <= 6; i++) {
            assertEquals(settings.cooldownAfter(i, true), events.cooldowns().get(i - 1));
        }
    }

    @Test
    void theCooldownFollowsTheConfiguredSchedule() {
        BoxCcgSettings custom = settings().failureCooldown(new Backoff(Duration.ofSeconds(3), Duration.ofSeconds(5)))
                .build();
        BoxTokenProvider tokens = engine(BoxCcgEngine.builder(custom).ticker(time).clock(time).scheduler(time)
                .executor(Runnable::run).endpoints(s -> endpoint).jitter(Jitter.NONE).listener(events))
                .provider(ENTERPRISE);
        endpoint.alwaysFail = refusal();
        assertThrows(BoxAuthenticationException.class, tokens::token);
        time.advance(Duration.ofMillis(2_999));
        assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(1, endpoint.calls());
        time.advance(Duration.ofMillis(1));
        assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(2, endpoint.calls());
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(5)), events.cooldowns());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Monotonic time

    @Test
    void steppingTheWallClockForwardNeitherExpiresNorRenewsTheToken() {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        BoxAccessToken first = tokens.token();
        time.stepWallClock(Duration.ofHours(2));
        assertSame(first, tokens.token());
        time.advance(Duration.ofMinutes(54));
        assertSame(first, tokens.token());
        assertEquals(1, endpoint.calls());
    }

    @Test
    void steppingTheWallClockBackNeitherRenewsNorExtendsTheToken() {
        BoxTokenProvider tokens = engine().provider(ENTERPRISE);
        BoxAccessToken first = tokens.token();
        time.stepWallClock(Duration.ofHours(-2));
        assertSame(first, tokens.token());
        assertEquals(1, endpoint.calls());

        time.advance(HOUR); // expired on the ticker, though the wall clock says it has two hours left
        BoxAccessToken second = tokens.token();
        assertNotEquals(first, second);
        assertEquals(2, endpoint.calls(), "a new request was made");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // An executor that refuses work

    @Test
    void aRejectedRenewalKeepsTheTokenAndIsNotOfferedAgainBeforeTheBackoff() {
        RefusingExecutor executor = new RefusingExecutor();
        BoxTokenProvider tokens = engine(engineBuilder().executor(executor)).provider(ENTERPRISE);
        BoxAccessToken first = tokens.token();
        assertEquals(1, executor.submissions.get());
        executor.refuse = true;
        time.advance(Duration.ofMinutes(56));
        for (int i = 0; i < 10; i++) {
            assertSame(first, tokens.token());
        }
        assertEquals(2, executor.submissions.get(), "one refused renewal, not one per call");
        time.advance(Duration.ofMillis(999));
        assertSame(first, tokens.token());
        assertEquals(2, executor.submissions.get());
        time.advance(Duration.ofMillis(1)); // the renewal backoff has passed
        executor.refuse = false;
        assertSame(first, tokens.token());
        assertEquals(3, executor.submissions.get());
        assertNotEquals(first, tokens.token());
        assertEquals(2, endpoint.calls());
    }

    @Test
    void aColdRequestTheExecutorRefusesFailsClearly() {
        RefusingExecutor executor = new RefusingExecutor();
        executor.refuse = true;
        BoxTokenProvider tokens = engine(engineBuilder().executor(executor)).provider(ENTERPRISE);
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, tokens::token);
        assertTrue(e.getMessage().contains("executor refused it"), e.getMessage());
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
        assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(1, executor.submissions.get(), "the refusing executor is not asked again during the cooldown");
        assertEquals(0, endpoint.calls());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bounded: CLOCK eviction

    @Test
    void holdsABoundedNumberOfKeys() {
        BoxCcgEngine engine = engine(engineBuilder().maxSubjects(3));
        for (int user = 0; user < 10; user++) {
            engine.provider(BoxSubject.user("u" + user)).token();
            assertTrue(engine.cachedKeys() <= 3, "size " + engine.cachedKeys());
        }
        assertEquals(3, engine.cachedKeys());
        assertEquals(7, events.all().stream().filter(e -> e.startsWith("evicted")).count());
    }

    @Test
    void aRecentlyUsedKeyGetsASecondChance() {
        BoxCcgEngine engine = engine(engineBuilder().maxSubjects(3));
        for (String id : List.of("a", "b", "c", "d")) { // d evicts a; the sweep clears the flags of b and c
            engine.provider(BoxSubject.user(id)).token();
        }
        assertEquals(List.of("evicted a"), events.evictions());
        engine.provider(BoxSubject.user("b")).token(); // b is used again, c is not
        engine.provider(BoxSubject.user("e")).token();
        assertEquals(List.of("evicted a", "evicted c"), events.evictions(), "b, older but used, was passed over");
        assertTrue(engine.status(settings, BoxSubject.user("b")).isPresent());
    }

    @Test
    void aKeyWithARequestInFlightIsNeverEvicted() throws Exception {
        BoxCcgEngine engine = engine(engineBuilder().maxSubjects(2));
        endpoint.hold = true;
        Future<BoxAccessToken> waiting = inThread(() -> engine.provider(BoxSubject.user("busy")).token());
        Pending busy = endpoint.nextPending();
        endpoint.hold = false;
        for (String id : List.of("b", "c", "d")) {
            engine.provider(BoxSubject.user(id)).token();
        }
        assertFalse(events.evictions().contains("evicted busy"), events.evictions().toString());
        assertTrue(engine.status(settings, BoxSubject.user("busy")).orElseThrow().inFlight());
        busy.succeed();
        assertEquals("token-1", waiting.get(10, TimeUnit.SECONDS).value());

        engine.provider(BoxSubject.user("e")).token(); // once its request is over, it may go
        assertTrue(events.evictions().contains("evicted busy"), events.evictions().toString());
    }

    @Test
    void aNewKeyIsServedWhileEveryOtherKeyHasARequestInFlight() throws Exception {
        BoxCcgEngine engine = engine(engineBuilder().maxSubjects(1));
        endpoint.hold = true;
        Future<BoxAccessToken> waiting = inThread(() -> engine.provider(BoxSubject.user("busy")).token());
        Pending busy = endpoint.nextPending();
        endpoint.hold = false;
        // The new key's slot must not be evicted by the sweep it set off, over and over, while "busy" is in flight.
        Future<BoxAccessToken> other = inThread(() -> engine.provider(BoxSubject.user("other")).token());
        BoxAccessToken token;
        try {
            token = other.get(5, TimeUnit.SECONDS);
        } finally {
            busy.succeed();
        }
        assertEquals("other", token.subject().id());
        assertEquals("token-1", waiting.get(10, TimeUnit.SECONDS).value());
        assertEquals(2, endpoint.calls());
    }

    @Test
    void afterEvictionTheDefaultStoreAnswersWithoutARequestWhileTheTokenIsValid() {
        BoxCcgEngine engine = engine(engineBuilder().maxSubjects(3));
        BoxAccessToken a = engine.provider(BoxSubject.user("a")).token();
        for (String id : List.of("b", "c", "d")) {
            engine.provider(BoxSubject.user(id)).token();
        }
        assertEquals(List.of("evicted a"), events.evictions());
        assertEquals(4, endpoint.calls());

        assertEquals(a, engine.provider(BoxSubject.user("a")).token());
        assertEquals(4, endpoint.calls(), "the store had it");
        assertEquals(1, events.count("finished a FROM_STORE PT0S"));

        // Within its renewal window a stored token is not taken: a request is made.
        time.advance(Duration.ofMinutes(56));
        for (String id : List.of("e", "f", "g", "h")) {
            engine.provider(BoxSubject.user(id)).token();
        }
        assertTrue(events.evictions().stream().filter(e -> e.equals("evicted a")).count() == 2, events.evictions().toString());
        int before = endpoint.calls();
        BoxAccessToken renewed = engine.provider(BoxSubject.user("a")).token();
        assertEquals(before + 1, endpoint.calls());
        assertNotEquals(a, renewed);
    }

    @Test
    void aWallClockStepBackNeverBringsAnExpiredTokenBackFromTheDefaultStore() {
        BoxCcgEngine engine = engine(engineBuilder().maxSubjects(1));
        BoxAccessToken a = engine.provider(BoxSubject.user("a")).token();
        engine.provider(BoxSubject.user("b")).token(); // evicts a; its token stays in the store
        assertEquals(2, endpoint.calls());

        time.stepWallClock(Duration.ofHours(-2)); // by the wall clock, a's token now looks good for 3 hours
        time.advance(Duration.ofMinutes(61));     // but it expired a minute ago
        BoxAccessToken again = engine.provider(BoxSubject.user("a")).token();
        assertNotEquals(a, again);
        assertEquals(3, endpoint.calls(), "a new request, not the expired token from the store");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Token store SPI

    @Test
    void aValidTokenInTheStoreIsUsedWithoutARequest() {
        RecordingStore store = new RecordingStore();
        TokenKey key = key(settings, ENTERPRISE);
        Instant now = time.instant();
        BoxAccessToken held = new BoxAccessToken("from-the-store", "bearer", now.minus(Duration.ofMinutes(10)),
                now.plus(Duration.ofMinutes(50)), ENTERPRISE, List.of());
        store.tokens.put(key, held);
        BoxCcgEngine engine = engine(engineBuilder().store(store));

        assertEquals(held, engine.provider(ENTERPRISE).token());
        assertEquals(0, endpoint.calls());
        assertEquals(List.of("started 1234", "finished 1234 FROM_STORE PT0S"), events.all());
        assertEquals(Optional.of(now.plus(Duration.ofMinutes(50))),
                engine.status(settings, ENTERPRISE).orElseThrow().validUntil());
        assertEquals(List.of("get"), store.calls, "a token from the store is not written back");

        // Renewed on the ticker from the times the store gave: 5 minutes before its expiry.
        time.advance(Duration.ofMinutes(44).plusSeconds(59));
        engine.provider(ENTERPRISE).token();
        assertEquals(0, endpoint.calls());
        time.advance(Duration.ofSeconds(1));
        engine.provider(ENTERPRISE).token();
        assertEquals(1, endpoint.calls());
    }

    @Test
    void aCallerDuringAnInvalidationNeverTakesTheRejectedTokenBackFromTheStore() throws Exception {
        PausingStore store = new PausingStore();
        BoxTokenProvider tokens = engine(engineBuilder().store(store)).provider(ENTERPRISE);
        BoxAccessToken rejected = tokens.token();
        Future<Void> invalidation = inThread(() -> {
            tokens.invalidate(rejected);
            return null;
        });
        assertTrue(store.removing.await(10, TimeUnit.SECONDS), "the invalidation reached the store");
        tokens.token(); // a caller while the store is dropping the token: it may still get it, it is not yet dropped
        store.release.countDown();
        invalidation.get(10, TimeUnit.SECONDS);

        assertEquals("token-2", tokens.token().value(), "after invalidate() returned, never the rejected token");
        assertEquals(2, endpoint.calls());
    }

    @Test
    void newTokensAreWrittenToTheStoreAndInvalidateRemovesOnlyTheSame() {
        RecordingStore store = new RecordingStore();
        BoxTokenProvider tokens = engine(engineBuilder().store(store)).provider(ENTERPRISE);
        TokenKey key = key(settings, ENTERPRISE);
        BoxAccessToken first = tokens.token();
        assertEquals(List.of("get", "replaceIfNewer " + first.value()), store.calls);
        assertEquals(first, store.tokens.get(key));

        tokens.invalidate(first);
        assertEquals("removeIfSame " + first.value(), store.calls.get(store.calls.size() - 1));
        assertFalse(store.tokens.containsKey(key));
        BoxAccessToken second = tokens.token();
        tokens.invalidate(first); // late: the store keeps the new token
        assertEquals(second, store.tokens.get(key));
        assertSame(second, tokens.token());
    }

    @Test
    void aFailingStoreNeverFailsTokenRequests() {
        RecordingStore store = new RecordingStore();
        store.broken = true;
        BoxTokenProvider tokens = engine(engineBuilder().store(store)).provider(ENTERPRISE);
        BoxAccessToken first = tokens.token();
        assertEquals(1, endpoint.calls());
        tokens.invalidate(first);
        BoxAccessToken second = tokens.token();
        assertNotEquals(first, second);
        assertTrue(store.calls.containsAll(List.of("get", "replaceIfNewer " + first.value(), "removeIfSame "
                + first.value())), store.calls.toString());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Listener SPI

    @Test
    void theListenerHearsRequestsFailuresCooldownsInvalidationsAndEvictions() throws Exception {
        BoxCcgEngine engine = engine(engineBuilder().maxSubjects(1));
        BoxTokenProvider tokens = engine.provider(ENTERPRISE);
        endpoint.hold = true;
        Future<BoxAccessToken> waiting = inThread(tokens::token);
        Pending request = endpoint.nextPending();
        time.advance(Duration.ofSeconds(3));
        request.succeed();
        BoxAccessToken first = waiting.get(10, TimeUnit.SECONDS);
        endpoint.hold = false;
        tokens.invalidate(first);

        endpoint.failures.add(refusal());
        assertThrows(BoxAuthenticationException.class, tokens::token);
        time.advance(Duration.ofSeconds(1));
        endpoint.failures.add(unavailable());
        assertThrows(BoxAuthenticationException.class, tokens::token);
        time.advance(Duration.ofSeconds(2));
        engine.provider(BoxSubject.user("u")).token(); // evicts the enterprise key

        assertEquals(List.of(
                "started 1234", "finished 1234 ISSUED PT3S", "invalidated 1234",
                "started 1234", "finished 1234 REFUSED PT0S invalid_grant", "cooldown 1234 PT1S invalid_grant",
                "started 1234", "finished 1234 FAILED PT0S 503", "cooldown 1234 PT2S 503",
                "evicted 1234", "started u", "finished u ISSUED PT0S"), events.all());
    }

    @Test
    void aListenerThatThrowsNeverBreaksTokenRequests() {
        EngineListener broken = new EngineListener() {
            @Override
            public void requestStarted(TokenKey key, boolean renewal) {
                throw new IllegalStateException("listener");
            }

            @Override
            public void requestFinished(TokenKey key, Outcome outcome, Duration duration,
                                        BoxAuthenticationException failure) {
                throw new IllegalStateException("listener");
            }

            @Override
            public void cooldownStarted(TokenKey key, Duration cooldown, BoxAuthenticationException failure) {
                throw new IllegalStateException("listener");
            }

            @Override
            public void invalidated(TokenKey key) {
                throw new IllegalStateException("listener");
            }

            @Override
            public void evicted(TokenKey key) {
                throw new IllegalStateException("listener");
            }
        };
        BoxCcgEngine engine = engine(engineBuilder().listener(broken).maxSubjects(1));
        BoxTokenProvider tokens = engine.provider(ENTERPRISE);
        BoxAccessToken first = tokens.token();
        tokens.invalidate(first);
        endpoint.failures.add(refusal());
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals("invalid_grant", e.error().orElseThrow(), "the request's failure, not the listener's");
        time.advance(Duration.ofSeconds(1));
        assertNotEquals(first, tokens.token());
        engine.provider(BoxSubject.user("u")).token(); // evicts
        assertEquals(1, engine.cachedKeys());
        time.advance(Duration.ofMinutes(56));
        engine.provider(BoxSubject.user("u")).token(); // renewal
        assertEquals(5, endpoint.calls());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Status

    @Test
    void statusShowsValidityFailuresNextAttemptAndRequestsInFlight() throws Exception {
        BoxCcgEngine engine = engine();
        BoxTokenProvider tokens = engine.provider(ENTERPRISE);
        assertEquals(Optional.empty(), engine.status(settings, ENTERPRISE));
        Instant start = time.instant();

        endpoint.hold = true;
        Future<BoxAccessToken> waiting = inThread(tokens::token);
        Pending request = endpoint.nextPending();
        TokenStatus during = engine.status(settings, ENTERPRISE).orElseThrow();
        assertTrue(during.inFlight());
        assertEquals(Optional.empty(), during.validUntil());
        request.fail(refusal());
        assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        endpoint.hold = false;

        TokenStatus refused = engine.status(settings, ENTERPRISE).orElseThrow();
        assertFalse(refused.inFlight());
        assertEquals(Optional.empty(), refused.validUntil());
        assertEquals("invalid_grant", refused.lastFailure().orElseThrow().error().orElseThrow());
        assertEquals(Optional.of(start.plusSeconds(1)), refused.nextAttempt());

        time.advance(Duration.ofSeconds(1));
        tokens.token();
        TokenStatus valid = engine.status(settings, ENTERPRISE).orElseThrow();
        assertEquals(Optional.of(start.plusSeconds(1).plus(HOUR)), valid.validUntil());
        assertEquals(Optional.empty(), valid.lastFailure());
        assertEquals(Optional.empty(), valid.nextAttempt());
        assertFalse(valid.inFlight());

        time.advance(Duration.ofMinutes(56));
        endpoint.failures.add(unavailable());
        tokens.token(); // the renewal fails
        TokenStatus renewalFailed = engine.status(settings, ENTERPRISE).orElseThrow();
        assertEquals(valid.validUntil(), renewalFailed.validUntil());
        assertEquals(503, renewalFailed.lastFailure().orElseThrow().status());
        assertEquals(Optional.of(time.instant().plusSeconds(1)), renewalFailed.nextAttempt());
        assertEquals(1, engine.statuses().size());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One registration per app

    @Test
    void anAppIsRegisteredWithOneSetOfSettings() {
        BoxCcgEngine engine = engine();
        BoxTokenProvider a = engine.provider(settings, ENTERPRISE);
        BoxCcgSettings otherRefresh = settings().refreshAhead(Duration.ofMinutes(10)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> engine.provider(otherRefresh, ENTERPRISE));
        assertTrue(e.getMessage().contains("refresh-ahead"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());

        BoxTokenProvider same = engine.provider(settings().build(), ENTERPRISE);
        assertSame(a.token(), same.token());
        assertEquals(1, endpoint.calls(), "equal settings share one token");

        BoxTokenProvider otherSecret = engine.provider(settings().clientSecret("another-secret").build(), ENTERPRISE);
        assertNotEquals(a.token(), otherSecret.token());
        assertEquals(2, endpoint.calls(), "another secret is another key");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Clearing (for tests)

    @Test
    void clearDropsEveryTokenAndTheDefaultStoresSoTheNextCallRequestsOne() {
        BoxCcgEngine engine = engine();
        BoxTokenProvider tokens = engine.provider(ENTERPRISE);
        BoxTokenProvider user = tokens.forUser("42");
        BoxAccessToken first = tokens.token();
        user.token();
        assertEquals(2, engine.cachedKeys());

        engine.clear();

        assertEquals(0, engine.cachedKeys());
        assertEquals(Optional.empty(), engine.status(settings, ENTERPRISE));
        BoxAccessToken second = tokens.token();
        assertNotEquals(first, second, "the default in-memory store was cleared too, or it would answer");
        assertEquals(3, endpoint.calls());
        assertEquals("finished 1234 ISSUED PT0S", events.all().get(events.all().size() - 1));
        assertSame(second, tokens.token());
        assertEquals(3, endpoint.calls());
    }

    @Test
    void clearForgetsARememberedFailureAndItsCooldown() {
        BoxCcgEngine engine = engine();
        BoxTokenProvider tokens = engine.provider(ENTERPRISE);
        endpoint.failures.add(refusal());
        assertThrows(BoxAuthenticationException.class, tokens::token);
        assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(1, endpoint.calls(), "cooling down");

        engine.clear();

        assertEquals(Optional.empty(), engine.status(settings, ENTERPRISE));
        assertEquals("token-2", tokens.token().value(), "no cooldown after clear(): one request at once");
        assertEquals(2, endpoint.calls());
    }

    @Test
    void clearEmptiesAnInMemoryStoreHandedInButLeavesAnyOtherStoreAlone() {
        InMemoryTokenStore inMemory = new InMemoryTokenStore(10, time, time);
        BoxCcgEngine cleared = engine(engineBuilder().store(inMemory));
        cleared.provider(ENTERPRISE).token();
        assertEquals(1, inMemory.size());
        cleared.clear();
        assertEquals(0, inMemory.size());

        RecordingStore custom = new RecordingStore();
        BoxCcgEngine engine = engine(engineBuilder().store(custom));
        BoxAccessToken held = engine.provider(BoxSubject.enterprise("77")).token();
        engine.clear();
        assertEquals(held, custom.tokens.get(key(settings, BoxSubject.enterprise("77"))), "a custom store is left alone");
        assertEquals(held, engine.provider(BoxSubject.enterprise("77")).token(), "so its token is used again");
        assertEquals(2, endpoint.calls(), "one request per engine, none after clear()");
        assertEquals("finished 77 FROM_STORE PT0S", events.all().get(events.all().size() - 1));
    }

    @Test
    void aRequestInFlightDuringClearCompletesForItsCallersAndItsTokenIsCached() throws Exception {
        BoxCcgEngine engine = engine();
        BoxTokenProvider tokens = engine.provider(ENTERPRISE);
        endpoint.hold = true;
        Future<BoxAccessToken> before = inThread(tokens::token);
        Pending request = endpoint.nextPending();

        engine.clear();
        assertEquals(1, engine.cachedKeys(), "the key with a request in flight stays");
        assertTrue(engine.status(settings, ENTERPRISE).orElseThrow().inFlight());
        Future<BoxAccessToken> after = inThread(tokens::token);
        Thread.sleep(50);
        assertEquals(1, endpoint.calls(), "still one request per key: the caller after clear() joins it");
        request.succeed();

        BoxAccessToken token = before.get(10, TimeUnit.SECONDS);
        assertEquals("token-1", token.value());
        assertSame(token, after.get(10, TimeUnit.SECONDS));
        assertSame(token, tokens.token(), "its token is cached");
        assertEquals(1, endpoint.calls());
    }

    @Test
    void clearAllClearsEveryEngineNotClosed() {
        BoxTokenProvider one = engine().provider(ENTERPRISE);
        BoxTokenProvider two = engine().provider(BoxSubject.enterprise("2"));
        BoxCcgEngine closed = engine();
        BoxTokenProvider three = closed.provider(BoxSubject.enterprise("3"));
        one.token();
        two.token();
        BoxAccessToken kept = three.token();
        closed.close(); // its executor and scheduler were handed in, so it still answers from its cache
        assertEquals(3, endpoint.calls());

        BoxCcgEngine.clearAll();

        one.token();
        two.token();
        assertEquals(5, endpoint.calls(), "both open engines request again");
        assertSame(kept, three.token(), "a closed engine is no longer tracked");
        assertEquals(5, endpoint.calls());
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A request the endpoint holds until the test answers it. */
    private final class Pending {
        final CompletableFuture<Issued> future = new CompletableFuture<>();
        final TokenKey key;
        final int number;
        final long sentAt;

        Pending(TokenKey key, int number, long sentAt) {
            this.key = key;
            this.number = number;
            this.sentAt = sentAt;
        }

        void succeed() {
            future.complete(endpoint.issue(key, number, sentAt));
        }

        void fail(BoxAuthenticationException failure) {
            future.completeExceptionally(new TokenAttemptException(failure, null));
        }
    }

    /** Issues numbered tokens at once, fails as scripted, or holds requests for the test to answer. */
    private final class ScriptedEndpoint implements TokenEndpoint {
        private final AtomicInteger calls = new AtomicInteger();
        final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
        final ConcurrentLinkedQueue<BoxAuthenticationException> failures = new ConcurrentLinkedQueue<>();
        volatile BoxAuthenticationException alwaysFail;
        volatile boolean hold;
        volatile Duration lifetime = HOUR;

        int calls() {
            return calls.get();
        }

        Pending nextPending() throws InterruptedException {
            Pending next = pending.poll(10, TimeUnit.SECONDS);
            assertNotNull(next, "no request reached the endpoint");
            return next;
        }

        Issued issue(TokenKey key, int number, long sentAt) {
            Instant issuedAt = time.instant().minusNanos(time.nanos() - sentAt);
            return new Issued(new BoxAccessToken("token-" + number, "bearer", issuedAt, issuedAt.plus(lifetime),
                    key.request().subject(), List.of()), sentAt);
        }

        @Override
        public CompletableFuture<Issued> requestToken(TokenKey key, Duration timeout) {
            int number = calls.incrementAndGet();
            if (hold) {
                Pending held = new Pending(key, number, time.nanos());
                pending.add(held);
                return held.future;
            }
            BoxAuthenticationException failure = failures.poll();
            if (failure == null) {
                failure = alwaysFail;
            }
            return failure != null ? CompletableFuture.failedFuture(new TokenAttemptException(failure, null))
                    : CompletableFuture.completedFuture(issue(key, number, time.nanos()));
        }
    }

    /** Records what the engine tells the listener, as short strings. */
    private static final class Events implements EngineListener {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final List<Duration> cooldowns = Collections.synchronizedList(new ArrayList<>());

        List<String> all() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        List<Duration> cooldowns() {
            synchronized (cooldowns) {
                return List.copyOf(cooldowns);
            }
        }

        List<String> evictions() {
            return all().stream().filter(e -> e.startsWith("evicted")).toList();
        }

        long count(String event) {
            return all().stream().filter(event::equals).count();
        }

        private static String id(TokenKey key) {
            return key.request().subject().id();
        }

        private static String what(BoxAuthenticationException failure) {
            return failure == null ? "" : " " + failure.error().orElse(String.valueOf(failure.status()));
        }

        @Override
        public void requestStarted(TokenKey key, boolean renewal) {
            events.add("started " + id(key) + (renewal ? " renewal" : ""));
        }

        @Override
        public void requestFinished(TokenKey key, Outcome outcome, Duration duration,
                                    BoxAuthenticationException failure) {
            events.add("finished " + id(key) + " " + outcome + " " + duration + what(failure));
        }

        @Override
        public void cooldownStarted(TokenKey key, Duration cooldown, BoxAuthenticationException failure) {
            cooldowns.add(cooldown);
            events.add("cooldown " + id(key) + " " + cooldown + what(failure));
        }

        @Override
        public void invalidated(TokenKey key) {
            events.add("invalidated " + id(key));
        }

        @Override
        public void evicted(TokenKey key) {
            events.add("evicted " + id(key));
        }
    }

    /** Runs tasks in the calling thread, or refuses them; counts every submission. */
    private static final class RefusingExecutor implements Executor {
        final AtomicInteger submissions = new AtomicInteger();
        volatile boolean refuse;

        @Override
        public void execute(Runnable task) {
            submissions.incrementAndGet();
            if (refuse) {
                throw new RejectedExecutionException("shut down");
            }
            task.run();
        }
    }

    /** A token store in a map that records its calls, and can be made to fail. */
    /** The default store, whose removal waits until the test lets it go on. */
    private final class PausingStore implements TokenStore {
        final InMemoryTokenStore delegate = new InMemoryTokenStore(10, time, time);
        final CountDownLatch removing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Optional<BoxAccessToken> get(TokenKey key) {
            return delegate.get(key);
        }

        @Override
        public boolean replaceIfNewer(TokenKey key, BoxAccessToken token) {
            return delegate.replaceIfNewer(key, token);
        }

        @Override
        public boolean removeIfSame(TokenKey key, BoxAccessToken token) {
            removing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.removeIfSame(key, token);
        }
    }

    private static final class RecordingStore implements TokenStore {
        final Map<TokenKey, BoxAccessToken> tokens = new ConcurrentHashMap<>();
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        volatile boolean broken;

        @Override
        public Optional<BoxAccessToken> get(TokenKey key) {
            calls.add("get");
            check();
            return Optional.ofNullable(tokens.get(key));
        }

        @Override
        public boolean replaceIfNewer(TokenKey key, BoxAccessToken token) {
            calls.add("replaceIfNewer " + token.value());
            check();
            tokens.put(key, token);
            return true;
        }

        @Override
        public boolean removeIfSame(TokenKey key, BoxAccessToken token) {
            calls.add("removeIfSame " + token.value());
            check();
            return tokens.remove(key, token);
        }

        private void check() {
            if (broken) {
                throw new IllegalStateException("the store is down");
            }
        }
    }
}
