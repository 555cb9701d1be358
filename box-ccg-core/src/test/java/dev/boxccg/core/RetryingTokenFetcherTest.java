package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry policy, with a scripted endpoint and a clock the sleeper moves: no test here sleeps. */
class RetryingTokenFetcherTest {

    private static final BoxSubject SUBJECT = BoxSubject.enterprise("1234");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** 1 s, 2 s, 4 s, 8 s at most; 6 attempts; 60 s. */
    private static final RetrySettings RETRY =
            new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), Duration.ofSeconds(60), 6);

    private final MutableClock clock = new MutableClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = wait -> {
        sleeps.add(wait);
        clock.advance(wait);
    };
    private final ScriptedEndpoint endpoint = new ScriptedEndpoint();

    private RetryingTokenFetcher fetcher(RetrySettings retry) {
        return new RetryingTokenFetcher(endpoint, retry, READ_TIMEOUT, clock, sleeper, Jitter.NONE);
    }

    @ParameterizedTest(name = "HTTP {0} is retried")
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retriesTransientStatuses(int status) {
        endpoint.answer(status, "{\"type\":\"error\",\"status\":" + status + "}", null).thenToken();
        BoxAccessToken token = fetcher(RETRY).fetch(SUBJECT);
        assertSame(endpoint.issued, token);
        assertEquals("token-2", token.value());
        assertEquals(2, endpoint.attempts);
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
    }

    @Test
    void retriesIoErrorsAndTimeouts() {
        endpoint.ioError(new IOException("Connection reset")).ioError(new HttpTimeoutException("request timed out"))
                .thenToken();
        BoxAccessToken token = fetcher(RETRY).fetch(SUBJECT);
        assertSame(endpoint.issued, token);
        assertEquals(3, endpoint.attempts);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    }

    @ParameterizedTest(name = "{0} {1} is not retried")
    @CsvSource({"400,invalid_grant", "400,invalid_client", "400,unauthorized_client", "400,invalid_request",
            "400,unsupported_grant_type", "401,invalid_client", "403,forbidden", "404,not_found"})
    void neverRetriesBoxsRefusals(int status, String error) {
        endpoint.answer(status, "{\"error\":\"" + error + "\",\"error_description\":\"no\"}", "1").thenToken();
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, () -> fetcher(RETRY).fetch(SUBJECT));
        assertEquals(1, endpoint.attempts);
        assertEquals(List.of(), sleeps);
        assertEquals(error, e.error().orElseThrow());
        assertEquals(status, e.status());
        assertFalse(e.isTransient());
    }

    @Test
    void neverRetriesAMalformedSuccess() {
        endpoint.answer(200, "{\"expires_in\":3600}", null).thenToken();
        assertThrows(BoxAuthenticationException.class, () -> fetcher(RETRY).fetch(SUBJECT));
        assertEquals(1, endpoint.attempts);
    }

    @Test
    void backsOffExponentiallyUpToTheCap() {
        for (int i = 0; i < 5; i++) {
            endpoint.answer(503, "", null);
        }
        endpoint.thenToken();
        fetcher(RETRY).fetch(SUBJECT);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(8)), sleeps);
    }

    @Test
    void honoursRetryAfterInSeconds() {
        endpoint.answer(429, "", "5").thenToken();
        fetcher(RETRY).fetch(SUBJECT);
        assertEquals(List.of(Duration.ofSeconds(5)), sleeps);
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() {
        String inSevenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(7).atZone(java.time.ZoneOffset.UTC));
        endpoint.answer(503, "", inSevenSeconds).thenToken();
        fetcher(RETRY).fetch(SUBJECT);
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
    }

    @Test
    void aShorterRetryAfterThanTheBackoffKeepsTheBackoff() {
        endpoint.answer(503, "", null).answer(429, "", "1").thenToken();
        fetcher(RETRY).fetch(SUBJECT);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void aRetryAfterLongerThanTheCapEndsTheRetriesAtOnce() {
        endpoint.answer(429, "{\"code\":\"rate_limit_exceeded\"}", "120").thenToken();
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, () -> fetcher(RETRY).fetch(SUBJECT));
        assertEquals(1, endpoint.attempts);
        assertEquals(List.of(), sleeps);
        assertEquals(429, e.status());
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("Box asked to wait 120.0 s (Retry-After)"), e.getMessage());
    }

    @Test
    void stopsAtTheDeadline() {
        RetrySettings tenSeconds = new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)),
                Duration.ofSeconds(10), 100);
        endpoint.alwaysAnswer(503);
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, () -> fetcher(tenSeconds).fetch(SUBJECT));
        // Waits 1 + 2 + 4 = 7 s; the next (8 s) would end past the 10 s deadline.
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeps);
        assertEquals(4, endpoint.attempts);
        assertTrue(e.getMessage().contains("Gave up after 4 attempts in 7.0 s"), e.getMessage());
        assertTrue(e.getMessage().contains("retry deadline of 10.0 s"), e.getMessage());
        assertEquals(503, e.status());
    }

    @Test
    void theLastAttemptGetsOnlyTheTimeLeftBeforeTheDeadline() {
        RetrySettings fiveSeconds = new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)),
                Duration.ofSeconds(5), 100);
        endpoint.answer(503, "", null).answer(503, "", null).thenToken();
        fetcher(fiveSeconds).fetch(SUBJECT);
        // attempt 1 at 0 s: 5 s left, capped... read timeout is 10 s; attempt 2 at 1 s: 4 s left; attempt 3 at 3 s: 2 s left.
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(2)), endpoint.timeouts);
    }

    @Test
    void stopsAtMaxAttempts() {
        RetrySettings three = new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)),
                Duration.ofMinutes(10), 3);
        endpoint.alwaysAnswer(500);
        BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, () -> fetcher(three).fetch(SUBJECT));
        assertEquals(3, endpoint.attempts);
        assertTrue(e.getMessage().contains("max-attempts is 3"), e.getMessage());
    }

    @Test
    void anInterruptedWaitEndsTheRequestAndKeepsTheInterrupt() {
        endpoint.alwaysAnswer(503);
        RetryingTokenFetcher interrupted = new RetryingTokenFetcher(endpoint, RETRY, READ_TIMEOUT, clock,
                wait -> { throw new InterruptedException(); }, Jitter.NONE);
        try {
            BoxAuthenticationException e = assertThrows(BoxAuthenticationException.class, () -> interrupted.fetch(SUBJECT));
            assertTrue(e.getMessage().contains("Interrupted"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    /** Answers from a script, one entry per attempt; records the timeout each attempt was given. */
    private final class ScriptedEndpoint implements TokenEndpoint {
        private final Deque<Object> script = new ArrayDeque<>();
        private final TokenResponseParser parser = new TokenResponseParser("secret");
        private final List<Duration> timeouts = new ArrayList<>();
        private Integer alwaysStatus;
        private BoxAccessToken issued;
        private int attempts;

        ScriptedEndpoint answer(int status, String body, String retryAfter) {
            script.add(new Object[] {status, body, retryAfter});
            return this;
        }

        ScriptedEndpoint ioError(IOException e) {
            script.add(e);
            return this;
        }

        void thenToken() {
            script.add("token");
        }

        void alwaysAnswer(int status) {
            alwaysStatus = status;
        }

        @Override
        public BoxAccessToken requestToken(BoxSubject subject, Duration timeout) throws TokenAttemptException {
            attempts++;
            timeouts.add(timeout);
            Object next = script.isEmpty() ? new Object[] {alwaysStatus, "", null} : script.poll();
            if (next instanceof IOException e) {
                throw new TokenAttemptException(new BoxAuthenticationException(e.getMessage(),
                        BoxAuthenticationException.NO_RESPONSE, null, null, null, true, e), null);
            }
            if (next instanceof Object[] answer) {
                return parser.parse((Integer) answer[0], (String) answer[1], (String) answer[2], subject, clock.instant());
            }
            issued = new BoxAccessToken("token-" + attempts, "bearer", clock.instant(), clock.instant().plusSeconds(3600),
                    subject, List.of());
            return issued;
        }
    }
}
