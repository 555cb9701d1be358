package dev.boxccg.core;

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
}
