package dev.boxccg.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.boxccg.testkit.BoxHttp.assertJson;
import static dev.boxccg.testkit.BoxHttp.grantForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TokenEndpointTest extends SimulatorTest {

    private static final String INVALID_GRANT_TYPE = "Invalid grant_type parameter or parameter missing";
    private static final String INVALID_GRANT = "Grant credentials are invalid";

    @BeforeEach
    void addUser() {
        app.addUser("4242", "Ada Lovelace", "ada@example.com");
    }

    private Map<String, String> enterpriseGrant() {
        return grantForm(app.clientId(), TestApps.SECRET, "enterprise", app.enterpriseId());
    }

    private Map<String, String> userGrant(String userId) {
        return grantForm(app.clientId(), TestApps.SECRET, "user", userId);
    }

    private static void assertOAuth2Error(String error, String description, HttpResponse<String> response) {
        assertJson(400, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}", response);
    }

    private void assertRejected(Map<String, String> form, String error, String description) throws IOException {
        assertOAuth2Error(error, description, http.postToken(form));
    }

    private static Map<String, String> with(Map<String, String> form, Consumer<Map<String, String>> change) {
        change.accept(form);
        return form;
    }

    @Test
    void answersAnEnterpriseGrantWithBoxsTokenShape() throws IOException {
        HttpResponse<String> response = http.postToken(enterpriseGrant());

        assertEquals(200, response.statusCode());
        assertEquals("application/json", BoxHttp.contentType(response));
        assertTrue(response.body().matches(
                "\\{\"access_token\":\"[A-Za-z0-9]{32}\",\"expires_in\":3600,\"restricted_to\":\\[],"
                        + "\"token_type\":\"bearer\"}"), response.body());
        assertTrue(box.issuedTokens().contains(BoxHttp.json(response).getString("access_token")));
    }

    @Test
    void answersAUserGrant() throws IOException {
        HttpResponse<String> response = http.postToken(userGrant("4242"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("bearer", BoxHttp.json(response).getString("token_type"));
    }

    @Test
    void issuesADifferentTokenEachTime() throws IOException {
        assertNotEquals(enterpriseToken(), enterpriseToken());
    }

    @Test
    void expiresInFollowsTheTokenLifetimeInWholeSecondsAtLeastOne() throws IOException {
        box.tokenLifetime(Duration.ofSeconds(4175));
        assertEquals(4175, expiresIn());
        box.tokenLifetime(Duration.ofMillis(2999));
        assertEquals(2, expiresIn());
        box.tokenLifetime(Duration.ZERO);
        assertEquals(1, expiresIn());
        assertThrows(IllegalArgumentException.class, () -> box.tokenLifetime(Duration.ofSeconds(-1)));
    }

    private long expiresIn() throws IOException {
        return BoxHttp.json(http.postToken(enterpriseGrant())).getJsonNumber("expires_in").longValue();
    }

    @Test
    void resetRestoresTheStartingTokenLifetime() throws IOException {
        box.tokenLifetime(Duration.ofSeconds(5));
        box.reset();
        assertEquals(3600, expiresIn());
    }

    @Test
    void urlDecodesTheForm() throws IOException {
        // The secret holds &, =, +, space, % and a non-ASCII letter; here spaces are sent as %20, not +.
        String body = BoxHttp.encode(enterpriseGrant()).replace("+", "%20");
        assertEquals(200, http.postForm(box.tokenUrl(), body).statusCode());
    }

    /** @return the JSON-escaped description of a missing parameter */
    private static String missing(String parameter) {
        return "The \\\"" + parameter + "\\\" parameter is missing";
    }

    @Test
    void rejectsAMissingGrantType() throws IOException {
        assertRejected(with(enterpriseGrant(), form -> form.remove("grant_type")), "invalid_request",
                INVALID_GRANT_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_id", "client_secret", "box_subject_type", "box_subject_id"})
    void namesAMissingParameter(String parameter) throws IOException {
        assertRejected(with(enterpriseGrant(), form -> form.remove(parameter)), "invalid_request", missing(parameter));
    }

    static Stream<Arguments> oneBadParameter() {
        return Stream.of(
                arguments("grant_type", "authorization_code", "invalid_request", INVALID_GRANT_TYPE),
                arguments("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "invalid_request",
                        INVALID_GRANT_TYPE),
                arguments("grant_type", "", "invalid_request", INVALID_GRANT_TYPE),
                arguments("box_subject_id", "", "invalid_request", missing("box_subject_id")),
                arguments("box_subject_type", "group", "invalid_request", "Invalid box_subject_type parameter"),
                arguments("client_id", "nobody", "invalid_client", "The client credentials are invalid"),
                arguments("client_secret", "wrong", "invalid_grant", INVALID_GRANT),
                arguments("box_subject_id", "1", "invalid_grant", INVALID_GRANT));
    }

    @ParameterizedTest(name = "{0}=\"{1}\" gives {2}")
    @MethodSource
    void oneBadParameter(String parameter, String value, String error, String description) throws IOException {
        assertRejected(with(enterpriseGrant(), form -> form.put(parameter, value)), error, description);
    }

    @Test
    void readsNoParametersFromABodyThatIsNotAForm() throws IOException {
        HttpResponse<String> response = BoxHttp.send(HttpRequest.newBuilder(box.tokenUrl())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")));
        assertOAuth2Error("invalid_request", INVALID_GRANT_TYPE, response);
    }

    @Test
    void rejectsAnAppThatIsNotACcgApp() throws IOException {
        app.ccgEnabled(false);
        assertRejected(enterpriseGrant(),
                "unauthorized_client", "The \\\"box_subject_type\\\" value is unauthorized for this client_id");
    }

    @Test
    void rejectsAnUnknownUser() throws IOException {
        assertRejected(userGrant("999"), "invalid_grant", INVALID_GRANT);
    }

    @Test
    void rejectsUserSubjectsForAnAppAccessOnlyApp() throws IOException {
        app.userSubjectsAllowed(false);
        assertRejected(userGrant("4242"), "invalid_grant", INVALID_GRANT);
        assertEquals(200, http.postToken(enterpriseGrant()).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"enterprise", "user"})
    void rejectsAnAppTheAdminHasNotAuthorized(String subjectType) throws IOException {
        app.authorizedByAdmin(false);
        String subjectId = subjectType.equals("user") ? "4242" : app.enterpriseId();
        assertRejected(grantForm(app.clientId(), TestApps.SECRET, subjectType, subjectId),
                "invalid_grant", INVALID_GRANT);

        app.authorizedByAdmin(true);
        assertEquals(200, http.postToken(grantForm(app.clientId(), TestApps.SECRET, subjectType, subjectId))
                .statusCode());
    }

    @Test
    void appsOfOneEnterpriseShareItsUsers() throws IOException {
        BoxSimulator.App sibling = box.registerApp(app.clientId() + "-sibling", "other", app.enterpriseId());
        assertEquals(200, http.postToken(grantForm(sibling.clientId(), "other", "user", "4242")).statusCode());
    }

    @Test
    void createsAServiceAccountForEachApp() {
        BoxSimulator.User serviceAccount = app.serviceAccount();

        assertEquals(app.clientId() + " Service Account", serviceAccount.name());
        assertTrue(serviceAccount.id().matches("\\d+"), serviceAccount.id());
        assertTrue(serviceAccount.login().matches(
                "AutomationUser_" + serviceAccount.id() + "_[A-Za-z0-9]{10}@boxdevedition\\.com"),
                serviceAccount.login());
        assertNotEquals(serviceAccount.id(), TestApps.register(box).serviceAccount().id());
    }

    @Test
    void appToStringHidesTheSecret() {
        assertFalse(app.toString().contains(TestApps.SECRET), app::toString);
    }
}
