package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Obtains a token from the {@link TokenEndpoint}, retrying transient failures (IO errors, timeouts, HTTP 5xx, 429)
 * with exponential backoff and jitter, honouring {@code Retry-After}, all within the retry deadline. Box's refusals
 * ({@code invalid_grant}, {@code invalid_client}, {@code unauthorized_client}, {@code invalid_request}, any other
 * 4xx) are never retried: the same request would be refused again.
 */
final class RetryingTokenFetcher {

    private static final System.Logger LOG = System.getLogger(RetryingTokenFetcher.class.getName());

    /** An attempt with less time than this before the deadline is not worth starting. */
    private static final Duration MIN_ATTEMPT_TIME = Duration.ofMillis(50);

    private final TokenEndpoint endpoint;
    private final RetrySettings retry;
    private final Duration readTimeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Jitter jitter;

    RetryingTokenFetcher(TokenEndpoint endpoint, RetrySettings retry, Duration readTimeout, Clock clock,
                         Sleeper sleeper, Jitter jitter) {
        this.endpoint = endpoint;
        this.retry = retry;
        this.readTimeout = readTimeout;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /**
     * @throws BoxAuthenticationException if Box refused, or every attempt until the deadline failed
     */
    BoxAccessToken fetch(BoxSubject subject) {
        Instant start = clock.instant();
        Instant deadline = start.plus(retry.deadline());
        for (int attempt = 1; ; attempt++) {
            // The deadline bounds the waits and the attempts alike: the last attempt gets only the time that is left.
            Duration timeout = max(MIN_ATTEMPT_TIME, min(readTimeout, Duration.between(clock.instant(), deadline)));
            try {
                return endpoint.requestToken(subject, timeout);
            } catch (TokenAttemptException failed) {
                if (!failed.retryable()) {
                    throw failed.failure();
                }
                Duration wait = waitBeforeRetry(failed, attempt, start, deadline);
                int failedAttempt = attempt;
                LOG.log(Level.DEBUG, () -> "Box token request, attempt " + failedAttempt + ", failed; retrying in "
                        + wait.toMillis() + " ms: " + failed.getMessage());
                sleep(wait, subject);
            } catch (InterruptedException e) {
                throw interrupted(subject, e);
            }
        }
    }

    /** @return how long to wait before the next attempt; throws the final failure if there is to be none */
    private Duration waitBeforeRetry(TokenAttemptException failed, int attempt, Instant start, Instant deadline) {
        if (attempt >= retry.maxAttempts()) {
            throw giveUp(failed, attempt, start, "the retry max-attempts is " + retry.maxAttempts());
        }
        Instant now = clock.instant();
        Duration wait = jitter.apply(retry.backoff().after(attempt));
        Optional<Duration> asked = failed.retryAfter().flatMap(header -> RetryAfter.parse(header, now));
        if (asked.isPresent()) {
            if (asked.get().compareTo(retry.backoff().max()) > 0) {
                throw giveUp(failed, attempt, start, "Box asked to wait " + seconds(asked.get())
                        + " (Retry-After), longer than the retry max-backoff of " + seconds(retry.backoff().max()));
            }
            wait = max(wait, asked.get());
        }
        // The next attempt needs some time of its own before the deadline, or it could not get an answer.
        if (!now.plus(wait).plus(MIN_ATTEMPT_TIME).isBefore(deadline)) {
            throw giveUp(failed, attempt, start, "the next attempt would start after the retry deadline of "
                    + seconds(retry.deadline()));
        }
        return wait;
    }

    private BoxAuthenticationException giveUp(TokenAttemptException last, int attempts, Instant start, String why) {
        BoxAuthenticationException failure = last.failure();
        String message = failure.getMessage() + " Gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + " in " + seconds(Duration.between(start, clock.instant())) + ": " + why + ".";
        return new BoxAuthenticationException(message, failure.status(), failure.error().orElse(null),
                failure.errorDescription().orElse(null), failure.hint().orElse(null), true, failure.getCause());
    }

    private void sleep(Duration wait, BoxSubject subject) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            throw interrupted(subject, e);
        }
    }

    private static BoxAuthenticationException interrupted(BoxSubject subject, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new BoxAuthenticationException("Interrupted while requesting a Box token for " + subject,
                BoxAuthenticationException.NO_RESPONSE, null, null, null, true, e);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
