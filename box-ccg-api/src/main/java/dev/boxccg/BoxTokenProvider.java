package dev.boxccg;

/**
 * Gives Box access tokens for one app (client ID and secret) and one {@linkplain BoxSubject subject}, obtained with
 * Box's Client Credentials Grant.
 *
 * <p>In a CDI container inject it: {@code @Inject BoxTokenProvider tokens;} reads the default configuration
 * ({@code box.ccg.*} in MicroProfile Config); {@code @Inject @BoxApp("hr") BoxTokenProvider hr;} reads
 * {@code box.ccg.hr.*}.
 *
 * <p><b>Contract.</b> Implementations are thread safe. Tokens are cached and renewed before they expire, in the
 * background: while a valid token exists no caller waits. At most one token request per app and subject is in flight
 * at any time, however many threads ask; the others wait for its result. A failed renewal never discards a token that
 * is still valid. The same holds for {@linkplain #downscoped(BoxDownscope) downscoped} tokens, each cached under its
 * parent's subject and its downscope. The number of keys cached (subjects and downscopes together) is bounded; the
 * least recently used are dropped.
 */
public interface BoxTokenProvider {

    /**
     * Returns a valid token, fetching one only when none is cached.
     *
     * <p>Does not block while a valid token is cached (a renewal, if due, runs in the background). Blocks when no
     * valid token is cached, for at most the configured retry deadline (plus one read timeout), while a single
     * request (with retries of transient failures) obtains one.
     *
     * @return a token valid at the time of return
     * @throws BoxAuthenticationException if Box refused the request, or it kept failing until the retry deadline
     */
    BoxAccessToken token();

    /** @return whom this provider's tokens act as */
    BoxSubject subject();

    /**
     * Tells the provider that Box rejected {@code token} (for example an API call answered 401). The token is
     * dropped only if it is still the current one, so a late rejection of an old token never discards a newer
     * one; the next {@link #token()} then fetches a new token. Never blocks on the network.
     *
     * @param token the token Box rejected
     */
    void invalidate(BoxAccessToken token);

    /**
     * A provider for one user with this provider's app credentials: a managed user (the app needs "App + Enterprise
     * Access") or an app user (the app needs "Generate user access tokens"). Cheap: providers for the same user share
     * their token. The number of users whose tokens are kept is bounded; the least recently used are dropped.
     *
     * @param userId the Box user ID
     * @throws IllegalArgumentException if the ID is blank
     */
    BoxTokenProvider forUser(String userId);

    /**
     * A token narrowed from this provider's token with Box's token exchange: only the given scopes, optionally on one
     * item or one shared link. Hand it to code (a browser UI Element, a partner) that must not hold the full token.
     *
     * <p>Cached per (this provider's subject, downscope) until it expires, and never valid beyond the expiry of the
     * token it was narrowed from; renewed like any token. At most one exchange per (subject, downscope) is in flight,
     * however many threads ask; when this provider holds no valid token, that one is fetched first (once). Counts
     * towards the bound on cached keys. Blocks only when no valid downscoped token is cached, for at most twice the
     * configured retry deadline (the parent token's request, then the exchange) plus a little.
     *
     * @param downscope the scopes, and the item or shared link, the token is restricted to
     * @return a valid token whose {@link BoxAccessToken#restrictedTo()} is Box's answer
     * @throws BoxAuthenticationException if Box refused (its hint says what to change: for {@code invalid_scope}, that
     *                                    the app does not hold that scope, set in the Developer Console under
     *                                    Configuration &gt; Application Scopes), or it kept failing until the deadline
     */
    BoxAccessToken downscoped(BoxDownscope downscope);

    /**
     * Revokes this provider's current token at Box and drops it, so the next {@link #token()} fetches a new one. Does
     * nothing if no valid token is cached. The token is dropped whatever Box answers. Blocks for at most the
     * configured read timeout (plus a little): one attempt, no retries.
     *
     * @throws BoxAuthenticationException if Box refused or did not answer in time; the token is dropped anyway
     */
    void revoke();

    /**
     * A provider bound to one tenant of a configuration that serves tenants ({@code box.ccg[.<name>].tenants=true}):
     * its tokens are of that tenant's credentials, as the application's {@link BoxTenantCredentials} resolves them.
     * Cheap: providers for one tenant share its tokens. See {@link BoxCalls#asTenant} for the per-call scope.
     *
     * @param tenant the tenant key
     * @throws IllegalArgumentException      if the key is blank
     * @throws UnsupportedOperationException if this provider's configuration does not serve tenants
     */
    default BoxTokenProvider forTenant(String tenant) {
        BoxCalls.checkTenant(tenant);
        throw new UnsupportedOperationException("This Box configuration does not serve tenants: set"
                + " box.ccg[.<name>].tenants=true and provide a BoxTenantCredentials bean");
    }
}
