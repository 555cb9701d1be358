package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two engines ("nodes") sharing one app's tokens through a {@link SharedTokenStore} each, on one {@link MapGrid}: on
 * virtual time, with a token endpoint the test answers by hand. The real-grid version is in box-ccg-store-jcache.
 */
class SharedTokenStoreTest {

    private static final String SECRET = "shared-secret-7f3a91";
    private static final String CLIENT_ID = "client-id-4c2e";
    private static final BoxSubject USER = BoxSubject.user("98765");
    private static final RetrySettings ONE_ATTEMPT =
            new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)), Duration.ofSeconds(8), 1);

    /** A token endpoint answered by the test: every request waits in {@link #pending}. */
    private final class HandEndpoint implements TokenEndpoint {
        final List<CompletableFuture<Issued>> pending = new CopyOnWriteArrayList<>();
        private int issued;

        @Override
        public CompletableFuture<Issued> requestToken(TokenKey key, Duration timeout) {
            CompletableFuture<Issued> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        }

        /** Answers request {@code index} with a new token issued now, valid for an hour. */
        synchronized BoxAccessToken answer(int index) {
            BoxAccessToken token = new BoxAccessToken("token-value-" + ++issued + "-ab12", "bearer", time.instant(),
                    time.instant().plus(Duration.ofHours(1)), USER, List.of());
            pending.get(index).complete(new Issued(token, time.nanos()));
            return token;
        }
    }

    private final ManualTime time = new ManualTime();
    private final MapGrid grid = new MapGrid();
    private final HandEndpoint endpoint = new HandEndpoint();
    private final BoxCcgSettings settings = BoxCcgSettings.builder().clientId(CLIENT_ID).clientSecret(SECRET)
            .retry(ONE_ATTEMPT).build();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws Exception {
        grid.release();
        callers.shutdownNow();
        for (AutoCloseable each : closing) {
            each.close();
        }
    }

    private SharedTokenStore store(BoxCcgSettings app, SharedTokenStore.Options options) {
        SharedTokenStore store = new SharedTokenStore(new InMemoryTokenStore(100, time, time), time, time);
        store.share(app, grid, options);
        closing.add(store);
        return store;
    }

    private BoxTokenProvider node(SharedTokenStore store) {
        BoxCcgEngine engine = BoxCcgEngine.builder(settings).ticker(time).clock(time).scheduler(time)
                .executor(Runnable::run).endpoints(s -> endpoint).jitter(Jitter.NONE).store(store).build();
        closing.add(engine);
        return engine.provider(USER);
    }

    private BoxTokenProvider node() {
        return node(store(settings, SharedTokenStore.Options.DEFAULTS));
    }

    private Future<BoxAccessToken> inThread(BoxTokenProvider provider) {
        return callers.submit(provider::token);
    }

    /** Waits (real time, bounded) until the endpoint has {@code count} requests. */
    private void awaitRequests(int count) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (endpoint.pending.size() < count) {
            assertTrue(System.nanoTime() < giveUp, "expected " + count + " token requests");
            Thread.sleep(5);
        }
    }

    /** Waits (real time, bounded) until the virtual scheduler holds a task: a node polling for another's token. */
    private void awaitPolling() throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (time.pendingTasks() == 0) {
            assertTrue(System.nanoTime() < giveUp, "expected a node to poll the store");
            Thread.sleep(5);
        }
    }

    @Test
    void aSecondNodeTakesTheFirstNodesTokenWithoutARequest() throws Exception {
        BoxTokenProvider a = node();
        BoxTokenProvider b = node();
        Future<BoxAccessToken> first = inThread(a);
        awaitRequests(1);
        BoxAccessToken issued = endpoint.answer(0);
        assertEquals(issued, first.get(10, TimeUnit.SECONDS));

        assertEquals(issued, b.token());
        assertEquals(1, endpoint.pending.size());
    }

    @Test
    void twoNodesAskingAtOnceMakeOneRequestAndTheWaitingNodeTakesTheStoredToken() throws Exception {
        BoxTokenProvider a = node();
        BoxTokenProvider b = node();
        Future<BoxAccessToken> fromA = inThread(a);
        awaitRequests(1); // A holds the lease
        Future<BoxAccessToken> fromB = inThread(b);
        awaitPolling(); // B waits for A's token, on the scheduler: no thread of B's is blocked but its caller

        BoxAccessToken issued = endpoint.answer(0);
        time.advance(Duration.ofMillis(100));

        assertEquals(issued, fromA.get(10, TimeUnit.SECONDS));
        assertEquals(issued, fromB.get(10, TimeUnit.SECONDS));
        assertEquals(1, endpoint.pending.size());
        assertTrue(grid.entries.keySet().stream().noneMatch(k -> k.endsWith(":lease")), "the lease was released");
    }

    @Test
    void aRenewalRoundOfTwoNodesMakesOneRequest() throws Exception {
        BoxTokenProvider a = node();
        BoxTokenProvider b = node();
        Future<BoxAccessToken> first = inThread(a);
        awaitRequests(1);
        BoxAccessToken old = endpoint.answer(0);
        first.get(10, TimeUnit.SECONDS);
        assertEquals(old, b.token());

        time.advance(Duration.ofMinutes(56)); // past the renewal time (refresh-ahead 5 minutes), still valid
        assertEquals(old, a.token()); // starts A's renewal in the background, hands out the valid token
        assertEquals(old, b.token()); // B's renewal finds A's lease and polls
        assertEquals(2, endpoint.pending.size());
        BoxAccessToken renewed = endpoint.answer(1);
        time.advance(Duration.ofMillis(100));

        assertEquals(renewed, a.token());
        assertEquals(renewed, b.token());
        assertEquals(2, endpoint.pending.size(), "one request for the first token, one for the renewal");
    }

    @Test
    void aLeaseWhoseHolderDiedIsTakenOverWhenItEnds() throws Exception {
        BoxTokenProvider b = node();
        SealedTokens sealed = new SealedTokens(SECRET);
        String leaseName = sealed.name(new TokenKey(settings.identity(), TokenRequest.clientCredentials(USER)))
                + ":lease";
        // A node that died while fetching: its lease runs for another 10 s of wall time.
        grid.entries.put(leaseName, "dead-node/1/" + (time.millis() + 10_000));

        Future<BoxAccessToken> fromB = inThread(b);
        awaitPolling();
        time.advance(Duration.ofSeconds(9));
        assertEquals(0, endpoint.pending.size(), "no request while the lease runs");
        time.advance(Duration.ofMillis(1100));
        awaitRequests(1);
        BoxAccessToken issued = endpoint.answer(0);
        assertEquals(issued, fromB.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aTokenStoredJustBeforeTheLeaseIsTakenIsUsedWithoutARequest() throws Exception {
        BoxTokenProvider b = node();
        TokenKey key = new TokenKey(settings.identity(), TokenRequest.clientCredentials(USER));
        SealedTokens sealed = new SealedTokens(SECRET);
        String name = sealed.name(key);
        BoxAccessToken fromA = new BoxAccessToken("token-of-node-a", "bearer", time.instant(),
                time.instant().plus(Duration.ofHours(1)), USER, List.of());
        // Node A stores its token and releases its lease between B's read of the store and B's lease.
        grid.beforePutIfAbsent = () -> grid.entries.putIfAbsent(name, sealed.seal(name, fromA));

        assertEquals(fromA, b.token());
        assertEquals(0, endpoint.pending.size());
        assertFalse(grid.entries.containsKey(name + ":lease"), "B released the lease it did not need");
    }

    @Test
    void invalidatingOnOneNodeRemovesTheTokenFromTheGridButNeverANewerOne() throws Exception {
        SharedTokenStore storeA = store(settings, SharedTokenStore.Options.DEFAULTS);
        SharedTokenStore storeB = store(settings, SharedTokenStore.Options.DEFAULTS);
        BoxTokenProvider a = node(storeA);
        BoxTokenProvider b = node(storeB);
        TokenKey key = new TokenKey(settings.identity(), TokenRequest.clientCredentials(USER));
        Future<BoxAccessToken> first = inThread(a);
        awaitRequests(1);
        BoxAccessToken old = endpoint.answer(0);
        first.get(10, TimeUnit.SECONDS);

        a.invalidate(old);
        assertTrue(storeB.get(key).isEmpty(), "B can no longer take the dropped token from the grid");

        Future<BoxAccessToken> second = inThread(b);
        awaitRequests(2);
        BoxAccessToken newer = endpoint.answer(1);
        assertEquals(newer, second.get(10, TimeUnit.SECONDS));
        assertFalse(storeA.removeIfSame(key, old), "a late drop of the old token");
        assertEquals(newer, storeA.get(key).orElseThrow(), "the newer token stays");
    }

    @Test
    void aThrowingGridNeverFailsACallAndWarnsOnce() throws Exception {
        grid.mode = MapGrid.Mode.THROWS;
        try (LogCapture logs = new LogCapture()) {
            BoxTokenProvider a = node();
            BoxTokenProvider b = node();
            Future<BoxAccessToken> fromA = inThread(a);
            Future<BoxAccessToken> fromB = inThread(b);
            awaitRequests(2);
            endpoint.answer(0);
            endpoint.answer(1);
            assertTrue(fromA.get(10, TimeUnit.SECONDS).isValidAt(time.instant()));
            assertTrue(fromB.get(10, TimeUnit.SECONDS).isValidAt(time.instant()));
            assertEquals(2, storeWarnings(logs), "one warning per node");
            assertTrue(logs.leaks(List.of("10.0.0.7")).isEmpty(), "the grid's message is not quoted");
        }
    }

    /** A grid still being opened is not called at all: each node fetches its own, no warning; then it is used. */
    @Test
    void aGridNotReadyYetIsNotCalledNorWarnedAboutAndIsUsedOnceReady() throws Exception {
        grid.mode = MapGrid.Mode.NOT_READY;
        try (LogCapture logs = new LogCapture()) {
            BoxTokenProvider a = node();
            Future<BoxAccessToken> fromA = inThread(a);
            awaitRequests(1);
            BoxAccessToken first = endpoint.answer(0);
            assertEquals(first, fromA.get(10, TimeUnit.SECONDS));
            assertEquals(0, grid.calls.get(), "the grid was not called");
            assertEquals(0, storeWarnings(logs));

            grid.mode = MapGrid.Mode.WORKS;
            a.invalidate(first);
            Future<BoxAccessToken> again = inThread(a);
            awaitRequests(2);
            BoxAccessToken second = endpoint.answer(1);
            assertEquals(second, again.get(10, TimeUnit.SECONDS));
            assertEquals(second, node().token(), "another node takes it from the grid without a request");
            assertEquals(2, endpoint.pending.size());
            assertEquals(0, storeWarnings(logs));
        }
    }

    @Test
    void aHangingGridIsGivenUpAfterItsTimeout() throws Exception {
        grid.mode = MapGrid.Mode.HANGS;
        try (LogCapture logs = new LogCapture()) {
            BoxTokenProvider a = node(store(settings, new SharedTokenStore.Options(Duration.ofSeconds(10),
                    Duration.ofMillis(50))));
            Future<BoxAccessToken> fromA = inThread(a);
            awaitRequests(1);
            BoxAccessToken issued = endpoint.answer(0);
            assertEquals(issued, fromA.get(10, TimeUnit.SECONDS));
            assertEquals(1, storeWarnings(logs));
        }
    }

    @Test
    void anInterruptedCallerLeavesAHangingGridAtOnceAndKeepsItsInterrupt() throws Exception {
        grid.mode = MapGrid.Mode.HANGS;
        SharedTokenStore store = store(settings, new SharedTokenStore.Options(Duration.ofSeconds(10),
                Duration.ofSeconds(60)));
        TokenKey key = new TokenKey(settings.identity(), TokenRequest.clientCredentials(USER));
        BoxAccessToken token = new BoxAccessToken("some-token", "bearer", time.instant(),
                time.instant().plusSeconds(60), USER, List.of());
        Future<boolean[]> result = callers.submit(() -> {
            Thread.currentThread().interrupt();
            boolean removed = store.removeIfSame(key, token);
            return new boolean[] {removed, Thread.currentThread().isInterrupted()};
        });
        // The grid call's own timeout is 60 s: only the interrupt can end it within this bound.
        boolean[] outcome = result.get(10, TimeUnit.SECONDS);
        assertFalse(outcome[0]);
        assertTrue(outcome[1], "the interrupt is kept");
    }

    @Test
    void theGridHoldsNeitherTokenNorClientIdNorSecretNorSubjectInClear() throws Exception {
        BoxTokenProvider a = node();
        Future<BoxAccessToken> first = inThread(a);
        awaitRequests(1);
        BoxAccessToken issued = endpoint.answer(0);
        first.get(10, TimeUnit.SECONDS);

        assertEquals(1, grid.entries.size());
        for (var entry : grid.entries.entrySet()) {
            String decoded = new String(Base64.getDecoder().decode(entry.getValue()), StandardCharsets.ISO_8859_1);
            for (String text : List.of(entry.getKey(), entry.getValue(), decoded)) {
                for (String secret : List.of(issued.value(), CLIENT_ID, SECRET, USER.id())) {
                    assertFalse(text.contains(secret), "the grid holds " + secret + " in clear");
                }
            }
        }
    }

    @Test
    void aValueSealedUnderAnotherSecretIsIgnoredAndReplaced() throws Exception {
        TokenKey key = new TokenKey(settings.identity(), TokenRequest.clientCredentials(USER));
        String name = new SealedTokens(SECRET).name(key);
        BoxAccessToken foreign = new BoxAccessToken("foreign-token-99", "bearer", time.instant(),
                time.instant().plus(Duration.ofHours(1)), USER, List.of());
        grid.entries.put(name, new SealedTokens("another-secret").seal(name, foreign));
        assertThrows(java.security.GeneralSecurityException.class,
                () -> new SealedTokens(SECRET).open(name, grid.entries.get(name)));

        try (LogCapture logs = new LogCapture()) {
            BoxTokenProvider a = node();
            Future<BoxAccessToken> first = inThread(a);
            awaitRequests(1);
            BoxAccessToken issued = endpoint.answer(0);
            assertEquals(issued, first.get(10, TimeUnit.SECONDS));
            assertNotEquals(foreign, issued);
            assertEquals(issued, new SealedTokens(SECRET).open(name, grid.entries.get(name)), "overwritten");
            assertTrue(logs.records().stream().anyMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().contains("does not open")));
            assertTrue(logs.leaks(List.of("foreign-token-99", SECRET)).isEmpty());
        }
    }

    @Test
    void aValueMovedToAnotherKeyDoesNotOpen() throws Exception {
        SealedTokens sealed = new SealedTokens(SECRET);
        String mine = sealed.name(new TokenKey(settings.identity(), TokenRequest.clientCredentials(USER)));
        String other = sealed.name(new TokenKey(settings.identity(),
                TokenRequest.clientCredentials(BoxSubject.user("11111"))));
        BoxAccessToken token = new BoxAccessToken("v", "bearer", time.instant(), time.instant().plusSeconds(60), USER,
                List.of(new BoxAccessToken.Restriction("item_preview", "file", "123")));
        String value = sealed.seal(mine, token);
        assertEquals(token.restrictedTo(), sealed.open(mine, value).restrictedTo());
        assertEquals(token.expiresAt(), sealed.open(mine, value).expiresAt());
        assertThrows(java.security.GeneralSecurityException.class, () -> sealed.open(other, value));
    }

    @Test
    void sharingOneAppOnTwoGridsOrWithOtherOptionsIsRefused() {
        SharedTokenStore store = store(settings, SharedTokenStore.Options.DEFAULTS);
        store.share(settings, grid, SharedTokenStore.Options.DEFAULTS); // the same again: fine
        assertThrows(IllegalStateException.class, () -> store.share(settings, new MapGrid(),
                SharedTokenStore.Options.DEFAULTS));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> store.share(settings, grid,
                new SharedTokenStore.Options(Duration.ofSeconds(3), Duration.ofSeconds(1))));
        assertFalse(refused.getMessage().contains(SECRET));
    }

    private static long storeWarnings(LogCapture logs) {
        return logs.records().stream().filter(r -> r.getLevel() == Level.WARNING
                && r.getLoggerName().equals(SharedTokenStore.class.getName())).count();
    }
}
