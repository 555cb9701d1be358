package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retry policy, with a scripted endpoint on virtual time: the retry waits, the attempt timeouts and the deadline
 * all run on {@link ManualTime}, so no test here sleeps.
 */
class RetryingTokenFetcherTest {

    private static final BoxSubject SUBJECT = BoxSubject.enterprise("1234");
    private static final TokenKey KEY = new TokenKey(
            AppIdentity.of(URI.create("https://api.box.com/oauth2/token"), "client", "secret"),
            TokenRequest.clientCredentials(SUBJECT));
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** 1 s, 2 s, 4 s, 8 s at most; 6 attempts; 60 s. */
    private static final RetrySettings RETRY =
            new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), Duration.ofSeconds(60), 6);

    private final ManualTime time = new ManualTime();
    private final long start = time.nanos();
    /** The retry waits asked of the scheduler, in order. */
    private final List<Duration> waits = new ArrayList<>();
    private final Scheduler recordingWaits = (delay, task) -> {
        waits.add(delay);
        return time.schedule(delay, task);
    };
    private final List<Integer> failedAttempts = new ArrayList<>();
    private final EngineListener listener = new EngineListener() {
        @Override
        public void attemptFailed(TokenKey key, int attempt, BoxAuthenticationException failure) {
            failedAttempts.add(attempt);
        }
    };
    private final ScriptedEndpoint endpoint = new ScriptedEndpoint();

    private RetryingTokenFetcher fetcher(RetrySettings retry) {
        return fetcher(retry, Runnable::run);
    }

    private RetryingTokenFetcher fetcher(RetrySettings retry, Executor executor) {
        return new RetryingTokenFetcher(endpoint, retry, READ_TIMEOUT, time, time, time, recordingWaits, executor,
                Jitter.NONE, listener);
    }

    /** Starts a request and lets virtual time run until it is over (at most an hour). */
    private CompletableFuture<Issued> run(RetrySettings retry) {
        CompletableFuture<Issued> result = fetcher(retry).fetch(KEY);
        for (int i = 0; i < 3600 && !result.isDone(); i++) {
            time.advance(Duration.ofSeconds(1));
        }
        assertTrue(result.isDone(), "the request ended");
        return result;
    }

    private static BoxAuthenticationException failure(CompletableFuture<Issued> result) {
        assertTrue(result.isCompletedExceptionally(), "the request failed");
        try {
            result.get();
            throw new AssertionError("unreachable");
        } catch (ExecutionException e) {
            return assertInstanceOf(BoxAuthenticationException.class, e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Duration> seconds(long... values) {
        List<Duration> list = new ArrayList<>();
        for (long value : values) {
            list.add(Duration.ofSeconds(value));
        }
        return list;
    }

    @ParameterizedTest(name = "HTTP {0} is retried")
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retriesTransientStatuses(int status) {
        endpoint.answer(status, "{\"type\":\"error\",\"status\":" + status + "}", null).thenToken();
        Issued issued = run(RETRY).join();
        assertSame(endpoint.issued, issued);
        assertEquals("token-2", issued.token().value());
        assertEquals(2, endpoint.attempts());
        assertEquals(seconds(1), waits);
        assertEquals(seconds(0, 1), endpoint.startedAt(start), "the second attempt starts when the wait is over");
        assertEquals(List.of(1), failedAttempts);
    }

    @Test
    void retriesIoErrorsAndTimeouts() {
        endpoint.noResponse("Connection reset").noResponse("request timed out").thenToken();
        Issued issued = run(RETRY).join();
        assertSame(endpoint.issued, issued);
        assertEquals(3, endpoint.attempts());
        assertEquals(seconds(1, 2), waits);
    }

    @ParameterizedTest(name = "{0} {1} is not retried")
    @CsvSource({"400,invalid_grant", "400,invalid_client", "400,unauthorized_client", "400,invalid_request",
            "400,unsupported_grant_type", "401,invalid_client", "403,forbidden", "404,not_found"})
    void neverRetriesBoxsRefusals(int status, String error) {
        endpoint.answer(status, "{\"error\":\"" + error + "\",\"error_description\":\"no\"}", "1").thenToken();
        BoxAuthenticationException e = failure(run(RETRY));
        assertEquals(1, endpoint.attempts());
        assertEquals(List.of(), waits);
        assertEquals(error, e.error().orElseThrow());
        assertEquals(status, e.status());
        assertFalse(e.isTransient());
        assertEquals(0, time.pendingTasks(), "the deadline timer was cancelled");
    }

    @Test
    void neverRetriesAMalformedSuccess() {
        endpoint.answer(200, "{\"expires_in\":3600}", null).thenToken();
        BoxAuthenticationException e = failure(run(RETRY));
        assertFalse(e.isTransient());
        assertEquals(1, endpoint.attempts());
    }

    @Test
    void backsOffExponentiallyUpToTheCap() {
        for (int i = 0; i < 5; i++) {
            endpoint.answer(503, "", null);
        }
        endpoint.thenToken();
        assertEquals("token-6", run(RETRY).join().token().value());
        assertEquals(seconds(1, 2, 4, 8, 8), waits);
        assertEquals(seconds(0, 1, 3, 7, 15, 23), endpoint.startedAt(start));
        assertEquals(List.of(1, 2, 3, 4, 5), failedAttempts);
    }

    @Test
    void aSuccessCancelsTheDeadlineTimer() {
        endpoint.thenToken();
        CompletableFuture<Issued> result = fetcher(RETRY).fetch(KEY);
        assertTrue(result.isDone());
        assertEquals(0, time.pendingTasks(), "no deadline timer left behind");
        assertEquals(start, result.join().sentAtNanos());
    }

    @Test
    void honoursRetryAfterInSeconds() {
        endpoint.answer(429, "", "5").thenToken();
        run(RETRY).join();
        assertEquals(seconds(5), waits);
        assertEquals(seconds(0, 5), endpoint.startedAt(start));
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() {
        String inSevenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                time.instant().plusSeconds(7).atZone(ZoneOffset.UTC));
        endpoint.answer(503, "", inSevenSeconds).thenToken();
        run(RETRY).join();
        assertEquals(seconds(7), waits);
    }

    @Test
    void aShorterRetryAfterThanTheBackoffKeepsTheBackoff() {
        endpoint.answer(503, "", null).answer(429, "", "1").thenToken();
        run(RETRY).join();
        assertEquals(seconds(1, 2), waits);
    }

    @Test
    void aRetryAfterLongerThanTheMaxBackoffEndsTheRetriesAtOnce() {
        endpoint.answer(429, "{\"code\":\"rate_limit_exceeded\"}", "120").thenToken();
        CompletableFuture<Issued> result = fetcher(RETRY).fetch(KEY);
        assertTrue(result.isDone(), "given up at once, without waiting");
        BoxAuthenticationException e = failure(result);
        assertEquals(1, endpoint.attempts());
        assertEquals(List.of(), waits);
        assertEquals(429, e.status());
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("Box asked to wait 120.0 s (Retry-After)"), e.getMessage());
        assertTrue(e.getMessage().contains("max-backoff of 8.0 s"), e.getMessage());
    }

    @Test
    void stopsAtMaxAttempts() {
        RetrySettings three = new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)),
                Duration.ofMinutes(10), 3);
        endpoint.alwaysAnswer(500);
        BoxAuthenticationException e = failure(run(three));
        assertEquals(3, endpoint.attempts());
        assertEquals(seconds(1, 2), waits);
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("Gave up after 3 attempts in 3.0 s: the retry max-attempts is 3"),
                e.getMessage());
    }

    @Test
    void makesNoAttemptThatWouldStartAfterTheDeadline() {
        RetrySettings tenSeconds = new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)),
                Duration.ofSeconds(10), 100);
        endpoint.alwaysAnswer(503);
        CompletableFuture<Issued> result = fetcher(tenSeconds).fetch(KEY);
        time.advance(Duration.ofSeconds(7));
        // Attempts at 0, 1, 3 and 7 s; the next (after 8 s) would start past the 10 s deadline: given up now.
        assertTrue(result.isDone(), "given up at 7 s, not at the deadline");
        BoxAuthenticationException e = failure(result);
        assertEquals(seconds(1, 2, 4), waits);
        assertEquals(seconds(0, 1, 3, 7), endpoint.startedAt(start));
        assertTrue(e.getMessage().contains("Gave up after 4 attempts in 7.0 s"), e.getMessage());
        assertTrue(e.getMessage().contains("the next attempt would start after the retry deadline of 10.0 s"),
                e.getMessage());
        assertEquals(503, e.status());
        assertEquals(0, time.pendingTasks(), "the deadline timer was cancelled");
    }

    @Test
    void theLastAttemptGetsOnlyTheTimeLeftBeforeTheDeadline() {
        RetrySettings fiveSeconds = new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)),
                Duration.ofSeconds(5), 100);
        endpoint.answer(503, "", null).answer(503, "", null).thenToken();
        run(fiveSeconds).join();
        // The read timeout is 10 s: attempt 1 at 0 s gets 5 s, attempt 2 at 1 s 4 s, attempt 3 at 3 s 2 s.
        assertEquals(seconds(5, 4, 2), endpoint.timeouts);
    }

    @Test
    void anAttemptGetsTheReadTimeoutOrTheTimeLeftWhicheverIsLess() {
        RetrySettings twelveSeconds = new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)),
                Duration.ofSeconds(12), 100);
        endpoint.alwaysAnswer(503);
        failure(run(twelveSeconds));
        // Attempts at 0, 1, 3, 7 s: min(10 s, 12 s left), min(10 s, 11 s), min(10 s, 9 s), min(10 s, 5 s).
        assertEquals(seconds(0, 1, 3, 7), endpoint.startedAt(start));
        assertEquals(seconds(10, 10, 9, 5), endpoint.timeouts);
    }

    @Test
    void anEndpointThatNeverAnswersFailsAtTheDeadlineAndIsAbandoned() {
        endpoint.alwaysHang();
        CompletableFuture<Issued> result = fetcher(RETRY).fetch(KEY);
        time.advance(Duration.ofSeconds(60).minusMillis(1));
        assertFalse(result.isDone(), "still waiting just before the deadline");
        time.advance(Duration.ofMillis(1));
        assertTrue(result.isDone(), "failed when virtual time reached the deadline");
        BoxAuthenticationException e = failure(result);
        assertEquals("No answer from the token endpoint for " + SUBJECT + " within the retry deadline of 60.0 s.",
                e.getMessage());
        assertEquals(BoxAuthenticationException.NO_RESPONSE, e.status());
        assertTrue(e.isTransient());
        assertEquals(1, endpoint.attempts());
        assertTrue(endpoint.futures.get(0).isCancelled(), "the pending attempt was cancelled");
        assertEquals(0, time.pendingTasks());
    }

    @Test
    void aHangingRetryFailsAtTheDeadlineWithTheLastFailure() {
        endpoint.answer(503, "", null).thenHang();
        CompletableFuture<Issued> result = fetcher(RETRY).fetch(KEY);
        time.advance(Duration.ofSeconds(59));
        assertFalse(result.isDone());
        time.advance(Duration.ofSeconds(1));
        BoxAuthenticationException e = failure(result);
        assertEquals(2, endpoint.attempts());
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("Gave up after 2 attempts in 60.0 s: the retry deadline of 60.0 s passed"),
                e.getMessage());
        assertTrue(endpoint.futures.get(1).isCancelled(), "the pending attempt was cancelled");
    }

    @Test
    void cancellingTheRequestAbandonsTheAttemptInProgress() {
        endpoint.alwaysHang();
        CompletableFuture<Issued> result = fetcher(RETRY).fetch(KEY);
        result.cancel(true);
        assertTrue(endpoint.futures.get(0).isCancelled());
        assertEquals(0, time.pendingTasks(), "the deadline timer was cancelled");
    }

    @Test
    void anExecutorThatRefusesTheRetryEndsTheRequest() {
        endpoint.answer(503, "", null).thenToken();
        CompletableFuture<Issued> result = fetcher(RETRY, task -> {
            throw new RejectedExecutionException("shut down");
        }).fetch(KEY);
        time.advance(Duration.ofSeconds(1));
        BoxAuthenticationException e = failure(result);
        assertEquals(1, endpoint.attempts());
        assertTrue(e.getMessage().contains("could not be scheduled"), e.getMessage());
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }

    @Test
    void anEndpointFailingWithSomethingElseIsReportedNotRetried() {
        endpoint.script.add(new IllegalStateException("a bug"));
        BoxAuthenticationException e = failure(run(RETRY));
        assertEquals(1, endpoint.attempts());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains("failed unexpectedly"), e.getMessage());
    }

    /**
     * Answers from a script, one entry per attempt, at once; or leaves the attempt pending. Records each attempt's
     * timeout, start time and future.
     */
    private final class ScriptedEndpoint implements TokenEndpoint {
        private static final Object HANG = new Object();
        private static final Object TOKEN = new Object();

        final Deque<Object> script = new ArrayDeque<>();
        final List<Duration> timeouts = new ArrayList<>();
        final List<Long> starts = new ArrayList<>();
        final List<CompletableFuture<Issued>> futures = new ArrayList<>();
        private final TokenResponseParser parser = new TokenResponseParser("secret");
        private Object always = HANG;
        Issued issued;

        ScriptedEndpoint answer(int status, String body, String retryAfter) {
            script.add(new Object[] {status, body, retryAfter});
            return this;
        }

        ScriptedEndpoint noResponse(String message) {
            script.add(new TokenAttemptException(new BoxAuthenticationException(message,
                    BoxAuthenticationException.NO_RESPONSE, null, null, null, true, null), null));
            return this;
        }

        void thenToken() {
            script.add(TOKEN);
        }

        void thenHang() {
            script.add(HANG);
        }

        void alwaysAnswer(int status) {
            always = new Object[] {status, "", null};
        }

        void alwaysHang() {
            always = HANG;
        }

        int attempts() {
            return futures.size();
        }

        /** @return when each attempt started, from {@code origin} */
        List<Duration> startedAt(long origin) {
            return starts.stream().map(at -> Duration.ofNanos(at - origin)).toList();
        }

        @Override
        public CompletableFuture<Issued> requestToken(TokenKey key, Duration timeout) {
            CompletableFuture<Issued> attempt = new CompletableFuture<>();
            futures.add(attempt);
            timeouts.add(timeout);
            starts.add(time.nanos());
            Object next = script.isEmpty() ? always : script.poll();
            if (next == TOKEN) {
                issued = new Issued(new BoxAccessToken("token-" + futures.size(), "bearer", time.instant(),
                        time.instant().plusSeconds(3600), key.request().subject(), List.of()), time.nanos());
                attempt.complete(issued);
            } else if (next instanceof Object[] answer) {
                try {
                    BoxAccessToken token = parser.parse((Integer) answer[0], (String) answer[1], (String) answer[2],
                            key.request().subject(), time.instant());
                    attempt.complete(new Issued(token, time.nanos()));
                } catch (TokenAttemptException e) {
                    attempt.completeExceptionally(e);
                }
            } else if (next instanceof Throwable e) {
                attempt.completeExceptionally(e);
            }
            return attempt;
        }
    }
}
