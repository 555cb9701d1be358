package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.testkit.BoxSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Downscoping and revoke over real HTTP against the Box simulator: the engine's token exchange and revocation as
 * Box answers them, and the downscoped token used on the simulator's API.
 */
class DownscopeAgainstSimulatorTest {

    private static final String CLIENT_ID = "downscope-client";
    private static final String SECRET = "downscope-secret-1a2b";
    private static final String ENTERPRISE = "5150";

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    private final List<BoxCcgEngine> engines = new ArrayList<>();

    @BeforeAll
    static void registerApp() {
        BOX.simulator().registerApp(CLIENT_ID, SECRET, ENTERPRISE)
                .scopes("item_read", "item_preview", "base_explorer", "item_download");
    }

    @AfterEach
    void close() {
        engines.forEach(BoxCcgEngine::close);
    }

    private BoxTokenProvider serviceAccount() {
        BoxCcgEngine engine = BoxCcgEngine.builder(BoxCcgSettings.builder().tokenUrl(BOX.simulator().tokenUrl())
                .clientId(CLIENT_ID).clientSecret(SECRET).build()).build();
        engines.add(engine);
        return engine.provider(BoxSubject.enterprise(ENTERPRISE));
    }

    @Test
    void aDownscopedTokenListsTheFolderItIsRestrictedToAndIsCached() throws Exception {
        BoxTokenProvider tokens = serviceAccount();
        String folder = BOX.simulator().baseUrl() + "/2.0/folders/0";
        BoxAccessToken narrow = tokens.downscoped(BoxDownscope.of("item_read", "item_preview").forResource(folder));

        assertNotEquals(tokens.token(), narrow);
        assertEquals(List.of("item_preview", "item_read"),
                narrow.restrictedTo().stream().map(BoxAccessToken.Restriction::scope).sorted().toList());
        assertTrue(narrow.restrictedTo().stream().allMatch(r -> "0".equals(r.objectId())), narrow.toString());
        assertFalse(narrow.expiresAt().isAfter(tokens.token().expiresAt()), "never outlives its parent");
        assertEquals(200, get("/2.0/folders/0/items", narrow).statusCode());
        assertEquals(403, get("/2.0/users/me", narrow).statusCode(), "a downscoped token cannot read users/me");

        assertEquals(narrow, tokens.downscoped(BoxDownscope.of("item_preview", "item_read").forResource(folder)));
        assertEquals(1, BOX.simulator().tokenExchangeRequests(), "cached: one exchange for two calls");
        assertEquals(1, BOX.simulator().tokenRequests("enterprise", ENTERPRISE), "one parent token");
    }

    @Test
    void aScopeTheAppDoesNotHoldIsRefusedWithAHintAndNotRetried() {
        BoxAuthenticationException refused = assertThrows(BoxAuthenticationException.class,
                () -> serviceAccount().downscoped(BoxDownscope.of("item_delete")));
        assertEquals("invalid_scope", refused.error().orElseThrow());
        assertFalse(refused.isTransient());
        assertTrue(refused.hint().orElseThrow().contains("scope"), refused.hint().orElseThrow());
        assertEquals(1, BOX.simulator().tokenExchangeRequests(), "not retried");
    }

    @Test
    void revokeMakesBoxRejectTheTokenAndTheNextCallGetsANewOne() throws Exception {
        BoxTokenProvider tokens = serviceAccount();
        BoxAccessToken first = tokens.token();
        assertEquals(200, get("/2.0/users/me", first).statusCode());

        tokens.revoke();

        assertEquals(1, BOX.simulator().revokeRequests());
        assertEquals(401, get("/2.0/users/me", first).statusCode(), "Box no longer accepts the revoked token");
        BoxAccessToken second = tokens.token();
        assertNotEquals(first, second);
        assertEquals(200, get("/2.0/users/me", second).statusCode());
    }

    @Test
    void revokeOnStopRevokesTheTokensStillHeld() throws Exception {
        BoxCcgEngine engine = BoxCcgEngine.builder(BoxCcgSettings.builder().tokenUrl(BOX.simulator().tokenUrl())
                .clientId(CLIENT_ID).clientSecret(SECRET).revokeOnStop(Duration.ofSeconds(2)).build()).build();
        BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise(ENTERPRISE));
        BoxAccessToken token = tokens.token();
        BoxAccessToken narrow = tokens.downscoped(BoxDownscope.of("item_read"));

        engine.close();

        assertEquals(2, BOX.simulator().revokeRequests(), "the token and its downscoped token");
        assertEquals(401, get("/2.0/users/me", token).statusCode());
        assertEquals(401, get("/2.0/folders/0/items", narrow).statusCode());
    }

    private static HttpResponse<String> get(String path, BoxAccessToken token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BOX.simulator().baseUrl() + path))
                .header("Authorization", token.authorizationHeader()).timeout(Duration.ofSeconds(5)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
