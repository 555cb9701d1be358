package dev.boxccg.store.jcache;

import org.junit.jupiter.api.Test;

import javax.cache.CacheException;
import javax.cache.spi.CachingProvider;
import java.lang.reflect.Proxy;
import java.net.BindException;
import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code token-store=jcache} says when it finds no cache manager through {@code Caching}: the two failures call for
 * different fixes (add a provider; see why the provider failed), and the message, which box-ccg logs, never quotes the
 * provider's own message (it may hold its configuration).
 */
class JCacheTokenGridFactoryTest {

    private static final String SECRET = "s3cr3t-from-the-provider's-configuration";

    @Test
    void noProviderOnTheClassPathSaysWhatToAdd() throws Exception {
        // A class loader that sees nothing but the JDK: no META-INF/services/javax.cache.spi.CachingProvider.
        try (URLClassLoader nothing = new URLClassLoader(new URL[0], null)) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> JCacheTokenGridFactory.fromCachingProvider(nothing));

            String message = failure.getMessage();
            assertTrue(message.startsWith("No JCache provider on the class path to share box-ccg's tokens: add one to"
                    + " the application (for example com.hazelcast:hazelcast with its hazelcast.xml), or set"
                    + " token-store.cache-manager to the JNDI name of a javax.cache.CacheManager"), message);
            assertTrue(message.endsWith("(javax.cache.CacheException)"), message);
            assertEquals(CacheException.class, failure.getCause().getClass());
        }
    }

    @Test
    void aProviderThatCannotStartIsNamedWithTheFailuresClassesAndNotItsMessage() {
        CachingProvider failing = (CachingProvider) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CachingProvider.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getCacheManager")) {
                        throw new CacheException("cannot start with password " + SECRET,
                                new BindException("Port [5812] is already in use; " + SECRET));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> JCacheTokenGridFactory.defaultCacheManager(failing));

        String message = failure.getMessage();
        assertEquals("The JCache provider " + failing.getClass().getName() + " is on the class path but could not"
                + " start its default cache manager: javax.cache.CacheException caused by java.net.BindException (the"
                + " server's log has the provider's own messages)", message);
        assertFalse(message.contains(SECRET), message);
        assertFalse(message.contains("No JCache provider"), message);
        assertEquals(CacheException.class, failure.getCause().getClass());
    }
}
