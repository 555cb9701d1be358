package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.BoxSimulatorExtension;
import dev.boxccg.testkit.TokenFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine over real HTTP against the Box simulator. Retry waits are recorded, not waited. */
class EngineAgainstSimulatorTest {

    static final String CLIENT_ID = "engine-test-client";
    static final String SECRET = "engine-test-secret-Zq8";
    static final String ENTERPRISE = "100200";
    static final String USER = "300400";

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final List<BoxCcgEngine> engines = new ArrayList<>();

    @BeforeAll
    static void registerApp() {
        BOX.simulator().registerApp(CLIENT_ID, SECRET, ENTERPRISE).addUser(USER, "Ada Lovelace", "ada@example.com");
        BOX.simulator().registerApp("not-ccg", "not-ccg-secret", "555").ccgEnabled(false);
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(BoxCcgEngine::close);
    }

    private BoxCcgSettings.Builder settings() {
        return BoxCcgSettings.builder().tokenUrl(BOX.simulator().tokenUrl()).clientId(CLIENT_ID).clientSecret(SECRET)
                .retry(new RetrySettings(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), Duration.ofSeconds(20), 4));
    }

    private BoxTokenProvider provider(BoxCcgSettings settings, BoxSubject subject) {
        BoxCcgEngine engine = BoxCcgEngine.builder(settings).retryWaits(MutableClock.recordingWaits(waits)).jitter(Jitter.NONE)
                .build();
        engines.add(engine);
        return engine.provider(subject);
    }

    private BoxTokenProvider enterprise() {
        return provider(settings().build(), BoxSubject.enterprise(ENTERPRISE));
    }

    @Test
    void obtainsATokenTheApiAccepts() throws Exception {
        BoxAccessToken token = enterprise().token();
        assertEquals("bearer", token.type());
        assertEquals(Duration.ofHours(1), token.lifetime());
        assertEquals(List.of(), token.restrictedTo());
        HttpResponse<String> me = usersMe(token);
        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains("\"type\":\"user\""), me.body());
        assertEquals(1, BOX.simulator().tokenRequests("enterprise", ENTERPRISE));
    }

    @Test
    void obtainsAUserToken() throws Exception {
        BoxAccessToken token = provider(settings().build(), BoxSubject.user(USER)).token();
        HttpResponse<String> me = usersMe(token);
        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains("\"id\":\"" + USER + "\""), me.body());
        assertEquals(1, BOX.simulator().tokenRequests("user", USER));
    }

    @Test
    void twoHundredFiftySixThreadsOnAnEmptyCacheMakeExactlyOneTokenRequest() throws Exception {
        BoxTokenProvider tokens = enterprise();
        int threads = 256;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BoxAccessToken>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tokens.token();
                }));
            }
            Set<BoxAccessToken> distinct = ConcurrentHashMap.newKeySet();
            for (Future<BoxAccessToken> result : results) {
                distinct.add(result.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, distinct.size());
            assertEquals(1, BOX.simulator().tokenRequests());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noCallerWaitsAcrossARenewal() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        try (BoxSimulator box = BoxSimulator.builder().clock(clock).start();
             BoxCcgEngine engine = BoxCcgEngine.builder(BoxCcgSettings.builder().tokenUrl(box.tokenUrl())
                     .clientId(CLIENT_ID).clientSecret(SECRET).build()).clock(clock).ticker(clock.ticker()).build()) {
            box.registerApp(CLIENT_ID, SECRET, ENTERPRISE);
            BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise(ENTERPRISE));
            BoxAccessToken first = tokens.token();

            Duration endpointDelay = Duration.ofMillis(1500);
            box.tokenEndpointDelay(endpointDelay);
            clock.advance(Duration.ofMinutes(56)); // inside the 5-minute refresh-ahead window

            ExecutorService callers = Executors.newFixedThreadPool(8);
            List<Future<Long>> latencies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                latencies.add(callers.submit(() -> {
                    long slowest = 0;
                    for (int call = 0; call < 50; call++) {
                        long started = System.nanoTime();
                        BoxAccessToken token = tokens.token();
                        slowest = Math.max(slowest, System.nanoTime() - started);
                        assertSame(first, token, "the still-valid token is served during the renewal");
                    }
                    return slowest;
                }));
            }
            long slowestNanos = 0;
            for (Future<Long> latency : latencies) {
                slowestNanos = Math.max(slowestNanos, latency.get(10, TimeUnit.SECONDS));
            }
            callers.shutdownNow();
            System.out.printf("renewal: slowest of 400 calls took %.2f ms while the token endpoint took %d ms%n",
                    slowestNanos / 1e6, endpointDelay.toMillis());
            // Every caller was served the old token at once while the renewal waited on the delayed endpoint.
            awaitTrue(() -> box.tokenRequests() == 2, "the renewal request reaches the endpoint");
            assertTrue(slowestNanos < endpointDelay.toNanos() / 3,
                    "slowest call took " + slowestNanos / 1_000_000 + " ms while the endpoint takes " + endpointDelay.toMillis());

            BoxAccessToken renewed = awaitNewToken(tokens, first);
            assertNotEquals(first, renewed);
            assertEquals(2, box.tokenRequests());
        }
    }

    @Test
    void invalidatingARevokedTokenFetchesANewOneButALateInvalidateKeepsIt() throws Exception {
        BoxTokenProvider tokens = enterprise();
        BoxAccessToken first = tokens.token();
        BOX.simulator().revoke(first.value());
        assertEquals(401, usersMe(first).statusCode());

        tokens.invalidate(first);
        BoxAccessToken second = tokens.token();
        assertNotEquals(first, second);
        assertEquals(200, usersMe(second).statusCode());

        tokens.invalidate(first); // a late 401 for the old token
        assertSame(second, tokens.token());
        assertEquals(2, BOX.simulator().tokenRequests());
    }

    static Stream<Arguments> retriedFaults() {
        return Stream.of(
                Arguments.of("500", TokenFault.status(500), Duration.ofMillis(100)),
                Arguments.of("502", TokenFault.status(502), Duration.ofMillis(100)),
                Arguments.of("503", TokenFault.status(503), Duration.ofMillis(100)),
                Arguments.of("504", TokenFault.status(504), Duration.ofMillis(100)),
                Arguments.of("429 Retry-After seconds", TokenFault.status(429).withRetryAfter("1"), Duration.ofSeconds(1)),
                Arguments.of("503 Retry-After date", null, null), // the date is taken when the test runs
                Arguments.of("connection reset", TokenFault.connectionReset(), Duration.ofMillis(100)),
                Arguments.of("empty response", TokenFault.emptyResponse(), Duration.ofMillis(100)),
                Arguments.of("read timeout", TokenFault.delayed(Duration.ofSeconds(2)), Duration.ofMillis(100)));
    }

    @ParameterizedTest(name = "{0} is retried")
    @MethodSource("retriedFaults")
    void transientFailuresAreRetried(String name, TokenFault fault, Duration expectedWait) throws Exception {
        if (fault == null) { // a date taken when the arguments were made could be in the past by now
            fault = TokenFault.status(503).withRetryAfter(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2)));
        }
        BOX.simulator().failNextTokenRequests(1, fault);
        BoxTokenProvider tokens = provider(settings().readTimeout(Duration.ofMillis(500)).build(),
                BoxSubject.enterprise(ENTERPRISE));
        BoxAccessToken token = tokens.token();
        assertEquals(200, usersMe(token).statusCode());
        assertEquals(2, BOX.simulator().tokenRequests());
        assertEquals(1, waits.size());
        if (expectedWait != null) {
            assertEquals(expectedWait, waits.get(0));
        } else { // an HTTP-date about 2 s ahead, whole seconds: more than the 100 ms backoff, at most 2 s
            assertTrue(waits.get(0).compareTo(Duration.ofMillis(900)) >= 0 && waits.get(0).compareTo(Duration.ofSeconds(2)) <= 0,
                    waits.toString());
        }
    }

    static Stream<Arguments> boxRefusals() {
        return Stream.of(
                Arguments.of(CLIENT_ID, "wrong-secret", BoxSubject.enterprise(ENTERPRISE), "invalid_grant",
                        "Grant credentials are invalid", "Admin Console"),
                Arguments.of(CLIENT_ID, SECRET, BoxSubject.enterprise("999"), "invalid_grant",
                        "Grant credentials are invalid", "enterprise ID 999"),
                Arguments.of("nobody", SECRET, BoxSubject.enterprise(ENTERPRISE), "invalid_client",
                        "The client credentials are invalid", "Client ID and Client Secret"),
                Arguments.of("not-ccg", "not-ccg-secret", BoxSubject.enterprise("555"), "unauthorized_client",
                        "The \"box_subject_type\" value is unauthorized for this client_id", "Client Credentials Grant"));
    }

    @ParameterizedTest(name = "{3}: {4}")
    @MethodSource("boxRefusals")
    void boxsRefusalsAreReportedWithAHintAndNotRetried(String clientId, String secret, BoxSubject subject, String error,
                                                       String description, String hint) {
        BoxTokenProvider tokens = provider(settings().clientId(clientId).clientSecret(secret).build(), subject);
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, tokens::token);
        assertEquals(400, e.status());
        assertEquals(error, e.error().orElseThrow());
        assertEquals(description, e.errorDescription().orElseThrow());
        assertTrue(e.hint().orElseThrow().contains(hint), e.hint().orElseThrow());
        assertFalse(e.isTransient());
        assertEquals(1, BOX.simulator().tokenRequests());
        assertEquals(List.of(), waits);
    }

    @Test
    void aWrongSecretCostsOneRequestNotOnePerCaller() {
        BoxTokenProvider tokens = provider(settings().clientSecret("wrong-secret").build(),
                BoxSubject.enterprise(ENTERPRISE));
        BoxAuthenticationException first = assertThrows(BoxAuthenticationException.class, tokens::token);
        for (int call = 0; call < 50; call++) {
            BoxAuthenticationException again = assertThrows(BoxAuthenticationException.class, tokens::token);
            assertEquals(first.error(), again.error(), "the same error, remembered");
            assertEquals(first.status(), again.status());
            assertTrue(again.getMessage().contains("no new request for another"), again.getMessage());
        }
        assertEquals(1, BOX.simulator().tokenRequests(), "one request for 51 calls during the cooldown");
    }

    @Test
    void anOutageFailsFastAfterTheFirstDeadlineInsteadOfMakingEveryCallerWait() throws Exception {
        URI nowhere = closedTokenUrl();
        BoxTokenProvider tokens = provider(settings().tokenUrl(nowhere).build(), BoxSubject.enterprise(ENTERPRISE));
        assertThrows(BoxAuthenticationException.class, tokens::token);
        int waitsAfterFirst = waits.size();
        long started = System.nanoTime();
        for (int call = 0; call < 20; call++) {
            BoxAuthenticationException again = assertThrows(BoxAuthenticationException.class, tokens::token);
            assertTrue(again.isTransient());
        }
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(1).toNanos(), "20 calls failed fast");
        assertEquals(waitsAfterFirst, waits.size(), "no new request, so no new retry, during the cooldown");
    }

    @Test
    void aMalformedSuccessIsAClearErrorAndNotRetried() {
        BOX.simulator().failNextTokenRequests(1, TokenFault.malformedJson());
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, () -> enterprise().token());
        assertTrue(e.getMessage().contains("answered HTTP 200") && e.getMessage().contains("not a JSON object"), e.getMessage());
        assertEquals(1, BOX.simulator().tokenRequests());
    }

    @Test
    void anEmptySuccessIsAClearErrorAndNotRetried() {
        BOX.simulator().failNextTokenRequests(1, TokenFault.emptyBody());
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, () -> enterprise().token());
        assertTrue(e.getMessage().contains("(empty)"), e.getMessage());
        assertEquals(1, BOX.simulator().tokenRequests());
    }

    @Test
    void persistentServerErrorsEndAfterMaxAttemptsWithBoxsAnswer() {
        BOX.simulator().failNextTokenRequests(10, TokenFault.status(503));
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, () -> enterprise().token());
        assertEquals(4, BOX.simulator().tokenRequests());
        assertEquals(503, e.status());
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("Gave up after 4 attempts"), e.getMessage());
    }

    @Test
    void connectionRefusedIsRetriedThenReported() throws Exception {
        URI nowhere = closedTokenUrl();
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class,
                () -> provider(settings().tokenUrl(nowhere).build(), BoxSubject.enterprise(ENTERPRISE)).token());
        assertEquals(BoxAuthenticationException.NO_RESPONSE, e.status());
        assertTrue(e.isTransient());
        assertEquals(3, waits.size(), "4 attempts, 3 waits");
        assertTrue(e.getMessage().contains("Could not get a token") && e.getMessage().contains(nowhere.toString()),
                e.getMessage());
    }

    /** @return a token URL on a port nothing listens on: connections are refused */
    private static URI closedTokenUrl() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/oauth2/token");
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static BoxAccessToken awaitNewToken(BoxTokenProvider tokens, BoxAccessToken old) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        BoxAccessToken token = tokens.token();
        while (token.equals(old) && System.nanoTime() < giveUp) {
            Thread.sleep(20);
            token = tokens.token();
        }
        return token;
    }

    static HttpResponse<String> usersMe(BoxAccessToken token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(BOX.simulator().baseUrl().resolve("/2.0/users/me"))
                .header("Authorization", token.authorizationHeader()).GET().build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
