package dev.boxccg.benchmarks.harness;

/**
 * One library's way of handing out the token a Box API call is sent with, as its own API client uses it.
 */
interface TokenClient extends AutoCloseable {

    /** @return the library's own call for the token it would send now (may fetch one, and so block) */
    String token();

    /**
     * What the library does after Box answered 401 to a call made with {@code rejected}.
     *
     * @return the token the library retries the call with, or null if it does not retry (the call fails)
     */
    String afterUnauthorized(String rejected);

    /**
     * One API call as the library's API client makes it: the token, the call, and after a 401 the library's own
     * recovery and, if it retries, the retried call. A library whose API client can be driven directly overrides this.
     *
     * @return true if the call (or its retry) succeeded, false if the caller saw a 401
     */
    default boolean call(ApiCheck api) {
        String token = token();
        if (api.accepts(token)) {
            return true;
        }
        String retried = afterUnauthorized(token);
        return retried != null && api.accepts(retried);
    }

    @Override
    void close();
}
