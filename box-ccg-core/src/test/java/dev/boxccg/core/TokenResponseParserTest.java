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
            "<html>Welcome to the proxy</html>                                     | not a JSON object (33 bytes, looks like HTML)",
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
        assertTrue(e.getMessage().contains("its body is not a JSON object (empty)"), e.getMessage());
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
        }
        assertTrue(inJson.getMessage().contains("<redacted>"), inJson.getMessage());
        assertFalse(inText.getMessage().contains("proxy saw"), "bodies are never quoted: " + inText.getMessage());
    }

    @Test
    void describesALongBodyWithoutQuotingIt() {
        String body = "x".repeat(100_000);
        String message = assertThrows(TokenAttemptException.class,
                () -> parser.parse(500, body, null, ENTERPRISE, SENT)).getMessage();
        assertTrue(message.length() < 1_000, "message length " + message.length());
        assertTrue(message.contains("100000 bytes"), message);
        assertFalse(message.contains("xxx"), message);
    }

    // --- Strict answers (engine v2, point 7) ---

    private BoxAuthenticationException malformed(String body) {
        BoxAuthenticationException e = assertThrows(TokenAttemptException.class,
                () -> parser.parse(200, body, null, ENTERPRISE, SENT)).failure();
        assertEquals(200, e.status());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("token URL"), e.getMessage());
        return e;
    }

    private static String tokenAnswer(String accessTokenJson) {
        return "{\"access_token\":" + accessTokenJson + ",\"expires_in\":3600,\"token_type\":\"bearer\"}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"TOKEN\\r\\nX-Injected: 1", "TOKEN\\n", "TOKEN\\u0000", "TOKEN with space", "TOKEN\\t",
            "TOKEN\\\"quote", "TOKEN,comma", "TOKEN\\u00e9", "TOKEN=padding=inside", "=TOKEN", "TOKEN\\u2028", " "})
    void anAccessTokenThatIsNotAnRfc6750B64tokenIsMalformedAndNotQuoted(String tokenJsonText) {
        // A CR/LF in a token would be copied into an Authorization header: header injection, or a confusing failure.
        BoxAuthenticationException e = malformed(tokenAnswer("\"" + tokenJsonText + "\""));
        assertTrue(e.getMessage().contains("\"access_token\""), e.getMessage());
        assertFalse(e.getMessage().contains("TOKEN"), "the token is never quoted: " + e.getMessage());
    }

    @Test
    void anAccessTokenLongerThan4096CharactersIsMalformedAndNotQuoted() {
        BoxAuthenticationException e = malformed(tokenAnswer("\"" + "A".repeat(4097) + "\""));
        assertTrue(e.getMessage().contains("4097"), e.getMessage());
        assertFalse(e.getMessage().contains("AAAA"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "T9cE5asGnuyYCCqIZFoWjFHvNbvVqHjl", "a-b.c_d~e+f/g", "abc=", "abc==", "1.2.3/4+5=="})
    void acceptsEveryB64token(String token) throws Exception {
        assertEquals(token, parser.parse(200, tokenAnswer("\"" + token + "\""), null, ENTERPRISE, SENT).value());
        String longest = "A".repeat(4096);
        assertEquals(longest, parser.parse(200, tokenAnswer("\"" + longest + "\""), null, ENTERPRISE, SENT).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "99999999999999999                       | 99999999999999999",
            "86401                                   | 86401",
            "9223372036854775808                     | 9223372036854775808",
            "123456789012345678901234567890          | 12345678901234567890…",
            "3600.5                                  | 3600.5",
            "1E+400                                  | 1E+400",
            "1e-9                                    | 1E-9",
            "true                                    | true",
            "null                                    | null",
            "\"3600\"                                | \"3600\"",
            "{}                                      | {}",
    })
    void expiresInMustBeAWholeNumberOfSecondsUpToADay(String expiresIn, String quoted) {
        // 99999999999999999 let a DateTimeException escape; 1E+400 and 3600.5 were silently truncated.
        BoxAuthenticationException e = malformed(
                "{\"access_token\":\"abc\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}");
        assertTrue(e.getMessage().contains("\"expires_in\" is " + quoted + ","), e.getMessage());
        assertTrue(e.getMessage().contains("86400"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "86400, 86400", "3600.0, 3600", "3.6E3, 3600", "4175, 4175"})
    void acceptsEveryWholeNumberOfSecondsUpToADay(String expiresIn, long seconds) throws Exception {
        BoxAccessToken token = parser.parse(200, "{\"access_token\":\"abc\",\"expires_in\":" + expiresIn + "}",
                null, ENTERPRISE, SENT);
        assertEquals(Duration.ofSeconds(seconds), token.lifetime());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"mac\"", "\"\"", "\"bearer \"", "\"DPoP\"", "42", "null", "[\"bearer\"]"})
    void aTokenTypeOtherThanBearerIsMalformed(String tokenType) {
        BoxAuthenticationException e = malformed(
                "{\"access_token\":\"abc\",\"expires_in\":3600,\"token_type\":" + tokenType + "}");
        assertTrue(e.getMessage().contains("\"token_type\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "Bearer", "BEARER"})
    void theTokenTypeBearerIsCaseInsensitive(String tokenType) throws Exception {
        assertEquals("abc", parser.parse(200, "{\"access_token\":\"abc\",\"expires_in\":3600,\"token_type\":\""
                + tokenType + "\"}", null, ENTERPRISE, SENT).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<html><body>TOKEN-abc</body></html>                                         | looks like HTML",
            "[\"TOKEN-abc\"]                                                              | a JSON array",
            "\"TOKEN-abc\"                                                                | a JSON string",
            "{\"access_token\":\"TOKEN-abc\",\"expires_in\":3600}{\"x\":1}                  | more than one JSON value",
            "{\"access_token\":\"TOKEN-abc\",\"expires_in\":3600} TOKEN-tail               | more than one JSON value",
            "{\"access_token\":\"TOKEN-abc\",\"expires_in\":                              | not valid JSON",
            "access_token=TOKEN-abc&expires_in=3600                                      | not JSON",
    })
    void aSuccessBodyThatIsNotOneJsonObjectIsDescribedNeverQuoted(String body, String description) {
        BoxAuthenticationException e = malformed(body);
        assertTrue(e.getMessage().contains("its body is not a JSON object (" + body.getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length + " bytes, " + description + ")"), e.getMessage());
        assertFalse(e.getMessage().contains("TOKEN"), "the body is never quoted: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 429, 502})
    void anErrorBodyThatIsNotJsonIsDescribedNeverQuoted(int status) {
        BoxAuthenticationException e = assertThrows(TokenAttemptException.class, () -> parser.parse(status,
                "<html><title>Proxy error</title> TOKEN-abc client_secret=" + SECRET + "</html>", null, ENTERPRISE,
                SENT)).failure();
        assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
        assertTrue(e.getMessage().contains("looks like HTML"), e.getMessage());
        assertFalse(e.getMessage().contains("TOKEN") || e.getMessage().contains("Proxy error")
                || e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void controlCharactersInBoxsErrorAreReplacedBySpaces() {
        TokenAttemptException attempt = assertThrows(TokenAttemptException.class, () -> parser.parse(400,
                "{\"error\":\"invalid_grant\\r\\n\\u0000\",\"error_description\":"
                        + "\"Grant credentials\\r\\n\\r\\nare\\u0000invalid\\u2028\\u2029\\u0085now\\t\"}",
                null, ENTERPRISE, SENT));
        BoxAuthenticationException e = attempt.failure();
        assertEquals("invalid_grant", e.error().orElseThrow());
        assertEquals("Grant credentials are invalid now", e.errorDescription().orElseThrow());
        assertTrue(e.getMessage().contains("invalid_grant \"Grant credentials are invalid now\""), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029),
                e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("Admin Console"), "still Box's invalid_grant: " + e.hint());
        assertFalse(attempt.retryable());
    }

    @Test
    void boxsErrorIsCutAt300Characters() {
        BoxAuthenticationException e = assertThrows(TokenAttemptException.class, () -> parser.parse(503,
                "{\"code\":\"" + "c".repeat(5000) + "\",\"message\":\"" + "m".repeat(5000) + " " + SECRET + "\"}",
                null, ENTERPRISE, SENT)).failure();
        assertEquals("c".repeat(299) + "…", e.error().orElseThrow());
        assertEquals("m".repeat(299) + "…", e.errorDescription().orElseThrow());
        assertTrue(e.getMessage().length() < 1_500, "message length " + e.getMessage().length());
        assertTrue(e.isTransient());
    }

    @ParameterizedTest
    @ValueSource(strings = {"exponent overflow", "too many digits", "too deeply nested"})
    void anyFailureOfTheJsonParserIsAMalformedAnswer(String trouble) {
        // Parsson throws NumberFormatException, UnsupportedOperationException and a bare RuntimeException for these,
        // not JsonException: each escaped as itself.
        String value = switch (trouble) {
            case "exponent overflow" -> "1e9999999999";
            case "too many digits" -> "1" + "0".repeat(2_000);
            default -> "[".repeat(5_000) + "]".repeat(5_000);
        };
        String body = "{\"access_token\":\"abc\",\"expires_in\":" + value + "}";
        BoxAuthenticationException e = malformed(body);
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        BoxAuthenticationException refusal = assertThrows(TokenAttemptException.class,
                () -> parser.parse(500, body, null, ENTERPRISE, SENT)).failure();
        assertTrue(refusal.isTransient());
        assertTrue(refusal.getMessage().contains("not valid JSON"), refusal.getMessage());
    }
}
