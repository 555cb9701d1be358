package dev.boxccg.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.boxccg.testkit.BoxHttp.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RevokeEndpointTest extends SimulatorTest {

    private static final String INVALID_CLIENT =
            "{\"error\":\"invalid_client\",\"error_description\":\"The client credentials are invalid\"}";

    private String token;

    @BeforeEach
    void issueAToken() throws IOException {
        token = enterpriseToken();
    }

    private HttpResponse<String> revoke(String clientId, String secret, String revokedToken) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        if (revokedToken != null) {
            form.put("token", revokedToken);
        }
        return http.postForm(box.revokeUrl(), BoxHttp.encode(form));
    }

    private int usersMeStatus() throws IOException {
        return http.getWithToken("/2.0/users/me", token).statusCode();
    }

    @Test
    void revokesTheToken() throws IOException {
        HttpResponse<String> response = revoke(app.clientId(), TestApps.SECRET, token);

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals(401, usersMeStatus());
        assertEquals(1, box.revokeRequests());
    }

    @Test
    void rejectsAWrongSecretAndKeepsTheToken() throws IOException {
        assertJson(400, INVALID_CLIENT, revoke(app.clientId(), "wrong", token));
        assertEquals(200, usersMeStatus());
    }

    @Test
    void rejectsAnUnknownClient() throws IOException {
        assertJson(400, INVALID_CLIENT, revoke("nobody", TestApps.SECRET, token));
    }

    @Test
    void needsTheToken() throws IOException {
        assertJson(400,
                "{\"error\":\"invalid_request\",\"error_description\":\"The \\\"token\\\" parameter is missing\"}",
                revoke(app.clientId(), TestApps.SECRET, null));
    }

    @Test
    void leavesAnotherClientsTokenAlone() throws IOException {
        BoxSimulator.App other = TestApps.register(box);

        assertEquals(200, revoke(other.clientId(), TestApps.SECRET, token).statusCode());
        assertEquals(200, usersMeStatus());
    }

    @Test
    void acceptsAnUnknownToken() throws IOException {
        assertEquals(200, revoke(app.clientId(), TestApps.SECRET, "unknown").statusCode());
    }
}
