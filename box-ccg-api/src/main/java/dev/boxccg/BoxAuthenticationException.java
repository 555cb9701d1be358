package dev.boxccg;

import java.time.Duration;
import java.util.Optional;

/**
 * Box did not issue a token, or could not be asked.
 *
 * <p>Carries what Box said ({@link #error()}, {@link #errorDescription()}, the {@linkplain #status() HTTP status})
 * and a {@linkplain #hint() hint} a person can act on. Never carries the client secret or a token: its message is
 * safe to log. When the engine will not ask Box again for a while (a cooldown after a failed request), it says how long
 * in {@link #retryAfter()}, so a caller can answer its own callers "try again in N s" without parsing the message.
 */
public class BoxAuthenticationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@link #status()} when no HTTP response was received (connection refused, timeout, …). */
    public static final int NO_RESPONSE = 0;

    private final int status;
    private final String error;
    private final String errorDescription;
    private final String hint;
    private final boolean transientFailure;
    private final Duration retryAfter;

    /**
     * @param message          what went wrong, for a person; must not contain a secret or a token
     * @param status           the HTTP status, or {@link #NO_RESPONSE}
     * @param error            Box's OAuth2 {@code error}, or null
     * @param errorDescription Box's {@code error_description}, or null
     * @param hint             what to do about it, or null
     * @param transientFailure true if the same request may succeed later (IO error, timeout, 5xx, 429)
     * @param cause            the underlying cause, or null
     */
    public BoxAuthenticationException(String message, int status, String error, String errorDescription, String hint,
                                      boolean transientFailure, Throwable cause) {
        this(message, status, error, errorDescription, hint, transientFailure, cause, null);
    }

    /**
     * @param message          what went wrong, for a person; must not contain a secret or a token
     * @param status           the HTTP status, or {@link #NO_RESPONSE}
     * @param error            Box's OAuth2 {@code error}, or null
     * @param errorDescription Box's {@code error_description}, or null
     * @param hint             what to do about it, or null
     * @param transientFailure true if the same request may succeed later (IO error, timeout, 5xx, 429)
     * @param cause            the underlying cause, or null
     * @param retryAfter       how long from when this is thrown no new token request is made, or null if unknown
     */
    public BoxAuthenticationException(String message, int status, String error, String errorDescription, String hint,
                                      boolean transientFailure, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
        this.hint = hint;
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
    }

    /** @return the HTTP status of Box's answer, or {@link #NO_RESPONSE} if none was received */
    public int status() {
        return status;
    }

    /** @return Box's OAuth2 {@code error}, such as {@code invalid_grant} */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** @return Box's {@code error_description}, such as {@code Grant credentials are invalid} */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** @return what a person should check or change, such as a setting in the Box Developer Console */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /**
     * @return true if the failure may go away by itself (network error, timeout, HTTP 5xx or 429) and the request
     * was retried until the retry deadline; false if Box rejected the request and retrying cannot help
     */
    public boolean isTransient() {
        return transientFailure;
    }

    /**
     * @return how long, counted from when this exception was thrown, the engine makes no new token request for this
     * configuration and subject (the cooldown after a failed request), so asking again sooner fails the same way;
     * empty if unknown (for example when a caller stopped waiting for a request that goes on)
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
