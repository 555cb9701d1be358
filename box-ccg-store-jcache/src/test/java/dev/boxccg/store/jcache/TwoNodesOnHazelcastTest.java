package dev.boxccg.store.jcache;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.core.BoxCcgEngine;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.core.SharedTokenStore;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.TokenFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.cache.Cache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two engines — two nodes — each on its own member of a two-member embedded Hazelcast cluster, sharing one app's
 * tokens through JCache, against the Box simulator over real HTTP. The grid is started once; the last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesOnHazelcastTest {

    private static final String CLIENT_ID = "cluster-client-5d1c";
    private static final String SECRET = "cluster-secret-0b7e44";
    private static final String ENTERPRISE = "424242";
    private static final BoxSubject SUBJECT = BoxSubject.enterprise(ENTERPRISE);

    private static HazelcastGrid grid;
    private static BoxSimulator box;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        grid = new HazelcastGrid(2, 15701);
        box = BoxSimulator.start();
        box.registerApp(CLIENT_ID, SECRET, ENTERPRISE);
    }

    @AfterAll
    static void stop() {
        box.close();
        grid.close();
    }

    @BeforeEach
    void reset() {
        box.reset();
        Cache<String, String> cache = grid.manager(0).getCache(JCacheTokenGrid.DEFAULT_CACHE, String.class,
                String.class);
        if (cache != null) {
            cache.clear();
        }
    }

    @AfterEach
    void close() throws Exception {
        callers.shutdownNow();
        for (AutoCloseable each : closing) {
            each.close();
        }
    }

    private BoxCcgSettings settings() {
        return BoxCcgSettings.builder().tokenUrl(box.tokenUrl()).revokeUrl(box.revokeUrl()).clientId(CLIENT_ID)
                .clientSecret(SECRET).readTimeout(Duration.ofSeconds(8)).build();
    }

    /** A node: an engine whose store shares the app's tokens on member {@code member}'s cache. */
    private BoxCcgEngine node(int member, SharedTokenStore.Options options) {
        SharedTokenStore store = SharedTokenStore.withLocalStore(100);
        BoxCcgSettings settings = settings();
        store.share(settings, JCacheTokenGrid.open(grid.manager(member), JCacheTokenGrid.DEFAULT_CACHE), options);
        BoxCcgEngine engine = BoxCcgEngine.builder(settings).store(store).build();
        closing.add(engine);
        closing.add(store);
        return engine;
    }

    private BoxTokenProvider node(int member) {
        return node(member, SharedTokenStore.Options.DEFAULTS).provider(SUBJECT);
    }

    private <T> Future<T> inThread(Callable<T> call) {
        return callers.submit(call);
    }

    /** Waits (bounded, real time) until the simulator has received {@code count} token requests. */
    private static void awaitRequests(int count) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (box.tokenRequests() < count) {
            assertTrue(System.nanoTime() < giveUp, "expected " + count + " token requests");
            Thread.sleep(10);
        }
    }

    @Test
    @Order(1)
    void theGridHasTwoMembers() {
        assertEquals(2, grid.clusterSize());
    }

    @Test
    @Order(2)
    void theSecondNodeGetsTheFirstNodesTokenWithoutARequest() {
        BoxAccessToken fromA = node(0).token();
        BoxAccessToken fromB = node(1).token();
        assertEquals(fromA, fromB);
        assertEquals(1, box.tokenRequests());
    }

    @Test
    @Order(3)
    void bothNodesAskingAtOnceMakeOneRequest() throws Exception {
        box.tokenEndpointDelay(Duration.ofMillis(300)); // long enough for both to be asking while it runs
        BoxTokenProvider a = node(0);
        BoxTokenProvider b = node(1);
        Future<BoxAccessToken> fromA = inThread(a::token);
        Future<BoxAccessToken> fromB = inThread(b::token);
        assertEquals(fromA.get(10, TimeUnit.SECONDS), fromB.get(10, TimeUnit.SECONDS));
        assertEquals(1, box.tokenRequests());
    }

    @Test
    @Order(4)
    void aRenewalRoundOfBothNodesMakesOneRequest() throws Exception {
        box.tokenLifetime(Duration.ofSeconds(2)); // renewed from half its life on: 1 s
        BoxTokenProvider a = node(0);
        BoxTokenProvider b = node(1);
        BoxAccessToken first = a.token();
        assertEquals(first, b.token());
        box.tokenLifetime(Duration.ofHours(1));
        Thread.sleep(1200); // past the renewal time, before the expiry

        Future<BoxAccessToken> fromA = inThread(a::token);
        Future<BoxAccessToken> fromB = inThread(b::token);
        fromA.get(10, TimeUnit.SECONDS);
        fromB.get(10, TimeUnit.SECONDS);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (a.token().equals(first) || b.token().equals(first)) { // renewals run in the background
            assertTrue(System.nanoTime() < giveUp, "both nodes renew");
            Thread.sleep(20);
        }
        assertEquals(a.token(), b.token());
        assertEquals(2, box.tokenRequests(), "one request for the first token, one for the renewal round");
    }

    @Test
    @Order(5)
    void aNodeThatDiedHoldingTheLeaseIsTakenOverWhenTheLeaseEnds() throws Exception {
        SharedTokenStore.Options shortLease = new SharedTokenStore.Options(Duration.ofSeconds(1),
                SharedTokenStore.DEFAULT_TIMEOUT);
        box.failNextTokenRequests(1, TokenFault.delayed(Duration.ofSeconds(6)));
        BoxCcgEngine a = node(0, shortLease);
        inThread(() -> a.provider(SUBJECT).token());
        awaitRequests(1); // A holds the lease, and its request hangs
        a.close(); // and A dies

        BoxAccessToken fromB = node(1, shortLease).provider(SUBJECT).token();
        assertTrue(fromB.isValidAt(java.time.Instant.now()));
        // Had B waited for A's request instead, it would have taken A's token from the grid: one request in all.
        assertEquals(2, box.tokenRequests(), "B requested once, after A's lease");
    }

    @Test
    @Order(6)
    void aRevokedTokenIsNeverTakenFromTheGridAgainButANewerOneIs() throws Exception {
        BoxTokenProvider a = node(0);
        BoxTokenProvider b = node(1);
        BoxAccessToken old = a.token();
        assertEquals(old, b.token());

        a.revoke();
        assertEquals(1, box.revokeRequests());
        BoxAccessToken fromC = node(1).token(); // a third node: the grid no longer offers the revoked token
        assertNotEquals(old, fromC);
        assertEquals(2, box.tokenRequests());

        b.invalidate(old); // B meets the revoked token's 401: it takes C's token from the grid, no request
        assertEquals(fromC, b.token());
        assertEquals(2, box.tokenRequests());
        a.invalidate(old); // a late drop of the old token leaves the newer one
        assertEquals(fromC, node(0).token());
        assertEquals(2, box.tokenRequests());
    }

    @Test
    @Order(7)
    void theGridHoldsNeitherTokenNorClientIdNorSecretNorSubjectInClear() {
        BoxAccessToken token = node(0).token();
        Cache<String, String> cache = grid.manager(1).getCache(JCacheTokenGrid.DEFAULT_CACHE, String.class,
                String.class);
        int entries = 0;
        for (Cache.Entry<String, String> entry : cache) {
            entries++;
            String value = entry.getValue();
            List<String> texts = new ArrayList<>(List.of(entry.getKey(), value));
            try {
                texts.add(new String(Base64.getDecoder().decode(value), StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException notBase64) {
                // a lease: plain text
            }
            for (String text : texts) {
                for (String secret : List.of(token.value(), CLIENT_ID, SECRET, ENTERPRISE)) {
                    assertFalse(text.contains(secret), "the grid holds " + secret + " in clear");
                }
            }
        }
        assertTrue(entries >= 1);
    }

    /**
     * The same sharing through a plain {@code ConcurrentMap} of the grid (a Hazelcast {@code IMap} here; WildFly's
     * Infinispan {@code Cache} is one too): what a grid without JCache needs.
     */
    @Test
    @Order(8)
    void aGridsConcurrentMapServesAsWell() {
        List<BoxTokenProvider> nodes = new ArrayList<>();
        for (int member = 0; member < 2; member++) {
            SharedTokenStore store = SharedTokenStore.withLocalStore(100);
            BoxCcgSettings settings = settings();
            store.share(settings, dev.boxccg.core.TokenGrid.of(grid.member(member).<String, String>getMap(
                    "box-ccg-tokens-map"), "IMap box-ccg-tokens-map"), SharedTokenStore.Options.DEFAULTS);
            BoxCcgEngine engine = BoxCcgEngine.builder(settings).store(store).build();
            closing.add(engine);
            closing.add(store);
            nodes.add(engine.provider(SUBJECT));
        }
        assertEquals(nodes.get(0).token(), nodes.get(1).token());
        assertEquals(1, box.tokenRequests());
        assertEquals(1, grid.member(1).getMap("box-ccg-tokens-map").size());
    }

    @Test
    @Order(100)
    void whenTheGridIsGoneBothNodesFetchOnTheirOwnWithOneWarningEach() throws Exception {
        BoxTokenProvider a = node(0);
        BoxTokenProvider b = node(1);
        List<LogRecord> warnings = new ArrayList<>();
        Logger logger = Logger.getLogger(SharedTokenStore.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    synchronized (warnings) {
                        warnings.add(record);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            grid.close();
            BoxAccessToken fromA = a.token();
            BoxAccessToken fromB = b.token();
            assertNotEquals(fromA, fromB);
            assertEquals(fromA, a.token());
            assertEquals(2, box.tokenRequests());
            synchronized (warnings) {
                assertEquals(2, warnings.size(), "one warning per node");
                assertTrue(warnings.stream().noneMatch(w -> String.valueOf(w.getParameters()[1]).contains(SECRET)));
            }
        } finally {
            logger.removeHandler(handler);
        }
    }
}
