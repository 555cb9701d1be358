package dev.boxccg.testkit;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.boxccg.testkit.BoxHttp.assertJson;
import static dev.boxccg.testkit.BoxHttp.exchangeForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /oauth2/token} with {@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange}. */
class TokenExchangeTest extends SimulatorTest {

    private static final String ISSUED_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final String CONTRACTS_FOLDER = "141590592212";
    private static final String WELCOME_FILE = "1195335620120";

    private String parent;

    @BeforeEach
    void issueAParent() throws IOException {
        parent = enterpriseToken();
    }

    private String folderUrl(String id) {
        return box.baseUrl() + "/2.0/folders/" + id;
    }

    private static void assertOAuth2Error(int status, String error, String description,
                                          HttpResponse<String> response) {
        assertJson(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}", response);
    }

    private HttpResponse<String> exchange(Map<String, String> form) throws IOException {
        return http.postToken(form);
    }

    private Map<String, String> withResource(String scope, String resource) {
        Map<String, String> form = exchangeForm(parent, scope);
        form.put("resource", resource);
        return form;
    }

    @Test
    void answersWithBoxsDownscopedTokenShape() throws IOException {
        HttpResponse<String> response = exchange(exchangeForm(parent, "item_preview base_explorer"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", BoxHttp.contentType(response));
        // expires_in: the parent, issued a moment ago with the same lifetime, has a little less than 3600 s left
        assertTrue(response.body().matches("\\{\"access_token\":\"[A-Za-z0-9]{32}\",\"expires_in\":(3600|359\\d),"
                + "\"restricted_to\":\\[\\{\"scope\":\"item_preview\"},\\{\"scope\":\"base_explorer\"}],"
                + "\"token_type\":\"bearer\",\"issued_token_type\":\"" + ISSUED_TOKEN_TYPE + "\"}"), response.body());
        String child = BoxHttp.json(response).getString("access_token");
        assertNotEquals(parent, child);
        assertTrue(box.issuedTokens().contains(child));
    }

    @Test
    void restrictsTheTokenToAFolderOfTheSimulator() throws IOException {
        HttpResponse<String> response = exchange(withResource("item_read item_read", folderUrl(CONTRACTS_FOLDER)));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("[{\"scope\":\"item_read\",\"object\":{\"type\":\"folder\",\"id\":\"" + CONTRACTS_FOLDER
                + "\"}}]", BoxHttp.json(response).getJsonArray("restricted_to").toString(), "each scope once");
    }

    @Test
    void restrictsTheTokenToAFileNamedByBoxsOwnUrl() throws IOException {
        HttpResponse<String> response = exchange(withResource("item_preview",
                "https://api.box.com/2.0/files/" + WELCOME_FILE));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject object = BoxHttp.json(response).getJsonArray("restricted_to").getJsonObject(0).getJsonObject("object");
        assertEquals("file", object.getString("type"));
        assertEquals(WELCOME_FILE, object.getString("id"));
    }

    @Test
    void acceptsClientCredentialsThoughTheyAreNotNeeded() throws IOException {
        Map<String, String> form = exchangeForm(parent, "item_read");
        form.put("client_id", app.clientId());
        form.put("client_secret", TestApps.SECRET);

        assertEquals(200, exchange(form).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"subject_token", "subject_token_type", "scope"})
    void namesAMissingParameter(String parameter) throws IOException {
        Map<String, String> form = exchangeForm(parent, "item_read");
        form.remove(parameter);

        assertOAuth2Error(400, "invalid_request", "The \\\"" + parameter + "\\\" parameter is missing", exchange(form));
    }

    @Test
    void rejectsAnotherSubjectTokenType() throws IOException {
        Map<String, String> form = exchangeForm(parent, "item_read");
        form.put("subject_token_type", "urn:ietf:params:oauth:token-type:id_token");

        assertOAuth2Error(400, "invalid_request", "Invalid subject_token_type parameter", exchange(form));
    }

    @Test
    void rejectsAResourceWithASharedLink() throws IOException {
        Map<String, String> form = withResource("item_read", folderUrl("0"));
        form.put("box_shared_link", "https://app.box.com/s/abc123");

        assertOAuth2Error(400, "invalid_request",
                "The \\\"resource\\\" and \\\"box_shared_link\\\" parameters cannot be used together", exchange(form));
    }

    @ParameterizedTest
    @ValueSource(strings = {"item_preview item_write", "ITEM_READ", "root_readwrite", " "})
    void rejectsAScopeThatIsNotOneOfBoxs(String scope) throws IOException {
        assertOAuth2Error(400, "invalid_scope", "The requested scope is invalid", exchange(exchangeForm(parent, scope)));
    }

    @Test
    void rejectsAScopeTheSubjectTokenLacksWith401AsBoxsSpecSays() throws IOException {
        app.scopes("item_preview", "item_read");
        String limited = enterpriseToken();

        assertOAuth2Error(401, "invalid_scope", "The requested scope is invalid",
                exchange(exchangeForm(limited, "item_preview item_upload")));
        assertEquals(200, exchange(exchangeForm(limited, "item_read item_preview")).statusCode());
        assertEquals(200, exchange(exchangeForm(parent, "item_upload")).statusCode(),
                "tokens issued before keep their scopes");
    }

    @Test
    void aDownscopedTokenCanBeNarrowedButNotWidened() throws IOException {
        String child = http.downscope(parent, "item_preview item_read", null);

        assertEquals(200, exchange(exchangeForm(child, "item_read")).statusCode());
        assertOAuth2Error(401, "invalid_scope", "The requested scope is invalid",
                exchange(exchangeForm(child, "item_read item_upload")));
    }

    @Test
    void aChildKeepsItsParentsResourceAndCannotChangeIt() throws IOException {
        String child = http.downscope(parent, "item_read item_preview", folderUrl(CONTRACTS_FOLDER));

        HttpResponse<String> kept = exchange(exchangeForm(child, "item_read"));
        assertEquals(200, kept.statusCode(), kept.body());
        assertEquals(CONTRACTS_FOLDER, BoxHttp.json(kept).getJsonArray("restricted_to").getJsonObject(0)
                .getJsonObject("object").getString("id"));

        Map<String, String> same = exchangeForm(child, "item_read");
        same.put("resource", folderUrl(CONTRACTS_FOLDER));
        assertEquals(200, exchange(same).statusCode());

        Map<String, String> other = exchangeForm(child, "item_read");
        other.put("resource", folderUrl("0"));
        assertOAuth2Error(400, "invalid_resource", "The target resource is invalid.", exchange(other));
    }

    @Test
    void rejectsSubjectTokensItDidNotIssueOrThatWereRevoked() throws IOException {
        assertOAuth2Error(400, "invalid_grant", "Grant credentials are invalid",
                exchange(exchangeForm("notatokenthesimulatorissued0000", "item_read")));

        box.revoke(parent);

        assertOAuth2Error(400, "invalid_grant", "Grant credentials are invalid",
                exchange(exchangeForm(parent, "item_read")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/2.0/folders/0", "BASE/2.0/folders/123", "BASE/2.0/files/141590592212",
            "BASE/2.0/users/1", "BASE/2.0/folders/0/items", "ftp://api.box.com/2.0/folders/0", "not a url"})
    void rejectsAResourceThatIsNotAFullUrlOfAKnownItem(String resource) throws IOException {
        String url = resource.replace("BASE", box.baseUrl().toString());

        assertOAuth2Error(400, "invalid_resource", "The target resource is invalid.",
                exchange(withResource("item_read", url)));
    }

    @Test
    void rejectsASharedLinkForTheSimulatorHasNone() throws IOException {
        Map<String, String> form = exchangeForm(parent, "item_preview");
        form.put("box_shared_link", "https://app.box.com/s/abc123");

        assertOAuth2Error(400, "invalid_resource", "The target resource is invalid.", exchange(form));
    }

    @Test
    void aDownscopedTokenLivesNoLongerThanItsParent() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-15T10:00:00Z"));
        try (BoxSimulator clocked = BoxSimulator.builder().clock(clock).tokenLifetime(Duration.ofSeconds(60)).start()) {
            BoxHttp clockedHttp = new BoxHttp(clocked);
            BoxSimulator.App clockedApp = TestApps.register(clocked);
            String clockedParent = clockedHttp.token(clockedApp.clientId(), TestApps.SECRET, "enterprise",
                    clockedApp.enterpriseId());
            clock.advance(Duration.ofMillis(50_500));

            HttpResponse<String> response = clockedHttp.postToken(exchangeForm(clockedParent, "item_read"));
            assertEquals(9, BoxHttp.json(response).getInt("expires_in"), "9.5 s left, rounded down");
            String child = BoxHttp.json(response).getString("access_token");

            clock.advance(Duration.ofSeconds(9));
            assertEquals(200, clockedHttp.getWithToken("/2.0/folders/0/items", child).statusCode());
            clock.advance(Duration.ofMillis(500));
            assertEquals(401, clockedHttp.getWithToken("/2.0/folders/0/items", child).statusCode());
            assertOAuth2Error(400, "invalid_grant", "Grant credentials are invalid",
                    clockedHttp.postToken(exchangeForm(clockedParent, "item_read")));
        }
    }

    @Test
    void aDownscopedTokenLivesTheCurrentLifetimeWhenItsParentHasMoreLeft() throws IOException {
        box.tokenLifetime(Duration.ofSeconds(600));

        assertEquals(600, BoxHttp.json(exchange(exchangeForm(parent, "item_read"))).getInt("expires_in"));
    }

    @Test
    void anAppHoldsAllFourteenScopesByDefaultAndOnlyBoxsOnes() {
        assertEquals(List.of("annotation_edit", "annotation_view_all", "annotation_view_self", "base_explorer",
                "base_picker", "base_preview", "base_upload", "item_delete", "item_download", "item_preview",
                "item_rename", "item_share", "item_upload", "item_read"), List.copyOf(app.scopes()));
        assertThrows(IllegalArgumentException.class, () -> app.scopes("item_read", "item_write"));
        assertEquals(14, app.scopes().size(), "a refused change changes nothing");
        assertEquals(List.of("item_read"), List.copyOf(app.scopes("item_read").scopes()));
    }

    @Test
    void countsTokenRequestsByGrantType() throws IOException {
        exchange(exchangeForm(parent, "item_read"));
        exchange(exchangeForm("unknown", "item_read"));

        assertEquals(2, box.tokenExchangeRequests());
        assertEquals(2, box.tokenRequestsByGrantType(BoxSimulator.TOKEN_EXCHANGE));
        assertEquals(1, box.tokenRequestsByGrantType("client_credentials"), "the parent's grant");
        assertEquals(0, box.tokenRequestsByGrantType(null));
        assertEquals(3, box.tokenRequests());
        assertEquals(2, box.tokenRequests(null, null), "an exchange sends no box_subject_type");

        box.reset();
        assertEquals(0, box.tokenExchangeRequests());
    }

    @Test
    void aQueuedFaultTakesATokenExchangeToo() throws IOException {
        box.failNextTokenRequests(1, TokenFault.status(503));

        assertEquals(503, exchange(exchangeForm(parent, "item_read")).statusCode());
        assertFalse(exchange(exchangeForm(parent, "item_read")).body().contains("error"));
    }
}
