package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;

import java.time.Duration;
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

    /**
     * A claim to fetch one key's next token, shared by every engine that uses the store: while one engine holds it,
     * the others wait for the token it stores rather than ask Box too. Released once the token is stored (or the
     * request failed); a lease whose holder died runs out by itself.
     */
    @FunctionalInterface
    interface Lease {

        /** The lease of a store that nobody else uses: always granted, nothing to release. */
        Lease LOCAL = () -> {
        };

        /** Gives the lease up early, if it is still this holder's; never throws. */
        void release();
    }

    /**
     * Asks for the right to fetch {@code key}'s next token. The default, for a store used by one engine only, always
     * grants it. Never blocks for long and never throws: a store that cannot tell grants the lease, so the engine
     * fetches the token itself.
     *
     * @return the lease; empty if another engine holds it, and will store the token it gets
     */
    default Optional<Lease> tryLease(TokenKey key) {
        return Optional.of(Lease.LOCAL);
    }

    /**
     * @return the longest an engine waits for the token of another engine's lease on {@code key} before it asks
     *         again for the lease (whose holder then has died) or fetches the token itself; zero for a local store
     */
    default Duration leaseWait(TokenKey key) {
        return Duration.ZERO;
    }
}
