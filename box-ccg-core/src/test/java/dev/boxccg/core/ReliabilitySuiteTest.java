package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.TokenFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reliability suite, bounded in time: a fault matrix at the token endpoint with many callers at once, a 30-second
 * soak with 2-second tokens and injected faults, and a leak scan of everything the suite logged and threw.
 */
class ReliabilitySuiteTest {

    private static final String CLIENT_ID = "reliability-client";
    private static final String SECRET = "reliability-secret-c0ffee";
    private static final String ENTERPRISE = "4242";
    private static final int CALLERS = 16;
    /** Real time: the suite checks that everything ends within the deadline, so nothing here is simulated. */
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofMillis(700);

    private static BoxSimulator box;
    private static LogCapture capture;
    private static final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() {
        capture = new LogCapture();
        box = BoxSimulator.start();
        box.registerApp(CLIENT_ID, SECRET, ENTERPRISE);
    }

    @AfterAll
    static void leakScan() {
        try {
            issuedTokens.addAll(box.issuedTokens());
            List<String> secrets = new ArrayList<>(issuedTokens);
            secrets.add(SECRET);
            assertTrue(issuedTokens.size() > 20, "the suite issued tokens to look for: " + issuedTokens.size());
            assertFalse(capture.everything().isEmpty(), "the suite produced log records and messages to scan");
            assertEquals(List.of(), capture.leaks(secrets), "no secret or token in any log record or message");
        } finally {
            box.close();
            capture.close();
        }
    }

