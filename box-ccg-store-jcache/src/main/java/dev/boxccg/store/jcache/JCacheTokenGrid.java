package dev.boxccg.store.jcache;

import dev.boxccg.core.TokenGrid;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TokenGrid} on a JCache (JSR-107) {@code Cache<String, String>}: Payara's Hazelcast, or any provider.
 * Nothing but JCache's own atomic operations; {@link dev.boxccg.core.SharedTokenStore} does the rest.
 */
public final class JCacheTokenGrid implements TokenGrid {

    /** The cache's name unless configured otherwise. */
    public static final String DEFAULT_CACHE = "box-ccg-tokens";
    /**
     * How long an entry stays after its last write when box-ccg makes the cache: beyond a token's life (about an
     * hour), so only entries nobody renews go. It only frees memory: entries carry their own expiry.
     */
    static final Duration ENTRY_LIFETIME = new Duration(TimeUnit.HOURS, 2);

    private final Cache<String, String> cache;
    /** Taken at once: a closed cache no longer knows its manager. */
    private final String description;

    /** @param cache a cache of strings to strings, shared by the nodes */
    public JCacheTokenGrid(Cache<String, String> cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.description = "JCache cache '" + cache.getName() + "' of " + cache.getCacheManager().getURI();
    }

    /**
     * @return the grid on {@code manager}'s cache {@code cacheName}, made (strings to strings, entries dropped two
     *         hours after their last write) if it does not exist yet
     */
    public static JCacheTokenGrid open(CacheManager manager, String cacheName) {
        Cache<String, String> cache = existing(manager, cacheName);
        if (cache == null) {
            try {
                cache = manager.createCache(cacheName, new MutableConfiguration<String, String>()
                        .setTypes(String.class, String.class)
                        .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(ENTRY_LIFETIME))
                        .setStoreByValue(true));
            } catch (CacheException e) {
                cache = existing(manager, cacheName); // another node (or thread) made it first
                if (cache == null) {
                    throw e;
                }
            }
        }
        return new JCacheTokenGrid(cache);
    }

    /** A cache configured with types is looked up with them; one configured without (a server's) without. */
    @SuppressWarnings("unchecked")
    private static Cache<String, String> existing(CacheManager manager, String cacheName) {
        try {
            return manager.getCache(cacheName, String.class, String.class);
        } catch (IllegalArgumentException | ClassCastException e) {
            return (Cache<String, String>) (Cache<?, ?>) manager.getCache(cacheName);
        }
    }

    @Override
    public String get(String key) {
        return cache.get(key);
    }

    @Override
    public boolean putIfAbsent(String key, String value) {
        return cache.putIfAbsent(key, value);
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        return cache.replace(key, expected, value);
    }

    @Override
    public boolean remove(String key, String expected) {
        return cache.remove(key, expected);
    }

    /** The cache's name and its manager's URI: never a key or a value. */
    @Override
    public String describe() {
        return description;
    }

    /** Two grids on the same cache are equal: one app may be configured twice with one store. */
    @Override
    public boolean equals(Object other) {
        return other instanceof JCacheTokenGrid that && cache.getName().equals(that.cache.getName())
                && cache.getCacheManager() == that.cache.getCacheManager();
    }

    @Override
    public int hashCode() {
        return cache.getName().hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
