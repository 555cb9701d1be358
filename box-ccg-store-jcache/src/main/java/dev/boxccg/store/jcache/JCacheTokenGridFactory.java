package dev.boxccg.store.jcache;

import dev.boxccg.core.TokenGrid;
import dev.boxccg.core.TokenGridFactory;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Optional;

/**
 * {@code token-store=jcache}: finds the {@link CacheManager}, in this order —
 * <ol>
 *   <li>the JNDI name given by {@code token-store.cache-manager}, if set (Payara: {@code payara/CacheManager});</li>
 *   <li>a CDI bean of type {@code CacheManager}, if the server offers one (Payara does);</li>
 *   <li>{@link Caching#getCachingProvider()}'s default manager: the one JCache provider on the class path (Open
 *       Liberty's configured provider, or the library the application brings).</li>
 * </ol>
 */
public final class JCacheTokenGridFactory implements TokenGridFactory {

    public static final String NAME = "jcache";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TokenGrid open(String cacheName, Optional<String> cacheManager) {
        CacheManager manager = cacheManager.map(JCacheTokenGridFactory::fromJndi)
                .or(JCacheTokenGridFactory::fromCdi)
                .orElseGet(JCacheTokenGridFactory::fromCachingProvider);
        return JCacheTokenGrid.open(manager, cacheName);
    }

    private static CacheManager fromJndi(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            if (found instanceof CacheManager manager) {
                return manager;
            }
            throw new IllegalStateException("JNDI name " + name + " holds a " + (found == null ? "null"
                    : found.getClass().getName()) + ", not a javax.cache.CacheManager");
        } catch (NamingException e) {
            throw new IllegalStateException("No JCache CacheManager under the JNDI name " + name + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** Empty if CDI is absent, not running, or offers no single CacheManager bean. */
    private static Optional<CacheManager> fromCdi() {
        try {
            var instance = jakarta.enterprise.inject.spi.CDI.current().select(CacheManager.class);
            return instance.isResolvable() ? Optional.of(instance.get()) : Optional.empty();
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static CacheManager fromCachingProvider() {
        try {
            return Caching.getCachingProvider().getCacheManager();
        } catch (RuntimeException e) {
            throw new IllegalStateException("No JCache provider to share box-ccg's tokens: add one (for example"
                    + " com.hazelcast:hazelcast) or set token-store.cache-manager to a JNDI name; "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
