package dev.boxccg.core;

import dev.boxccg.BoxAuthenticationException;

import java.util.Optional;

/**
 * One attempt at the token endpoint failed. Says whether another attempt may help, and what Box asked for in
 * {@code Retry-After}; {@link #failure()} is what the caller sees if no attempt succeeds.
 */
final class TokenAttemptException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient String retryAfter;

    TokenAttemptException(BoxAuthenticationException failure, String retryAfter) {
        super(failure.getMessage(), failure, false, false);
        this.retryAfter = retryAfter;
    }

    BoxAuthenticationException failure() {
        return (BoxAuthenticationException) getCause();
    }

    boolean retryable() {
        return failure().isTransient();
    }

    /** @return the raw {@code Retry-After} header of the answer, if it had one */
    Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
