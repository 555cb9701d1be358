package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One attempt at Box's token endpoint: no retries, no caching. */
@FunctionalInterface
interface TokenEndpoint {

    /**
     * Sends the request without blocking the calling thread.
     *
     * @param key     whose token: the app and the request
     * @param timeout the whole attempt — connection, headers and body — ends by then
     * @return completes with the issued token, or exceptionally with a {@link TokenAttemptException} that says
     *         whether to retry; never later than {@code timeout} from now. Cancelling it abandons the attempt.
     */
    CompletableFuture<Issued> requestToken(TokenKey key, Duration timeout);

    /**
     * As {@link #requestToken(TokenKey, Duration)}, for a request that may be a {@link TokenRequest.TokenExchange}.
     *
     * @param subjectToken the parent's current token value for an exchange; null for any other request
     */
    default CompletableFuture<Issued> requestToken(TokenKey key, String subjectToken, Duration timeout) {
        if (subjectToken != null) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no token exchange here"));
        }
        return requestToken(key, timeout);
    }

    /**
     * Revokes {@code token} at Box: one attempt, without blocking the calling thread.
     *
     * @param key     whose token it is (for messages)
     * @param timeout the attempt ends by then
     * @return completes when Box confirmed, or exceptionally with a {@link dev.boxccg.BoxAuthenticationException};
     *         never later than {@code timeout} from now
     */
    default CompletableFuture<Void> revoke(TokenKey key, BoxAccessToken token, Duration timeout) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this endpoint cannot revoke"));
    }
}
