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

    @Override
    void close();
}
