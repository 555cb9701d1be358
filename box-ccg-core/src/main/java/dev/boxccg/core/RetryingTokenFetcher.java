package dev.boxccg.core;

import dev.boxccg.BoxAuthenticationException;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Obtains a token from the {@link TokenEndpoint}, retrying transient failures (IO errors, timeouts, HTTP 5xx, 429)
 * with exponential backoff and jitter, honouring {@code Retry-After}, all within the retry deadline. Box's refusals
 * ({@code invalid_grant}, {@code invalid_client}, {@code unauthorized_client}, {@code invalid_request}, any other
 * 4xx) are never retried: the same request would be refused again.
 *
 * <p>Asynchronous: no thread waits while an attempt runs or between attempts. The whole request ends by its
 * deadline, whatever the endpoint does: a timer then abandons the attempt in progress.
 */
final class RetryingTokenFetcher {

    private static final System.Logger LOG = System.getLogger(RetryingTokenFetcher.class.getName());

    /** An attempt with less time than this before the deadline is not worth starting. */
    static final Duration MIN_ATTEMPT_TIME = Duration.ofMillis(50);

    private final TokenEndpoint endpoint;
    private final RetrySettings retry;
    private final Duration readTimeout;
    private final Ticker ticker;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Scheduler retryWaits;
    private final Executor executor;
    private final Jitter jitter;
    private final EngineListener listener;

    RetryingTokenFetcher(TokenEndpoint endpoint, RetrySettings retry, Duration readTimeout, Ticker ticker, Clock clock,
                         Scheduler scheduler, Scheduler retryWaits, Executor executor, Jitter jitter,
                         EngineListener listener) {
        this.endpoint = endpoint;
        this.retry = retry;
        this.readTimeout = readTimeout;
        this.ticker = ticker;
        this.clock = clock;
        this.scheduler = scheduler;
        this.retryWaits = retryWaits;
        this.executor = executor;
        this.jitter = jitter;
        this.listener = listener;
    }

    /**
     * @return completes with the token, or exceptionally with the {@link BoxAuthenticationException} the caller
     *         sees: Box's refusal, or the last transient failure once retries or the deadline are used up
     */
    CompletableFuture<Issued> fetch(TokenKey key) {
        return fetch(key, null);
    }

    /** @param subjectToken the parent's current token value, for a {@link TokenRequest.TokenExchange}; else null */
    CompletableFuture<Issued> fetch(TokenKey key, String subjectToken) {
        Request request = new Request(key, subjectToken);
        request.start();
        return request.result;
    }

    /** One token request: its attempts, waits and deadline. */
    private final class Request {
        final CompletableFuture<Issued> result = new CompletableFuture<>();
        final TokenKey key;
        /** Sent, never printed. */
        private final String subjectToken;
        final long startNanos = ticker.nanos();
        final long deadlineNanos = startNanos + retry.deadline().toNanos();
        private int attempts;
        private volatile CompletableFuture<Issued> current;
        private volatile TokenAttemptException lastFailure;
        private Scheduler.Cancellable deadlineTimer;

        Request(TokenKey key, String subjectToken) {
            this.key = key;
            this.subjectToken = subjectToken;
        }

        void start() {
            try {
                deadlineTimer = scheduler.schedule(retry.deadline(), this::deadlinePassed);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(stopped(e));
                return;
            }
            result.whenComplete((issued, error) -> {
                deadlineTimer.cancel();
                CompletableFuture<Issued> attempt = current;
                if (attempt != null) {
                    attempt.cancel(true); // abandons an attempt in progress (deadline, or the caller cancelled)
                }
            });
            nextAttempt();
        }

        private synchronized void nextAttempt() {
            if (result.isDone()) {
                return;
            }
            attempts++;
            long left = deadlineNanos - ticker.nanos();
            // The deadline bounds the waits and the attempts alike: the last attempt gets only the time that is left.
            Duration timeout = max(MIN_ATTEMPT_TIME, min(readTimeout, Duration.ofNanos(left)));
            CompletableFuture<Issued> attempt;
            try {
                attempt = endpoint.requestToken(key, subjectToken, timeout);
            } catch (RuntimeException e) { // e.g. the timer was shut down with the application
                result.completeExceptionally(bug(e));
                return;
            }
            current = attempt;
            int number = attempts;
            attempt.whenComplete((issued, error) -> attemptDone(number, issued, error));
        }