    private static BoxCcgEngine engine() {
        return BoxCcgEngine.builder(BoxCcgSettings.builder().tokenUrl(box.tokenUrl()).clientId(CLIENT_ID)
                .clientSecret(SECRET).readTimeout(READ_TIMEOUT)
                .retry(new RetrySettings(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)), DEADLINE, 10))
                .build()).build();
    }

    static Stream<Arguments> faults() {
        String inOneSecond = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(1));
        String bigBody = "{\"access_token\":\"" + "A".repeat(200_000) + "\",\"expires_in\":3600}";
        return Stream.of(
                Arguments.of("500", TokenFault.status(500), true),
                Arguments.of("502", TokenFault.status(502), true),
                Arguments.of("503", TokenFault.status(503), true),
                Arguments.of("504", TokenFault.status(504), true),
                Arguments.of("429 Retry-After: 0", TokenFault.status(429).withRetryAfter("0"), true),
                Arguments.of("429 Retry-After: date", TokenFault.status(429).withRetryAfter(inOneSecond), true),
                Arguments.of("connection reset", TokenFault.connectionReset(), true),
                Arguments.of("empty response", TokenFault.emptyResponse(), true),
                Arguments.of("read timeout", TokenFault.delayed(READ_TIMEOUT.multipliedBy(2)), true),
                Arguments.of("empty body", TokenFault.emptyBody(), false),
                Arguments.of("malformed JSON", TokenFault.malformedJson(), false),
                Arguments.of("very large body", TokenFault.body(200, "application/json", bigBody), false),
                Arguments.of("wrong content type", TokenFault.body(200, "text/html", "<html><body>Login</body></html>"), false),
                Arguments.of("200 without access_token", TokenFault.body(200, "application/json",
                        "{\"expires_in\":3600,\"token_type\":\"bearer\"}"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void everyFaultIsSurvivedByARetryOrReportedCleanlyWithinTheDeadline(String name, TokenFault fault, boolean transientFault)
            throws Exception {
        box.reset();
        if (transientFault) {
            box.failNextTokenRequests(1, fault);
            Outcome once = callTogether();
            assertEquals(CALLERS, once.tokens, "a single " + name + " is survived by a retry: " + once.failures);
            // The retry happens inside the request in flight, which every caller waits for (or finds cached).
            assertEquals(2, box.tokenRequests(), "one failed attempt, one retry, for all callers together");
            assertTrue(once.slowest.compareTo(DEADLINE.plus(READ_TIMEOUT).plusSeconds(2)) < 0, "slowest caller " + once.slowest);
        } else {
            box.failNextTokenRequests(1_000, fault);
            Outcome refused = callTogether();
            assertEquals(CALLERS, refused.failures.size(), name + " is reported");
            refused.failures.forEach(e -> assertFalse(e.isTransient(), e.getMessage()));
            // Never retried: each request fails at once. A caller arriving after one failed starts the next request.
            assertTrue(box.tokenRequests() >= 1 && box.tokenRequests() <= CALLERS, "requests " + box.tokenRequests());
            assertTrue(refused.slowest.compareTo(READ_TIMEOUT.plusSeconds(2)) < 0, "slowest caller " + refused.slowest);
        }

        if (transientFault) { // the same fault for ever: reported within the deadline, every caller released
            box.reset();
            box.failNextTokenRequests(1_000, fault);
            Outcome always = callTogether();
            assertEquals(CALLERS, always.failures.size());
            always.failures.forEach(e -> assertTrue(e.isTransient(), e.getMessage()));
            assertTrue(always.failures.get(0).getMessage().contains("Gave up after"), always.failures.get(0).getMessage());
            assertTrue(always.slowest.compareTo(DEADLINE.plus(READ_TIMEOUT).plusSeconds(2)) < 0,
                    "slowest caller " + always.slowest);
        }
    }

    @Test
    void connectionRefusedIsReportedCleanlyWithinTheDeadline() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        BoxCcgSettings nowhere = BoxCcgSettings.builder().tokenUrl(URI.create("http://127.0.0.1:" + closedPort + "/oauth2/token"))
                .clientId(CLIENT_ID).clientSecret(SECRET)
                .retry(new RetrySettings(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)), DEADLINE, 10)).build();
        try (BoxCcgEngine engine = BoxCcgEngine.builder(nowhere).build()) {
            Outcome outcome = callTogether(engine);
            assertEquals(CALLERS, outcome.failures.size());
            assertEquals(BoxAuthenticationException.NO_RESPONSE, outcome.failures.get(0).status());
            assertTrue(outcome.slowest.compareTo(DEADLINE.plusSeconds(2)) < 0, "slowest caller " + outcome.slowest);
        }
    }

    /**
     * 64 threads for 30 s on 2-second tokens (renewed every second), with 10 % of token requests failing: no call
     * fails, and every token request but the failed ones is a rollover.
     */
    @Test
    void soak() throws Exception {
        box.reset();
        box.tokenLifetime(Duration.ofSeconds(2));
        Random random = new Random(42);
        int faults = 0;
        for (int i = 0; i < 1_000; i++) { // the simulator's fault queue, one entry per token request
            if (random.nextInt(10) == 0) {
                faults++;
                box.failNextTokenRequests(1, switch (random.nextInt(4)) {
                    case 0 -> TokenFault.status(500);
                    case 1 -> TokenFault.status(503).withRetryAfter("0");
                    case 2 -> TokenFault.connectionReset();
                    default -> TokenFault.status(429).withRetryAfter("0");
                });
            } else {
                box.failNextTokenRequests(1, TokenFault.delayed(Duration.ZERO)); // a normal answer
            }
        }
        assertTrue(faults > 80 && faults < 120, "about 10 % faults: " + faults);

        Duration soak = Duration.ofSeconds(30);
        AtomicLong calls = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger invalidSeen = new AtomicInteger();
        Set<BoxAccessToken> seen = ConcurrentHashMap.newKeySet();
        HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger apiRefusals = new AtomicInteger();
        try (BoxCcgEngine engine = engine()) {
            BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise(ENTERPRISE));
            ExecutorService pool = Executors.newFixedThreadPool(64);
            long end = System.nanoTime() + soak.toNanos();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                int worker = t;
                workers.add(pool.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < end) {
                        try {
                            BoxAccessToken token = tokens.token();
                            calls.incrementAndGet();
                            seen.add(token);
                            if (!token.isValidAt(Instant.now())) {
                                invalidSeen.incrementAndGet();
                            }
                            if (worker == 0 && n++ % 50 == 0) { // the simulator itself accepts the token
                                HttpResponse<Void> me = api.send(HttpRequest.newBuilder(box.baseUrl().resolve("/2.0/users/me"))
                                        .header("Authorization", token.authorizationHeader()).build(),
                                        HttpResponse.BodyHandlers.discarding());
                                if (me.statusCode() != 200) {
                                    apiRefusals.incrementAndGet();
                                }
                            }
                            Thread.sleep(1);
                        } catch (BoxAuthenticationException e) {
                            failed.incrementAndGet();
                            capture.add(e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(soak.toSeconds() + 30, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
        } finally {
            box.tokenLifetime(Duration.ofHours(1));
        }
        int requests = box.tokenRequests();
        System.out.printf("soak: %d calls, %d failed, %d token requests, %d distinct tokens served%n",
                calls.get(), failed.get(), requests, seen.size());
        assertEquals(0, failed.get(), "no call failed");
        assertEquals(0, invalidSeen.get(), "no expired token was handed out");
        assertEquals(0, apiRefusals.get(), "the API accepted every sampled token");
        assertTrue(calls.get() > 10_000, "calls " + calls.get());
        // A 2-second token renewed at half its life: at most one rollover a second, each one request plus its faults.
        assertTrue(seen.size() >= 15 && seen.size() <= soak.toSeconds() + 1, "rollovers " + seen.size());
        assertTrue(requests <= seen.size() * 1.3 + 3, "token requests " + requests + " for " + seen.size() + " rollovers");
        issuedTokens.addAll(box.issuedTokens());
    }

    private Outcome callTogether() throws Exception {
        try (BoxCcgEngine engine = engine()) {
            return callTogether(engine);
        }
    }

    /** {@link #CALLERS} threads released together on an empty cache; every one must come back. */
    private static Outcome callTogether(BoxCcgEngine engine) throws Exception {
        BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise(ENTERPRISE));
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        try {
            for (int i = 0; i < CALLERS; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long began = System.nanoTime();
                    try {
                        tokens.token();
                        return Duration.ofNanos(System.nanoTime() - began);
                    } catch (BoxAuthenticationException e) {
                        capture.add(e);
                        return new Object[] {e, Duration.ofNanos(System.nanoTime() - began)};
                    }
                }));
            }
            start.countDown();
            Outcome outcome = new Outcome();
            for (Future<Object> result : results) {
                // No thread is left waiting: every caller returns, well within the deadline plus one read timeout.
                Object value = result.get(DEADLINE.plus(READ_TIMEOUT).toSeconds() + 10, TimeUnit.SECONDS);
                Duration took;
                if (value instanceof Object[] failure) {
                    outcome.failures.add((BoxAuthenticationException) failure[0]);
                    took = (Duration) failure[1];
                } else {
                    outcome.tokens++;
                    took = (Duration) value;
                }
                outcome.slowest = took.compareTo(outcome.slowest) > 0 ? took : outcome.slowest;
            }
            return outcome;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class Outcome {
        int tokens;
        final List<BoxAuthenticationException> failures = new ArrayList<>();
        Duration slowest = Duration.ZERO;
    }
}
