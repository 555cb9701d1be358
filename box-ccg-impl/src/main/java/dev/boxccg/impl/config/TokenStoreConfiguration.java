package dev.boxccg.impl.config;

import dev.boxccg.core.SharedTokenStore;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a configuration's app keeps its tokens: {@code local} (in the JVM, the default) or a shared grid such as
 * {@code jcache} (box-ccg-store-jcache) or {@code infinispan} (WildFly's, built into box-ccg-impl), with the grid's
 * cache, lease and timeout.
 *
 * @param kind         {@value BoxCcgKeys#TOKEN_STORE}: {@value #LOCAL_KIND} or a grid factory's name
 * @param cache        {@value BoxCcgKeys#TOKEN_STORE_CACHE}
 * @param cacheManager {@value BoxCcgKeys#TOKEN_STORE_CACHE_MANAGER}: where to find the grid; empty for the default
 * @param lease        {@value BoxCcgKeys#TOKEN_STORE_LEASE}
 * @param timeout      {@value BoxCcgKeys#TOKEN_STORE_TIMEOUT}
 */
public record TokenStoreConfiguration(String kind, String cache, Optional<String> cacheManager, Duration lease,
                                      Duration timeout) {

    public static final String LOCAL_KIND = "local";
    /** WildFly's Infinispan cache, looked up in JNDI (built into box-ccg-impl). */
    public static final String INFINISPAN_KIND = "infinispan";
    public static final String DEFAULT_CACHE = "box-ccg-tokens";
    /** Tokens kept in the JVM only: the default. */
    public static final TokenStoreConfiguration LOCAL = new TokenStoreConfiguration(LOCAL_KIND, DEFAULT_CACHE,
            Optional.empty(), SharedTokenStore.DEFAULT_LEASE, SharedTokenStore.DEFAULT_TIMEOUT);

    public TokenStoreConfiguration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(cacheManager, "cacheManager");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** @return true if the tokens are shared on a grid */
    public boolean isShared() {
        return !LOCAL_KIND.equals(kind);
    }

    /** @return the store's options for {@link SharedTokenStore#share} */
    public SharedTokenStore.Options options() {
        return new SharedTokenStore.Options(lease, timeout);
    }
}
