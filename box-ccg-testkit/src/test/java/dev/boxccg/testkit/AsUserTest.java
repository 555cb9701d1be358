package dev.boxccg.testkit;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code As-User} header on API calls. */
class AsUserTest extends SimulatorTest {

    private static final String USER = "8001";

    @BeforeEach
    void addUserAndAllowAsUser() {
        app.addUser(USER, "Katherine Johnson", "katherine@example.com").performActionsAsUsers(true);
    }

    private static void assertAccessDenied(HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("application/json", BoxHttp.contentType(response));
        assertTrue(response.body().matches("\\{\"type\":\"error\",\"status\":403,"
                + "\"code\":\"access_denied_insufficient_permissions\",\"message\":\"Access denied - insufficient "
                + "permission\",\"request_id\":\"[0-9a-f]+\",\"help_url\":\"https://developer\\.box\\.com/guides/"
                + "api-calls/permissions-and-errors/common-errors/\"}"), response.body());
    }

    @Test
    void usersMeAnswersTheTargetUser() throws IOException {
        HttpResponse<String> response = http.getAsUser("/2.0/users/me", enterpriseToken(), USER);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject me = BoxHttp.json(response);
        assertEquals(USER, me.getString("id"));
        assertEquals("katherine@example.com", me.getString("login"));
    }

    @Test
    void listsTheTargetUsersRootFolder() throws IOException {
        HttpResponse<String> response = http.getAsUser("/2.0/folders/0/items", enterpriseToken(), USER);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(3, BoxHttp.json(response).getInt("total_count"));
    }

    @Test
    void recordsTheHeaderOfEachCall() throws IOException {
        String token = enterpriseToken();
        http.getAsUser("/2.0/users/me", token, USER);
        http.getWithToken("/2.0/users/me", token);

        List<BoxSimulator.ApiCall> calls = box.apiCalls();
        assertEquals(new BoxSimulator.ApiCall("GET", "/2.0/users/me", "Bearer " + token, 200, USER), calls.get(0));
        assertEquals(new BoxSimulator.ApiCall("GET", "/2.0/users/me", "Bearer " + token, 200), calls.get(1));
        assertNull(calls.get(1).asUser());
        assertTrue(calls.get(0).toString().contains("asUser=" + USER), calls.get(0)::toString);
        assertFalse(calls.toString().contains(token));
    }

    @Test
    void appsDoNotPerformActionsAsUsersByDefault() throws IOException {
        BoxSimulator.App fresh = TestApps.register(box).addUser("8002", "Dorothy Vaughan", "dorothy@example.com");
        String token = http.token(fresh.clientId(), TestApps.SECRET, "enterprise", fresh.enterpriseId());

        assertFalse(fresh.performActionsAsUsers());
        assertAccessDenied(http.getAsUser("/2.0/users/me", token, "8002"));
        assertEquals(200, http.getWithToken("/2.0/users/me", token).statusCode(), "without the header it works");
    }

    @Test
    void needsAppAndEnterpriseAccess() throws IOException {
        String token = enterpriseToken();
        assertTrue(app.appAndEnterpriseAccess(), "the default");

        app.appAndEnterpriseAccess(false);

        assertAccessDenied(http.getAsUser("/2.0/users/me", token, USER));
        assertEquals(200, http.postToken(BoxHttp.grantForm(app.clientId(), TestApps.SECRET, "user", USER))
                .statusCode(), "user grants are userSubjectsAllowed's business alone");
        app.appAndEnterpriseAccess(true);
        assertEquals(200, http.getAsUser("/2.0/users/me", token, USER).statusCode());
    }

    @Test
    void aUsersTokenCannotActAsAnotherUser() throws IOException {
        app.addUser("8003", "Mary Jackson", "mary@example.com");
        String userToken = http.token(app.clientId(), TestApps.SECRET, "user", "8003");

        assertAccessDenied(http.getAsUser("/2.0/users/me", userToken, USER));
    }

    @Test
    void aDownscopedTokenCannotActAsAUser() throws IOException {
        String child = http.downscope(enterpriseToken(), "item_read", null);

        assertAccessDenied(http.getAsUser("/2.0/folders/0/items", child, USER));
        assertEquals(200, http.getWithToken("/2.0/folders/0/items", child).statusCode());
    }

    @Test
    void theServiceAccountCannotBeTheTarget() throws IOException {
        assertAccessDenied(http.getAsUser("/2.0/users/me", enterpriseToken(), app.serviceAccount().id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999", "another-enterprise", "not a user"})
    void aTargetThatIsNotAUserOfTheEnterpriseIsNotFound(String target) throws IOException {
        BoxSimulator.App elsewhere = TestApps.register(box).addUser("another-enterprise".equals(target) ? "8100" : "8101",
                "Elsewhere", "elsewhere@example.com");
        String asUser = "another-enterprise".equals(target) ? "8100" : target;

        HttpResponse<String> response = http.getAsUser("/2.0/users/me", enterpriseToken(), asUser);

        assertEquals(404, response.statusCode(), response.body());
        assertEquals("not_found", BoxHttp.json(response).getString("code"));
        assertFalse(elsewhere.enterpriseId().equals(app.enterpriseId()));
    }

    @Test
    void theTokenIsCheckedFirst() throws IOException {
        HttpResponse<String> response = http.getAsUser("/2.0/users/me", "notatokenthesimulatorissued0000", USER);

        assertEquals(401, response.statusCode());
        assertEquals(USER, box.apiCalls().get(0).asUser());
    }
}
