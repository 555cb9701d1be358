package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;

import java.time.Duration;

/** One attempt at Box's token endpoint: no retries, no caching. */
@FunctionalInterface
interface TokenEndpoint {

    /**
     * @param subject whom the token is for
     * @param timeout how long to wait for the answer
     * @return the token Box issued
     * @throws TokenAttemptException if no token was issued; says whether to retry
     */
    BoxAccessToken requestToken(BoxSubject subject, Duration timeout) throws TokenAttemptException, InterruptedException;
}
