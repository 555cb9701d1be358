package dev.boxccg.store.jcache;

import dev.boxccg.core.TokenGrid;
import dev.boxccg.core.TokenGridFactory;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.ArrayList;
import java.util.List;
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
        return fromCachingProvider(Caching.getDefaultClassLoader());
    }

    /**
     * The default manager of the one JCache provider that {@code classLoader} sees. Two failures read alike in
     * {@link Caching}'s exceptions but call for different fixes, so they are told apart: no provider (or several) on
     * the class path, and a provider that is there but cannot start its cache manager (e.g. a Hazelcast member whose
     * port is taken). The messages name exception classes, never a provider's message, which may quote its
     * configuration; box-ccg logs only the message of what this throws.
     */
    static CacheManager fromCachingProvider(ClassLoader classLoader) {
        CachingProvider provider;
        try {
            provider = Caching.getCachingProvider(classLoader);
        } catch (RuntimeException e) {
            throw new IllegalStateException(noSingleProvider(classLoader, e), e);
        }
        return defaultCacheManager(provider);
    }

    /** @throws IllegalStateException naming the provider's class and the failure's, if the provider fails to start */
    static CacheManager defaultCacheManager(CachingProvider provider) {
        try {
            return provider.getCacheManager();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("The JCache provider " + provider.getClass().getName() + " is on the"
                    + " class path but could not start its default cache manager: " + causes(e)
                    + " (the server's log has the provider's own messages)", e);
        }
    }

    private static String noSingleProvider(ClassLoader classLoader, RuntimeException failure) {
        List<String> found = new ArrayList<>();
        try {
            Caching.getCachingProviders(classLoader).forEach(provider -> found.add(provider.getClass().getName()));
        } catch (RuntimeException e) {
            return "The JCache providers on the class path could not be listed: " + causes(e) + "; set"
                    + " token-store.cache-manager to the JNDI name of a javax.cache.CacheManager";
        }
        if (found.size() > 1) {
            return "Several JCache providers on the class path (" + String.join(", ", found) + ") and none chosen:"
                    + " keep one, set the system property " + Caching.JAVAX_CACHE_CACHING_PROVIDER + ", or set"
                    + " token-store.cache-manager to a JNDI name";
        }
        return "No JCache provider on the class path to share box-ccg's tokens: add one to the application (for"
                + " example com.hazelcast:hazelcast with its hazelcast.xml), or set token-store.cache-manager to the"
                + " JNDI name of a javax.cache.CacheManager (" + causes(failure) + ")";
    }

    /** @return the class of the failure and of each of its causes, e.g. {@code A caused by B}; never a message */
    private static String causes(Throwable failure) {
        StringBuilder names = new StringBuilder(failure.getClass().getName());
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && cause != failure && depth < 5; depth++, cause = cause.getCause()) {
            names.append(" caused by ").append(cause.getClass().getName());
        }
        return names.toString();
    }
}
