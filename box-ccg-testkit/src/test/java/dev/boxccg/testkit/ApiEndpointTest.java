package dev.boxccg.testkit;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiEndpointTest extends SimulatorTest {

    private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"Service\", error=\"invalid_token\", "
            + "error_description=\"The access token provided is invalid.\"";

    private Instant registeredAt;

    @BeforeEach
    void addUser() {
        registeredAt = Instant.now();
        app.addUser("7001", "Grace \"Amazing\" Hopper", "grace@example.com");
    }

    private static HttpResponse<String> usersMe(BoxHttp http, String token) throws IOException {
        return http.getWithToken("/2.0/users/me", token);
    }

    private HttpResponse<String> usersMe(String token) throws IOException {
        return usersMe(http, token);
    }

    private static void assertUnauthorized(String challenge, HttpResponse<String> response) {
        assertEquals(401, response.statusCode());
        assertEquals("", response.body());
        assertEquals(List.of(challenge), response.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void usersMeWithAnEnterpriseTokenIsTheServiceAccount() throws IOException {
        HttpResponse<String> response = usersMe(enterpriseToken());

        assertEquals(200, response.statusCode());
        assertEquals("application/json", BoxHttp.contentType(response));
        JsonObject user = BoxHttp.json(response);
        assertEquals(Set.of("type", "id", "name", "login", "created_at", "modified_at", "language", "timezone",
                "space_amount", "space_used", "max_upload_size", "status", "job_title", "phone", "address",
                "avatar_url", "notification_email"), user.keySet());
        assertEquals("user", user.getString("type"));
        assertEquals(app.serviceAccount().id(), user.getString("id"));
        assertEquals(app.serviceAccount().name(), user.getString("name"));
        assertEquals(app.serviceAccount().login(), user.getString("login"));
        assertEquals("en", user.getString("language"));
        assertEquals("active", user.getString("status"));
        assertTrue(user.getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-0[78]:00"),
                "Box's format, in Box's (Pacific) time zone");
        Instant createdAt = OffsetDateTime.parse(user.getString("created_at")).toInstant();
        assertFalse(createdAt.isBefore(registeredAt.truncatedTo(ChronoUnit.SECONDS)), createdAt::toString);
        assertFalse(createdAt.isAfter(Instant.now()), createdAt::toString);
        assertTrue(user.getJsonNumber("space_amount").longValue() > 0);
    }

    @Test
    void usersMeWithAUserTokenIsThatUser() throws IOException {
        String token = http.token(app.clientId(), TestApps.SECRET, "user", "7001");

        JsonObject user = BoxHttp.json(usersMe(token));

        assertEquals("7001", user.getString("id"));
        assertEquals("Grace \"Amazing\" Hopper", user.getString("name"));
        assertEquals("grace@example.com", user.getString("login"));
    }

    @Test
    void withoutAnAuthorizationHeaderAnswers401() throws IOException {
        assertUnauthorized("Bearer realm=\"Service\"", http.get("/2.0/users/me", null));
    }

    @Test
    void anUnknownTokenAnswers401() throws IOException {
        assertUnauthorized(INVALID_TOKEN_CHALLENGE, usersMe("notatokenthesimulatorissued0000"));
    }

    @Test
    void anotherAuthorizationSchemeAnswers401() throws IOException {
        assertUnauthorized(INVALID_TOKEN_CHALLENGE, http.get("/2.0/users/me", "Basic " + enterpriseToken()));
    }

    @Test
    void aTokenStopsWorkingWhenItExpiresByTheSimulatorsClock() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-15T10:00:00Z"));
        try (BoxSimulator clocked = BoxSimulator.builder().clock(clock).tokenLifetime(Duration.ofSeconds(60)).start()) {
            BoxHttp clockedHttp = new BoxHttp(clocked);
            BoxSimulator.App clockedApp = TestApps.register(clocked);
            String token = clockedHttp.token(clockedApp.clientId(), TestApps.SECRET, "enterprise",
                    clockedApp.enterpriseId());

            clock.advance(Duration.ofSeconds(59));
            assertEquals(200, usersMe(clockedHttp, token).statusCode());
            clock.advance(Duration.ofSeconds(1));
            assertUnauthorized(INVALID_TOKEN_CHALLENGE, usersMe(clockedHttp, token));
        }
    }

    @Test
    void aRevokedTokenAnswers401() throws IOException {
        String revoked = enterpriseToken();
        String other = enterpriseToken();

        box.revoke(revoked);

        assertUnauthorized(INVALID_TOKEN_CHALLENGE, usersMe(revoked));
        assertEquals(200, usersMe(other).statusCode());
    }

    @Test
    void revokeAllTokensRevokesThoseIssuedSoFar() throws IOException {
        String before = enterpriseToken();

        box.revokeAllTokens();

        assertUnauthorized(INVALID_TOKEN_CHALLENGE, usersMe(before));
        assertEquals(200, usersMe(enterpriseToken()).statusCode());
    }

    @Test
    void listsTheRootFolder() throws IOException {
        HttpResponse<String> response = http.getWithToken("/2.0/folders/0/items", enterpriseToken());

        assertEquals(200, response.statusCode());
        JsonObject items = BoxHttp.json(response);
        assertEquals(3, items.getInt("total_count"));
        assertEquals(0, items.getInt("offset"));
        assertEquals(100, items.getInt("limit"));
        assertEquals("type", items.getJsonArray("order").getJsonObject(0).getString("by"));
        JsonObject first = items.getJsonArray("entries").getJsonObject(0);
        assertEquals(Set.of("type", "id", "sequence_id", "etag", "name"), first.keySet());
        assertEquals("folder", first.getString("type"));
        assertEquals("file", items.getJsonArray("entries").getJsonObject(2).getString("type"));
    }

    @Test
    void pagesTheRootFolderByOffsetAndLimit() throws IOException {
        String token = enterpriseToken();
        JsonObject all = BoxHttp.json(http.getWithToken("/2.0/folders/0/items", token));
        JsonObject second = BoxHttp.json(http.getWithToken("/2.0/folders/0/items?offset=1&limit=1", token));

        assertEquals(3, second.getInt("total_count"));
        assertEquals(1, second.getInt("offset"));
        assertEquals(1, second.getInt("limit"));
        assertEquals(List.of(all.getJsonArray("entries").get(1)), second.getJsonArray("entries"));

        JsonObject beyond = BoxHttp.json(http.getWithToken("/2.0/folders/0/items?offset=10&limit=5000", token));
        assertEquals(0, beyond.getJsonArray("entries").size());
        assertEquals(1000, beyond.getInt("limit"));
    }

    @Test
    void rejectsAnInvalidLimit() throws IOException {
        HttpResponse<String> response = http.getWithToken("/2.0/folders/0/items?limit=many", enterpriseToken());

        assertEquals(400, response.statusCode());
        assertEquals("bad_request", BoxHttp.json(response).getString("code"));
    }

    @Test
    void anUnknownFolderIsNotFound() throws IOException {
        HttpResponse<String> response = http.getWithToken("/2.0/folders/123/items", enterpriseToken());

        assertEquals(404, response.statusCode());
        assertEquals("application/json", BoxHttp.contentType(response));
        assertTrue(response.body().matches("\\{\"type\":\"error\",\"status\":404,\"code\":\"not_found\","
                + "\"message\":\"Not Found\",\"request_id\":\"[0-9a-f]+\",\"help_url\":"
                + "\"https://developer.box.com/guides/api-calls/permissions-and-errors/common-errors/\"}"),
                response.body());
    }

    @Test
    void anUnknownEndpointIsNotFoundButNeedsAToken() throws IOException {
        assertEquals(404, http.getWithToken("/2.0/files/1", enterpriseToken()).statusCode());
        assertUnauthorized("Bearer realm=\"Service\"", http.get("/2.0/files/1", null));
    }

    @Test
    void answersBoxs404OutsideTheApiToo() throws IOException {
        HttpResponse<String> response = http.get("/oauth2/authorize", null);

        assertEquals(404, response.statusCode());
        assertEquals("not_found", BoxHttp.json(response).getString("code"));
        assertTrue(box.apiCalls().isEmpty(), "only /2.0 calls are API calls");
    }

    @Test
    void recordsEveryApiCallInOrder() throws IOException {
        String token = enterpriseToken();
        usersMe(token);
        http.get("/2.0/folders/0/items?limit=1", null);
        http.getWithToken("/2.0/folders/9/items", token);

        assertEquals(List.of(
                new BoxSimulator.ApiCall("GET", "/2.0/users/me", "Bearer " + token, 200),
                new BoxSimulator.ApiCall("GET", "/2.0/folders/0/items", null, 401),
                new BoxSimulator.ApiCall("GET", "/2.0/folders/9/items", "Bearer " + token, 404)),
                box.apiCalls());
        assertFalse(box.apiCalls().toString().contains(token), () -> box.apiCalls().toString());
    }
}
