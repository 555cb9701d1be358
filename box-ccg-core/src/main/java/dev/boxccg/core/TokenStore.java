package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;

import java.util.Optional;

/**
 * Where the engine keeps issued tokens beyond its own bounded cache, so a token can outlive the cache's eviction —
 * or, with a store on a data grid, be shared by several JVMs. The engine asks it before every token request and
 * writes every token it obtains; it stays the only one to decide when a request is made.
 *
 * <p>Implementations are thread safe, fast, and never block for long: a store that is slow or failing must throw or
 * answer empty rather than hang, and the engine then requests the token itself. The default is
 * {@link InMemoryTokenStore}.
 */
public interface TokenStore {

    /** @return the token held for {@code key}, valid or not; empty if none */
    Optional<BoxAccessToken> get(TokenKey key);

    /**
     * Stores {@code token} unless the store holds one issued later for the same key.
     *
     * @return true if {@code token} is now the stored one
     */
    boolean replaceIfNewer(TokenKey key, BoxAccessToken token);

    /**
     * Removes {@code token} if it is still the stored one for {@code key}: a late rejection of an old token never
     * removes a newer one.
     *
     * @return true if it was removed
     */
    boolean removeIfSame(TokenKey key, BoxAccessToken token);
}
