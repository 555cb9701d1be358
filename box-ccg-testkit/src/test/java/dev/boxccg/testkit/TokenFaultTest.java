package dev.boxccg.testkit;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenFaultTest extends SimulatorTest {

    private static final Duration DELAY = Duration.ofMillis(400);

    private HttpResponse<String> requestToken() throws IOException {
        return http.postToken(BoxHttp.grantForm(app.clientId(), TestApps.SECRET, "enterprise", app.enterpriseId()));
    }

    /** @return how long the action took; it asserts what it gets */
    private static Duration timed(Executable action) throws Throwable {
        long start = System.nanoTime();
        action.execute();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private Duration timeToAToken() throws Throwable {
        return timed(() -> assertEquals(200, requestToken().statusCode()));
    }

    private static void assertAtLeast(Duration minimum, Duration actual) {
        assertTrue(actual.compareTo(minimum) >= 0, () -> actual + " is shorter than " + minimum);
    }

    private static void assertShorter(Duration maximum, Duration actual) {
        assertTrue(actual.compareTo(maximum) < 0, () -> actual + " is not shorter than " + maximum);
    }

    @Test
    void rateLimitedWithRetryAfterSeconds() throws IOException {
        box.failNextTokenRequests(1, TokenFault.status(429).withRetryAfter("7"));

        HttpResponse<String> response = requestToken();

        assertEquals(429, response.statusCode());
        assertEquals("7", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("application/json", BoxHttp.contentType(response));
        assertTrue(response.body().matches("\\{\"type\":\"error\",\"status\":429,\"code\":\"rate_limit_exceeded\","
                + "\"message\":\"Request rate limit exceeded, please try again later\",\"request_id\":\"[0-9a-f]+\"}"),
                response.body());
        assertEquals(200, requestToken().statusCode());
    }

    @Test
    void retryAfterMayBeAnHttpDate() throws IOException {
        String date = "Wed, 21 Oct 2015 07:28:00 GMT";
        box.failNextTokenRequests(1, TokenFault.status(503).withRetryAfter(date));

        assertEquals(date, requestToken().headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void noRetryAfterUnlessAsked() throws IOException {
        box.failNextTokenRequests(1, TokenFault.status(429));

        assertFalse(requestToken().headers().firstValue("Retry-After").isPresent());
    }

    @ParameterizedTest
    @CsvSource({"500, internal_server_error", "501, internal_server_error", "503, unavailable"})
    void serverErrorsAreBoxClientErrors(int status, String code) throws IOException {
        box.failNextTokenRequests(1, TokenFault.status(status));

        HttpResponse<String> response = requestToken();

        assertEquals(status, response.statusCode());
        JsonObject error = BoxHttp.json(response);
        assertEquals("error", error.getString("type"));
        assertEquals(status, error.getInt("status"));
        assertEquals(code, error.getString("code"));
    }

    @ParameterizedTest
    @CsvSource({"502, 502 Bad Gateway", "504, 504 Gateway Time-out"})
    void gatewayErrorsAreHtml(int status, String title) throws IOException {
        box.failNextTokenRequests(1, TokenFault.status(status));

        HttpResponse<String> response = requestToken();

        assertEquals(status, response.statusCode());
        assertEquals("text/html", BoxHttp.contentType(response));
        assertTrue(response.body().contains("<title>" + title + "</title>"), response.body());
    }

    @Test
    void otherClientErrorsAreOAuth2Errors() throws IOException {
        box.failNextTokenRequests(1, TokenFault.status(403));

        HttpResponse<String> response = requestToken();

        assertEquals(403, response.statusCode());
        assertEquals("invalid_request", BoxHttp.json(response).getString("error"));
    }

    @Test
    void answersExactlyTheGivenBody() throws IOException {
        box.failNextTokenRequests(1, TokenFault.body(418, "text/plain", "I'm a teapot"));

        HttpResponse<String> response = requestToken();

        assertEquals(418, response.statusCode());
        assertEquals("text/plain", BoxHttp.contentType(response));
        assertEquals("I'm a teapot", response.body());
    }

    @Test
    void malformedJson() throws IOException {
        box.failNextTokenRequests(1, TokenFault.malformedJson());

        BoxHttp.assertJson(200, "{\"access_token\": ", requestToken());
    }

    @Test
    void emptyBody() throws IOException {
        box.failNextTokenRequests(1, TokenFault.emptyBody());

        BoxHttp.assertJson(200, "", requestToken());
    }

    @Test
    void connectionReset() throws IOException {
        box.failNextTokenRequests(1, TokenFault.connectionReset());

        assertThrows(IOException.class, this::requestToken);
        assertEquals(200, requestToken().statusCode());
    }

    @Test
    void emptyResponse() throws IOException {
        box.failNextTokenRequests(1, TokenFault.emptyResponse());

        assertThrows(IOException.class, this::requestToken);
        assertEquals(200, requestToken().statusCode());
    }

    @Test
    void delayedAnswersNormallyButLate() throws Throwable {
        box.failNextTokenRequests(1, TokenFault.delayed(DELAY));

        assertAtLeast(DELAY, timeToAToken());
        assertShorter(DELAY, timeToAToken());
    }

    @Test
    void aFaultMayBeDelayed() throws Throwable {
        box.failNextTokenRequests(1, TokenFault.status(500).withDelay(DELAY));

        assertAtLeast(DELAY, timed(() -> assertEquals(500, requestToken().statusCode())));
    }

    @Test
    void aConnectionFaultMayBeDelayed() throws Throwable {
        box.failNextTokenRequests(1, TokenFault.connectionReset().withDelay(DELAY));

        assertAtLeast(DELAY, timed(() -> assertThrows(IOException.class, this::requestToken)));
    }

    @Test
    void theEndpointDelayAppliesToEveryAnswerUntilSetToZero() throws Throwable {
        box.tokenEndpointDelay(DELAY);
        assertAtLeast(DELAY, timeToAToken());
        box.failNextTokenRequests(1, TokenFault.status(429));
        assertAtLeast(DELAY, timed(() -> assertEquals(429, requestToken().statusCode())));
        box.failNextTokenRequests(1, TokenFault.delayed(DELAY));
        assertAtLeast(DELAY.multipliedBy(2), timeToAToken());

        box.tokenEndpointDelay(Duration.ZERO);
        assertShorter(DELAY, timeToAToken());
    }

    @Test
    void faultsAreConsumedInOrderThenAnswersAreNormal() throws IOException {
        box.failNextTokenRequests(2, TokenFault.status(500));
        box.failNextTokenRequests(1, TokenFault.status(429));
        box.failNextTokenRequests(0, TokenFault.status(400));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(requestToken().statusCode());
        }

        assertEquals(List.of(500, 500, 429, 200, 200), statuses);
        assertEquals(5, box.tokenRequests(), "faulted requests count too");
    }

    @Test
    void faultsDoNotTouchTheApi() throws IOException {
        String token = BoxHttp.json(requestToken()).getString("access_token");
        box.failNextTokenRequests(1, TokenFault.status(500));

        assertEquals(200, http.getWithToken("/2.0/users/me", token).statusCode());
        assertEquals(500, requestToken().statusCode());
    }

    @Test
    void isAnImmutableValue() {
        TokenFault plain = TokenFault.status(429);
        TokenFault withRetryAfter = plain.withRetryAfter("1");

        assertNotEquals(plain, withRetryAfter);
        assertEquals(TokenFault.status(429), plain);
        assertEquals(TokenFault.status(429).withRetryAfter("1").hashCode(), withRetryAfter.hashCode());
        assertEquals("TokenFault[status 429, Retry-After 1, delay PT0.4S]", withRetryAfter.withDelay(DELAY).toString());
        assertNotEquals(TokenFault.connectionReset(), TokenFault.emptyResponse());
    }

    @Test
    void refusesInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> TokenFault.status(200));
        assertThrows(IllegalArgumentException.class, () -> TokenFault.body(600, "text/plain", ""));
        assertThrows(IllegalArgumentException.class, () -> TokenFault.delayed(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> box.tokenEndpointDelay(Duration.ofDays(-1)));
        assertThrows(IllegalArgumentException.class, () -> box.failNextTokenRequests(-1, TokenFault.status(500)));
        assertThrows(NullPointerException.class, () -> box.failNextTokenRequests(1, null));
    }
}
