package dev.boxccg.core;

import dev.boxccg.BoxAuthenticationException;

import java.time.Instant;
import java.util.Optional;

/**
 * A read-only view of one key's state, for health checks and tests that poll. Times are wall-clock, for display;
 * the engine itself decides on its monotonic {@link Ticker}.
 *
 * @param key         whose state
 * @param validUntil  when the cached token expires; empty if none is cached or it has expired
 * @param lastFailure the last request's failure, if the last request failed
 * @param nextAttempt no request is made before then (cooldown, or backoff of a failed renewal); empty if none is due
 * @param inFlight    true while a token request runs
 */
public record TokenStatus(TokenKey key, Optional<Instant> validUntil, Optional<BoxAuthenticationException> lastFailure,
                          Optional<Instant> nextAttempt, boolean inFlight) {
}
