package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Downscoped tokens (Box's token exchange) and revocation, over HTTP against {@link FakeBoxOAuth}: the forms sent,
 * caching and single flight of exchanges, the cap at the parent's expiry, refusals and their hints, the bounded
 * revoke, and revoke-on-stop.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class DownscopeAndRevokeTest {

    private static final String SECRET = "downscope-secret-9d2e";
    private static final String FILE = "https://api.box.com/2.0/files/123456";
    private static final String LINK = "https://cloud.box.com/s/secretlinkabc123";
    /** A noisy 2-core machine, a cold HTTP client. */
    private static final Duration TOLERANCE = Duration.ofMillis(1500);

    private final FakeBoxOAuth box = start();
    private final List<BoxCcgEngine> engines = new ArrayList<>();

    private static FakeBoxOAuth start() {
        try {
            return new FakeBoxOAuth();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        box.close();
        engines.forEach(BoxCcgEngine::close);
    }

    private BoxCcgSettings.Builder settings() {
        return BoxCcgSettings.builder().tokenUrl(box.tokenUrl()).clientId("ds-client").clientSecret(SECRET)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(3))
                .retry(new RetrySettings(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)),
                        Duration.ofSeconds(8), 3));
    }

    private BoxCcgEngine engine(BoxCcgSettings settings) {
        BoxCcgEngine engine = BoxCcgEngine.builder(settings).build();
        engines.add(engine);
        return engine;
    }

    private BoxTokenProvider enterprise() {
        return engine(settings().build()).provider(BoxSubject.enterprise("1"));
    }

    // ---------------------------------------------------------------- downscoping

    @Test
    void theExchangeSendsTheParentTokenTheScopesAndTheResourceButNoSecret() {
        BoxTokenProvider tokens = enterprise();
        BoxAccessToken down = tokens.downscoped(BoxDownscope.of("item_preview", "item_download").forResource(FILE));

        assertEquals(1, box.count(FakeBoxOAuth.Received::isClientCredentials), "the cold parent is fetched first");
        List<FakeBoxOAuth.Received> exchanges = box.exchanges();
        assertEquals(1, exchanges.size());
        var form = exchanges.get(0).form();
        assertEquals(TokenRequest.TokenExchange.GRANT_TYPE, form.get("grant_type"));
        assertEquals(tokens.token().value(), form.get("subject_token"), "the parent's token is exchanged");
        assertEquals("urn:ietf:params:oauth:token-type:access_token", form.get("subject_token_type"));
        assertEquals("item_preview item_download", form.get("scope"));
        assertEquals(FILE, form.get("resource"));
        assertFalse(form.containsKey("box_shared_link"));
        assertFalse(form.containsKey("client_secret"), "Box's spec does not use the secret for an exchange");
        assertFalse(form.containsKey("client_id"));
        assertEquals("/oauth2/token", exchanges.get(0).path());

        assertNotEquals(tokens.token(), down);
        assertEquals(box.issued.get(1), down.value());
        assertEquals(BoxSubject.enterprise("1"), down.subject());
        assertEquals(List.of(new BoxAccessToken.Restriction("item_preview", "file", "123"),
                new BoxAccessToken.Restriction("item_download", "file", "123")), down.restrictedTo());
    }

    @Test
    void aSharedLinkIsSentAsBoxSharedLink() {
        BoxTokenProvider tokens = enterprise();
        tokens.downscoped(BoxDownscope.of("item_preview").forSharedLink(LINK));
        var form = box.exchanges().get(0).form();
        assertEquals(LINK, form.get("box_shared_link"));
        assertEquals("item_preview", form.get("scope"));
        assertFalse(form.containsKey("resource"));
    }

    @Test
    void aDownscopedTokenIsCachedPerDownscopeInAnyOrderOfScopes() {
        BoxTokenProvider tokens = enterprise();
        BoxAccessToken first = tokens.downscoped(BoxDownscope.of("item_preview", "item_download").forResource(FILE));
        BoxAccessToken again = tokens.downscoped(BoxDownscope.of("item_download", "item_preview").forResource(FILE));
        assertEquals(first, again);
        assertEquals(1, box.exchanges().size(), "the second call made no request");
        assertEquals(1, box.count(FakeBoxOAuth.Received::isClientCredentials));

        BoxAccessToken other = tokens.downscoped(BoxDownscope.of("item_preview").forResource(FILE));
        assertNotEquals(first, other, "another downscope is another token");
        assertEquals(2, box.exchanges().size());
        BoxAccessToken forUser = tokens.forUser("7").downscoped(BoxDownscope.of("item_preview").forResource(FILE));
        assertNotEquals(other, forUser, "another parent subject is another token");
        assertEquals(BoxSubject.user("7"), forUser.subject());
        assertEquals(3, box.exchanges().size());
    }

    @Test
    void manyThreadsOnAColdCacheMakeOneParentRequestAndOneExchange() throws Exception {
        box.parentDelayMillis = 300;
        box.exchangeDelayMillis = 300;
        BoxTokenProvider tokens = enterprise();
        BoxDownscope downscope = BoxDownscope.of("base_preview").forResource(FILE);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<BoxAccessToken>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return tokens.downscoped(downscope);
                }));
            }
            go.countDown();
            BoxAccessToken first = results.get(0).get(30, TimeUnit.SECONDS);
            for (Future<BoxAccessToken> result : results) {
                assertEquals(first, result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, box.count(FakeBoxOAuth.Received::isClientCredentials), "the parent was fetched once");
        assertEquals(1, box.exchanges().size(), "one exchange for all threads");
    }

    @Test
    void aDownscopedTokenNeverOutlivesItsParent() {
        box.parentExpiresIn = 900;
        box.exchangeExpiresIn = 3600;
        BoxCcgEngine engine = engine(settings().refreshAhead(Duration.ofSeconds(30)).build());
        BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise("1"));
        BoxAccessToken parent = tokens.token();
        BoxAccessToken down = tokens.downscoped(BoxDownscope.of("item_preview"));

        assertFalse(down.expiresAt().isAfter(parent.expiresAt()), down.expiresAt() + " is after the parent's "
                + parent.expiresAt());
        assertTrue(down.lifetime().compareTo(Duration.ofSeconds(890)) > 0, "capped, not cut short: " + down.lifetime());
        // The cache decides on its own entry, which must be capped too.
        Instant parentUntil = engine.status(settings().refreshAhead(Duration.ofSeconds(30)).build(),
                BoxSubject.enterprise("1")).orElseThrow().validUntil().orElseThrow();
        Instant downUntil = engine.statuses().stream()
                .filter(status -> status.key().request() instanceof TokenRequest.TokenExchange)
                .findFirst().orElseThrow().validUntil().orElseThrow();
        assertFalse(downUntil.isAfter(parentUntil.plusMillis(50)), downUntil + " is after " + parentUntil);
    }

    @Test
    void aRefusedScopeIsNotRetriedAndSaysWhereToGrantIt() {
        box.exchangeAnswers.add(new FakeBoxOAuth.Answer(400,
                "{\"error\":\"invalid_scope\",\"error_description\":\"The requested scope is invalid\"}", 0));
        BoxTokenProvider tokens = enterprise();
        BoxAuthenticationException refused = assertThrows(BoxAuthenticationException.class,
                () -> tokens.downscoped(BoxDownscope.of("item_upload").forResource(FILE)));
        assertEquals(400, refused.status());
        assertEquals("invalid_scope", refused.error().orElseThrow());
        assertFalse(refused.isTransient());
        assertTrue(refused.hint().orElseThrow().contains("the app does not hold that scope (Developer Console >"
                + " Configuration > Application Scopes"), refused.hint().orElseThrow());
        assertTrue(refused.getMessage().contains("downscoped"), refused.getMessage());
        assertEquals(1, box.exchanges().size(), "a refusal is not retried");
    }

    @Test
    void aMalformedExchangeHintSaysNotBothASharedLinkAndAResource() {
        box.exchangeAnswers.add(new FakeBoxOAuth.Answer(400, "{\"error\":\"invalid_request\"}", 0));
        BoxAuthenticationException refused = assertThrows(BoxAuthenticationException.class,
                () -> enterprise().downscoped(BoxDownscope.of("item_preview").forSharedLink(LINK)));
        assertTrue(refused.hint().orElseThrow().contains("not both a shared link and a resource"),
                refused.hint().orElseThrow());
        assertEquals(1, box.exchanges().size());
    }

    @Test
    void aDownscopeIsValidated() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BoxDownscope.of("item_preview", "item_view"));
        assertTrue(unknown.getMessage().contains("'item_view'"), unknown.getMessage());
        for (String scope : BoxDownscope.SCOPES) {
            assertTrue(unknown.getMessage().contains(scope), "lists " + scope + ": " + unknown.getMessage());
            BoxDownscope.of(scope); // each of the 14 is accepted
        }
        assertEquals(14, BoxDownscope.SCOPES.size());
        assertThrows(IllegalArgumentException.class, BoxDownscope::of);
        assertThrows(IllegalArgumentException.class, () -> BoxDownscope.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> BoxDownscope.of("item_preview", null));
        assertThrows(IllegalArgumentException.class, () -> BoxDownscope.of("ITEM_PREVIEW"));
        assertThrows(IllegalArgumentException.class,
                () -> BoxDownscope.of("item_preview").forResource(FILE).forSharedLink(LINK));
        assertThrows(IllegalArgumentException.class,
                () -> BoxDownscope.of("item_preview").forSharedLink(LINK).forResource(FILE));
        assertThrows(IllegalArgumentException.class, () -> BoxDownscope.of("item_preview").forResource("files/1"));
        assertThrows(IllegalArgumentException.class, () -> BoxDownscope.of("item_preview").forSharedLink(" "));

        BoxDownscope a = BoxDownscope.of("item_preview", "item_download", "item_preview").forResource(FILE);
        BoxDownscope b = BoxDownscope.of("item_download", "item_preview").forResource(FILE);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(Set.of("item_preview", "item_download"), a.scopes());
        assertEquals("item_preview item_download", a.scope());
        assertNotEquals(a, BoxDownscope.of("item_download", "item_preview"));
        assertNotEquals(BoxDownscope.of("item_preview").forSharedLink(FILE),
                BoxDownscope.of("item_preview").forResource(FILE));
        BoxDownscope link = BoxDownscope.of("item_preview").forSharedLink(LINK);
        assertFalse(link.toString().contains("secretlinkabc123"), link.toString());
        assertTrue(link.toString().contains("cloud.box.com"), link.toString());
        assertTrue(a.toString().contains(FILE), a.toString());
    }

    // ---------------------------------------------------------------- revoke

    @Test
    void revokeSendsTheTokenAndTheNextTokenIsNew() {
        BoxTokenProvider tokens = enterprise();
        BoxAccessToken first = tokens.token();
        tokens.revoke();

        List<FakeBoxOAuth.Received> revocations = box.revocations();
        assertEquals(1, revocations.size());
        assertEquals("/oauth2/revoke", revocations.get(0).path());
        assertEquals("ds-client", revocations.get(0).form().get("client_id"));
        assertEquals(SECRET, revocations.get(0).form().get("client_secret"));
        assertEquals(first.value(), revocations.get(0).form().get("token"));

        BoxAccessToken second = tokens.token();
        assertNotEquals(first, second);
        assertEquals(2, box.count(FakeBoxOAuth.Received::isClientCredentials), "the next token() made a request");

        tokens.revoke();
        tokens.revoke(); // nothing held: no request
        assertEquals(2, box.revocations().size());
    }

    @Test
    void aFailedRevokeThrowsButDropsTheTokenAnyway() {
        box.revokeAnswers.add(new FakeBoxOAuth.Answer(400,
                "{\"error\":\"invalid_client\",\"error_description\":\"The client credentials are invalid\"}", 0));
        BoxTokenProvider tokens = enterprise();
        BoxAccessToken first = tokens.token();
        BoxAuthenticationException failed = assertThrows(BoxAuthenticationException.class, tokens::revoke);
        assertEquals(400, failed.status());
        assertEquals("invalid_client", failed.error().orElseThrow());
        assertTrue(failed.getMessage().contains(first.fingerprint()), failed.getMessage());
        assertNotEquals(first, tokens.token(), "dropped anyway");
        assertEquals(2, box.count(FakeBoxOAuth.Received::isClientCredentials));
    }

    @Test
    void revokeIsBoundedByTheReadTimeoutAgainstAStallingServer() {
        box.revokeDefault = new FakeBoxOAuth.Answer(200, null, 20_000);
        Duration readTimeout = Duration.ofMillis(600);
        BoxTokenProvider tokens = engine(settings().readTimeout(readTimeout).build())
                .provider(BoxSubject.enterprise("1"));
        BoxAccessToken first = tokens.token();
        long start = System.nanoTime();
        BoxAuthenticationException failed = assertThrows(BoxAuthenticationException.class, tokens::revoke);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("[revoke] a stalling revoke endpoint held revoke() for " + took.toMillis() + " ms");
        assertTrue(took.compareTo(readTimeout.plus(TOLERANCE)) < 0, "revoke() took " + took);
        assertTrue(failed.isTransient());
        assertNotEquals(first, tokens.token(), "dropped anyway");
    }

    @Test
    void theRevokeUrlIsDerivedFromTheTokenUrlUnlessSet() {
        assertEquals(URI.create("https://api.box.com/oauth2/revoke"),
                BoxCcgSettings.builder().clientId("c").clientSecret("s").build().revokeUrl().orElseThrow());
        assertEquals(URI.create("https://box.example.com:8443/a/oauth2/revoke"), BoxCcgSettings.builder()
                .clientId("c").clientSecret("s").tokenUrl(URI.create("https://box.example.com:8443/a/oauth2/token"))
                .build().revokeUrl().orElseThrow());
        assertTrue(BoxCcgSettings.builder().clientId("c").clientSecret("s")
                .tokenUrl(URI.create("https://box.example.com/token-endpoint")).build().revokeUrl().isEmpty());
        URI set = URI.create("https://revoke.example.com/r");
        assertEquals(set, BoxCcgSettings.builder().clientId("c").clientSecret("s").revokeUrl(set).build()
                .revokeUrl().orElseThrow());
        IllegalArgumentException insecure = assertThrows(IllegalArgumentException.class, () -> BoxCcgSettings
                .builder().clientId("c").clientSecret("s").revokeUrl(URI.create("http://box.example.com/r")).build());
        assertTrue(insecure.getMessage().contains("revoke URL"), insecure.getMessage());

        BoxCcgSettings plain = BoxCcgSettings.builder().clientId("c").clientSecret("s").build();
        assertEquals(List.of("revoke-url", "revoke-on-stop"), plain.policyDifferences(BoxCcgSettings.builder()
                .clientId("c").clientSecret("s").revokeUrl(set).revokeOnStop(Duration.ofSeconds(1)).build()));
        assertThrows(IllegalArgumentException.class, () -> BoxCcgSettings.builder().clientId("c").clientSecret("s")
                .revokeOnStop(Duration.ofSeconds(-1)).build());
    }

    // ---------------------------------------------------------------- revoke on stop

    @Test
    void closeRevokesEveryTokenHeldWhenAsked() {
        BoxCcgEngine engine = engine(settings().revokeOnStop(Duration.ofSeconds(5)).build());
        BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise("1"));
        Set<String> held = Set.of(tokens.token().value(), tokens.forUser("7").token().value(),
                tokens.downscoped(BoxDownscope.of("item_preview")).value());
        try (LogCapture capture = new LogCapture()) {
            engine.close();
            assertEquals(held, Set.copyOf(box.revocations().stream().map(r -> r.form().get("token")).toList()));
            assertTrue(capture.records().stream().anyMatch(r -> r.getLevel() == Level.INFO
                    && r.getMessage().startsWith("Revoked {0} of {1}")
                    && r.getParameters()[0].equals(3L) && r.getParameters()[1].equals(3)), "logged at INFO");
        }
    }

    @Test
    void closeRevokesNothingByDefault() {
        BoxCcgEngine engine = engine(settings().build());
        engine.provider(BoxSubject.enterprise("1")).token();
        engine.close();
        assertEquals(0, box.revocations().size());
    }

    @Test
    void aStallingRevokeEndpointDoesNotHoldCloseBeyondTheDeadline() {
        box.revokeDefault = new FakeBoxOAuth.Answer(200, null, 20_000);
        Duration deadline = Duration.ofMillis(500);
        BoxCcgEngine engine = engine(settings().readTimeout(Duration.ofSeconds(10)).revokeOnStop(deadline).build());
        BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise("1"));
        tokens.token();
        tokens.forUser("7").token();
        long start = System.nanoTime();
        engine.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("[revoke] a stalling revoke endpoint held close() for " + took.toMillis() + " ms");
        assertTrue(took.compareTo(deadline.plus(TOLERANCE)) < 0, "close() took " + took);
        assertTrue(took.compareTo(deadline.minusMillis(50)) >= 0, "close() waited for the revocations: " + took);
        assertEquals(2, box.revocations().size(), "both were sent, in parallel");
    }

    // ---------------------------------------------------------------- redaction

    @Test
    void noTokenSecretOrSharedLinkIsPrintedOrThrown() {
        try (LogCapture capture = new LogCapture()) {
            BoxCcgEngine engine = engine(settings().readTimeout(Duration.ofMillis(500))
                    .revokeOnStop(Duration.ofMillis(800)).build());
            BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise("1"));
            capture.add(tokens.toString());
            BoxDownscope linked = BoxDownscope.of("item_preview").forSharedLink(LINK);
            capture.add(linked.toString());
            capture.add(tokens.downscoped(linked).toString());
            box.exchangeAnswers.add(new FakeBoxOAuth.Answer(400, "{\"error\":\"invalid_grant\"}", 0));
            capture.add(assertThrows(BoxAuthenticationException.class,
                    () -> tokens.downscoped(BoxDownscope.of("item_share").forSharedLink(LINK))));
            box.exchangeAnswers.add(new FakeBoxOAuth.Answer(401, "", 0));
            capture.add(assertThrows(BoxAuthenticationException.class,
                    () -> tokens.downscoped(BoxDownscope.of("item_rename").forSharedLink(LINK))));
            engine.statuses().forEach(status -> capture.add(status.toString()));
            box.revokeAnswers.add(new FakeBoxOAuth.Answer(400, "{\"error\":\"invalid_request\"}", 0));
            capture.add(assertThrows(BoxAuthenticationException.class, tokens::revoke));
            tokens.token();
            box.revokeAnswers.add(new FakeBoxOAuth.Answer(200, null, 5_000));
            capture.add(assertThrows(BoxAuthenticationException.class, tokens::revoke));
            tokens.token();
            tokens.downscoped(linked);
            tokens.revoke();
            tokens.token();
            engine.close();

            List<String> secrets = new ArrayList<>(box.issued);
            secrets.add(SECRET);
            secrets.add(LINK);
            secrets.add("secretlinkabc123");
            assertTrue(box.issued.size() >= 4, "tokens were issued: " + box.issued.size());
            assertTrue(capture.records().size() >= 2, "revocations were logged: " + capture.records().size());
            List<String> leaks = capture.leaks(secrets);
            assertTrue(leaks.isEmpty(), "leaked: " + leaks);
        }
    }

    @Test
    void aTokenExchangeKeyNeverHoldsTheParentToken() {
        BoxTokenProvider tokens = enterprise();
        BoxAccessToken parent = tokens.token();
        tokens.downscoped(BoxDownscope.of("item_preview").forResource(FILE));
        TokenKey key = engines.get(0).statuses().stream()
                .filter(status -> status.key().request() instanceof TokenRequest.TokenExchange)
                .findFirst().orElseThrow().key();
        assertFalse(key.toString().contains(parent.value()), key.toString());
        TokenRequest.TokenExchange exchange = (TokenRequest.TokenExchange) key.request();
        assertSame(TokenRequest.ClientCredentials.class, exchange.parent().getClass());
        assertEquals(BoxSubject.enterprise("1"), exchange.subject());
    }
}
