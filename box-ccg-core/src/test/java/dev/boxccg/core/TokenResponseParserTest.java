package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenResponseParserTest {

    private static final String SECRET = "the-client-secret-123";
    private static final BoxSubject ENTERPRISE = BoxSubject.enterprise("1234");
    private static final Instant SENT = Instant.parse("2026-11-22T12:00:00Z");

    private final TokenResponseParser parser = new TokenResponseParser(SECRET);

    @Test
    void readsBoxsAccessTokenCountingExpiryFromWhenTheRequestWasSent() throws Exception {
        BoxAccessToken token = parser.parse(200, """
                {"access_token":"T9cE5asGnuyYCCqIZFoWjFHvNbvVqHjl","expires_in":4175,"restricted_to":[],"token_type":"bearer"}
                """, null, ENTERPRISE, SENT);
        assertEquals("T9cE5asGnuyYCCqIZFoWjFHvNbvVqHjl", token.value());
        assertEquals("bearer", token.type());
        assertEquals(SENT, token.issuedAt());
        assertEquals(SENT.plusSeconds(4175), token.expiresAt());
        assertEquals(Duration.ofSeconds(4175), token.lifetime());
        assertEquals(ENTERPRISE, token.subject());
        assertEquals(List.of(), token.restrictedTo());
    }

    @Test
    void readsRestrictions() throws Exception {
        BoxAccessToken token = parser.parse(200, """
                {"access_token":"abc","expires_in":3600,"token_type":"bearer",
                 "issued_token_type":"urn:ietf:params:oauth:token-type:access_token",
                 "restricted_to":[{"scope":"item_preview","object":{"type":"file","id":"42","name":"a.txt"}},
                                  {"scope":"base_explorer"}]}
                """, null, ENTERPRISE, SENT);
        assertEquals(List.of(new BoxAccessToken.Restriction("item_preview", "file", "42"),
                new BoxAccessToken.Restriction("base_explorer", null, null)), token.restrictedTo());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"expires_in\":3600,\"token_type\":\"bearer\"}                       | has no \"access_token\"",
            "{\"access_token\":\"\",\"expires_in\":3600}                           | has no \"access_token\"",
            "{\"access_token\":42,\"expires_in\":3600}                             | has no \"access_token\"",
            "{\"access_token\":\"abc\",\"token_type\":\"bearer\"}                  | \"expires_in\" is missing",
            "{\"access_token\":\"abc\",\"expires_in\":0}                           | \"expires_in\" is 0",
            "{\"access_token\":\"abc\",\"expires_in\":-5}                          | \"expires_in\" is -5",
            "{\"access_token\":\"abc\",\"expires_in\":\"3600\"}                    | not a positive number of seconds",
            "{\"access_token\":\"abc\",\"expires_in\":1.5}                         | not a positive number of seconds",
            "<html>Welcome to the proxy</html>                                     | not a JSON object: '<html>Welcome",
            "[1,2]                                                                 | not a JSON object",
            "{\"access_token\":                                                    | not a JSON object",
    })
    void aBadSuccessAnswerIsAClearErrorNotANullPointer(String body, String expected) {
        BoxAuthenticationException e = assertThrows(TokenAttemptException.class,
                () -> parser.parse(200, body, null, ENTERPRISE, SENT)).failure();
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("token URL"), e.getMessage());
        assertEquals(200, e.status());
        assertFalse(e.isTransient());
    }

    @Test
    void anEmptySuccessAnswerIsAClearError() {
        BoxAuthenticationException e = assertThrows(TokenAttemptException.class,
                () -> parser.parse(200, "", null, ENTERPRISE, SENT)).failure();
        assertTrue(e.getMessage().contains("not a JSON object: (empty)"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "invalid_grant       | Grant credentials are invalid                                      | Admin Console",
            "invalid_client      | The client credentials are invalid                                 | Client Secret",
            "unauthorized_client | The \"box_subject_type\" value is unauthorized for this client_id | Server Authentication (Client Credentials Grant)",
            "invalid_request     | Invalid grant_type parameter or parameter missing                  | malformed",
    })
    void boxsRefusalsCarryErrorDescriptionAndAHint(String error, String description, String hintPart) {
        String body = "{\"error\":\"" + error + "\",\"error_description\":\"" + description.replace("\"", "\\\"") + "\"}";
        TokenAttemptException attempt = assertThrows(TokenAttemptException.class,
                () -> parser.parse(400, body, null, ENTERPRISE, SENT));
        BoxAuthenticationException e = attempt.failure();
        assertFalse(attempt.retryable());
        assertEquals(400, e.status());
        assertEquals(error, e.error().orElseThrow());
        assertEquals(description, e.errorDescription().orElseThrow());
        assertTrue(e.hint().orElseThrow().contains(hintPart), e.hint().orElseThrow());
        assertTrue(e.getMessage().contains(error) && e.getMessage().contains(description), e.getMessage());
        assertTrue(e.getMessage().contains(hintPart), "the message includes the hint: " + e.getMessage());
    }

    @Test
    void invalidGrantHintsDependOnTheSubject() throws Exception {
        String body = "{\"error\":\"invalid_grant\",\"error_description\":\"Grant credentials are invalid\"}";
        String forEnterprise = assertThrows(TokenAttemptException.class,
                () -> parser.parse(400, body, null, ENTERPRISE, SENT)).failure().hint().orElseThrow();
        String forUser = assertThrows(TokenAttemptException.class,
                () -> parser.parse(400, body, null, BoxSubject.user("777"), SENT)).failure().hint().orElseThrow();
        assertTrue(forEnterprise.contains("enterprise ID 1234"), forEnterprise);
        assertTrue(forEnterprise.contains("re-authorized"), forEnterprise);
        assertTrue(forUser.contains("user ID 777"), forUser);
        assertTrue(forUser.contains("App + Enterprise Access"), forUser);
        assertTrue(forUser.contains("Generate user access tokens"), forUser);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void rateLimitsTimeoutsAndServerErrorsAreTransient(int status) {
        TokenAttemptException attempt = assertThrows(TokenAttemptException.class,
                () -> parser.parse(status, "<html>Bad Gateway</html>", "3", ENTERPRISE, SENT));
        assertTrue(attempt.retryable());
        assertEquals("3", attempt.retryAfter().orElseThrow());
        assertEquals(status, attempt.failure().status());
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 405, 415})
    void otherStatusesAreNotTransient(int status) {
        assertFalse(assertThrows(TokenAttemptException.class,
                () -> parser.parse(status, "", null, ENTERPRISE, SENT)).retryable());
    }

    @Test
    void readsBoxsClientErrorShapeFor429() {
        BoxAuthenticationException e = assertThrows(TokenAttemptException.class, () -> parser.parse(429, """
                {"type":"error","status":429,"code":"rate_limit_exceeded","message":"Request rate limit exceeded, please try again later"}
                """, "2", ENTERPRISE, SENT)).failure();
        assertEquals("rate_limit_exceeded", e.error().orElseThrow());
        assertEquals("Request rate limit exceeded, please try again later", e.errorDescription().orElseThrow());
    }

    @Test
    void neverRepeatsTheSecretEvenIfAnAnswerEchoesIt() {
        BoxAuthenticationException inJson = assertThrows(TokenAttemptException.class, () -> parser.parse(400,
                "{\"error\":\"invalid_request\",\"error_description\":\"bad client_secret=" + SECRET + "\"}",
                null, ENTERPRISE, SENT)).failure();
        BoxAuthenticationException inText = assertThrows(TokenAttemptException.class, () -> parser.parse(502,
                "proxy saw client_secret=" + SECRET, null, ENTERPRISE, SENT)).failure();
        for (BoxAuthenticationException e : List.of(inJson, inText)) {
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertFalse(e.errorDescription().orElse("").contains(SECRET));
            assertTrue(e.getMessage().contains("<redacted>"), e.getMessage());
        }
    }

    @Test
    void quotesOnlyTheStartOfALongBody() {
        String body = "x".repeat(100_000);
        String message = assertThrows(TokenAttemptException.class,
                () -> parser.parse(500, body, null, ENTERPRISE, SENT)).getMessage();
        assertTrue(message.length() < 1_000, "message length " + message.length());
    }
}