        private void attemptDone(int number, Issued issued, Throwable error) {
            if (issued != null) {
                result.complete(issued);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                return; // we abandoned it ourselves
            }
            if (!(cause instanceof TokenAttemptException failed)) {
                result.completeExceptionally(bug(cause));
                return;
            }
            lastFailure = failed;
            if (!failed.retryable()) {
                result.completeExceptionally(failed.failure());
                return;
            }
            Duration wait;
            try {
                wait = waitBeforeRetry(failed, number);
            } catch (BoxAuthenticationException giveUp) {
                result.completeExceptionally(giveUp);
                return;
            }
            listener.attemptFailed(key, number, failed.failure());
            LOG.log(Level.DEBUG, () -> "Box token request for " + key + ", attempt " + number + ", failed; retrying in "
                    + wait.toMillis() + " ms: " + failed.getMessage());
            try {
                // The timer only hands over: an attempt may resolve a host name, which must not hold the timer.
                retryWaits.schedule(wait, () -> runOnExecutor(this::nextAttempt));
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(stopped(e));
            }
        }

        private void runOnExecutor(Runnable task) {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(stopped(e));
            }
        }

        private void deadlinePassed() {
            TokenAttemptException last = lastFailure;
            if (last == null) {
                String message = "No answer from the token endpoint for " + key.request().subject() + " within the"
                        + " retry deadline of " + seconds(retry.deadline()) + ".";
                result.completeExceptionally(new BoxAuthenticationException(message,
                        BoxAuthenticationException.NO_RESPONSE, null, null, null, true, null));
            } else {
                result.completeExceptionally(giveUp(last, attempts, "the retry deadline of "
                        + seconds(retry.deadline()) + " passed"));
            }
        }

        /** @return how long to wait before the next attempt; throws the final failure if there is to be none */
        private Duration waitBeforeRetry(TokenAttemptException failed, int attempt) {
            if (attempt >= retry.maxAttempts()) {
                throw giveUp(failed, attempt, "the retry max-attempts is " + retry.maxAttempts());
            }
            Duration wait = jitter.apply(retry.backoff().after(attempt));
            Optional<Duration> asked = failed.retryAfter().flatMap(header -> RetryAfter.parse(header, clock.instant()));
            if (asked.isPresent()) {
                if (asked.get().compareTo(retry.backoff().max()) > 0) {
                    throw giveUp(failed, attempt, "Box asked to wait " + seconds(asked.get())
                            + " (Retry-After), longer than the retry max-backoff of " + seconds(retry.backoff().max()));
                }
                wait = max(wait, asked.get());
            }
            // The next attempt needs some time of its own before the deadline, or it could not get an answer.
            long left = deadlineNanos - ticker.nanos();
            if (wait.plus(MIN_ATTEMPT_TIME).toNanos() >= left) {
                throw giveUp(failed, attempt, "the next attempt would start after the retry deadline of "
                        + seconds(retry.deadline()));
            }
            return wait;
        }

        private BoxAuthenticationException giveUp(TokenAttemptException last, int attempts, String why) {
            BoxAuthenticationException failure = last.failure();
            String message = failure.getMessage() + " Gave up after " + attempts
                    + (attempts == 1 ? " attempt" : " attempts") + " in "
                    + seconds(Duration.ofNanos(ticker.nanos() - startNanos)) + ": " + why + ".";
            return new BoxAuthenticationException(message, failure.status(), failure.error().orElse(null),
                    failure.errorDescription().orElse(null), failure.hint().orElse(null), true, failure.getCause());
        }

        private BoxAuthenticationException stopped(RejectedExecutionException e) {
            return new BoxAuthenticationException("The token request for " + key.request().subject()
                    + " could not be scheduled: box-ccg's executor refused it (is the application stopping?)",
                    BoxAuthenticationException.NO_RESPONSE, null, null, null, true, e);
        }

        private BoxAuthenticationException bug(Throwable cause) {
            return new BoxAuthenticationException("The token request for " + key.request().subject()
                    + " failed unexpectedly: " + cause.getClass().getName(), BoxAuthenticationException.NO_RESPONSE,
                    null, null, null, true, cause);
        }
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
