package dev.boxccg.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a downscoped token may do at the API, and revoking downscoped tokens. */
class DownscopedApiTest extends SimulatorTest {

    private static final String INSUFFICIENT_SCOPE_MESSAGE =
            "The request requires higher privileges than provided by the access token.";

    private String parent;

    @BeforeEach
    void issueAParent() throws IOException {
        parent = enterpriseToken();
    }

    private String folderUrl(String id) {
        return box.baseUrl() + "/2.0/folders/" + id;
    }

    private int rootItems(String token) throws IOException {
        return http.getWithToken("/2.0/folders/0/items", token).statusCode();
    }

    private static void assertInsufficientScope(HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("application/json", BoxHttp.contentType(response));
        assertTrue(response.body().matches("\\{\"type\":\"error\",\"status\":403,\"code\":\"insufficient_scope\","
                + "\"message\":\"" + INSUFFICIENT_SCOPE_MESSAGE.replace(".", "\\.") + "\",\"request_id\":\"[0-9a-f]+\","
                + "\"help_url\":\"https://developer\\.box\\.com/guides/api-calls/permissions-and-errors/common-errors/\"}"),
                response.body());
        assertEquals(List.of("Bearer realm=\"Service\", error=\"insufficient_scope\", error_description=\""
                + INSUFFICIENT_SCOPE_MESSAGE + "\""), response.headers().allValues("WWW-Authenticate"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"item_read", "base_explorer", "base_picker", "item_preview base_explorer"})
    void aListingScopeListsAFolder(String scope) throws IOException {
        HttpResponse<String> response = http.getWithToken("/2.0/folders/0/items",
                http.downscope(parent, scope, null));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(3, BoxHttp.json(response).getInt("total_count"));
    }

    @Test
    void otherScopesCannotListAFolder() throws IOException {
        String token = http.downscope(parent, "item_preview item_download item_upload base_upload", null);

        assertInsufficientScope(http.getWithToken("/2.0/folders/0/items", token));
    }

    @Test
    void aTokenRestrictedToAFolderListsOnlyThatFolder() throws IOException {
        assertEquals(200, rootItems(http.downscope(parent, "item_read", folderUrl("0"))));

        String contracts = http.downscope(parent, "item_read", folderUrl("141590592212"));
        assertInsufficientScope(http.getWithToken("/2.0/folders/0/items", contracts));
        assertEquals(404, http.getWithToken("/2.0/folders/141590592212/items", contracts).statusCode(),
                "allowed, but the simulator knows only the root folder's items");
    }

    @Test
    void aTokenRestrictedToAFileListsNoFolder() throws IOException {
        String file = http.downscope(parent, "item_read base_explorer", box.baseUrl() + "/2.0/files/1195335620120");

        assertInsufficientScope(http.getWithToken("/2.0/folders/0/items", file));
    }

    @Test
    void theScopeIsCheckedBeforeTheFolderIsLookedFor() throws IOException {
        String token = http.downscope(parent, "item_preview", null);

        assertInsufficientScope(http.getWithToken("/2.0/folders/123/items", token));
        assertEquals(404, http.getWithToken("/2.0/files/1", token).statusCode(), "unknown endpoints stay 404");
    }

    @Test
    void aDownscopedTokenCannotReadUsersMe() throws IOException {
        String token = http.downscope(parent, String.join(" ", app.scopes()), null);

        assertInsufficientScope(http.getWithToken("/2.0/users/me", token));
        assertEquals(200, http.getWithToken("/2.0/users/me", parent).statusCode(), "the parent can");
    }

    private HttpResponse<String> revoke(String token) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", app.clientId());
        form.put("client_secret", TestApps.SECRET);
        form.put("token", token);
        return http.postForm(box.revokeUrl(), BoxHttp.encode(form));
    }

    @Test
    void theAppRevokesADownscopedTokenAndItsParentKeepsWorking() throws IOException {
        String child = http.downscope(parent, "item_read", null);

        assertEquals(200, revoke(child).statusCode());

        assertEquals(401, rootItems(child));
        assertEquals(200, rootItems(parent));
        assertEquals(1, box.revokeRequests());
        assertEquals(1, box.downscopedTokenRevokeRequests());
    }

    @Test
    void revokingAParentLeavesItsDownscopedTokensWorking() throws IOException {
        String child = http.downscope(parent, "item_read", null);

        assertEquals(200, revoke(parent).statusCode());

        assertEquals(401, rootItems(parent));
        assertEquals(200, rootItems(child));
        assertEquals(1, box.revokeRequests());
        assertEquals(0, box.downscopedTokenRevokeRequests());
    }

    @Test
    void anotherAppCannotRevokeADownscopedToken() throws IOException {
        String child = http.downscope(parent, "item_read", null);
        BoxSimulator.App other = TestApps.register(box);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", other.clientId());
        form.put("client_secret", TestApps.SECRET);
        form.put("token", child);

        assertEquals(200, http.postForm(box.revokeUrl(), BoxHttp.encode(form)).statusCode());

        assertEquals(200, rootItems(child));
        assertEquals(1, box.downscopedTokenRevokeRequests());
    }

    @Test
    void theSimulatorRevokesDownscopedTokensToo() throws IOException {
        String child = http.downscope(parent, "item_read", null);

        box.revoke(child);

        assertEquals(401, rootItems(child));
    }
}
