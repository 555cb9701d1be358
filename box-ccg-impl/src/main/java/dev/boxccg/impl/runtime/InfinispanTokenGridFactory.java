package dev.boxccg.impl.runtime;

import dev.boxccg.core.TokenGrid;
import dev.boxccg.core.TokenGridFactory;
import dev.boxccg.impl.config.BoxCcgKeys;
import dev.boxccg.impl.config.TokenStoreConfiguration;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code token-store=infinispan}: WildFly's Infinispan cache {@code <cache-manager>/<cache>} (by default
 * {@code server/box-ccg-tokens}), looked up in JNDI under {@code java:jboss/infinispan/cache/<container>/<cache>}
 * and used as the {@link ConcurrentMap} an Infinispan {@code Cache} is, through {@link TokenGrid#of}. No Infinispan
 * class is needed to compile or load this: it is built into box-ccg-impl, so a WildFly application needs no extra
 * module and no {@code infinispan-jcache} beside WildFly's own grid.
 *
 * <p>WildFly starts a cache only for a deployment that declares it needs it: a plain lookup from library code finds
 * nothing (checked on WildFly 39: {@code NameNotFoundException}) unless the WAR names the cache, e.g. in
 * {@code WEB-INF/web.xml} as a {@code <resource-env-ref>} whose {@code <lookup-name>} is the JNDI name. The errors
 * say so, with the name tried.
 */
public final class InfinispanTokenGridFactory implements TokenGridFactory {

    public static final String NAME = TokenStoreConfiguration.INFINISPAN_KIND;
    /** WildFly's cache container meant for applications' server-side state, present in every {@code -ha} profile. */
    public static final String DEFAULT_CONTAINER = "server";

    /** Looks a name up in JNDI; a seam for tests, which have no naming service. */
    @FunctionalInterface
    interface Jndi {
        Object lookup(String name) throws NamingException;
    }

    private final Jndi jndi;

    public InfinispanTokenGridFactory() {
        this(InfinispanTokenGridFactory::lookUp);
    }

    InfinispanTokenGridFactory(Jndi jndi) {
        this.jndi = jndi;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @param cacheName    the cache's name in its container ({@code token-store.cache})
     * @param cacheManager the cache container ({@code token-store.cache-manager}); {@value #DEFAULT_CONTAINER} if
     *                     empty
     */
    @Override
    public TokenGrid open(String cacheName, Optional<String> cacheManager) {
        String container = cacheManager.orElse(DEFAULT_CONTAINER);
        String jndiName = jndiName(container, cacheName);
        Object found;
        try {
            found = jndi.lookup(jndiName);
        } catch (NoInitialContextException e) {
            throw new IllegalStateException("No JNDI naming service to look up the Infinispan cache " + jndiName
                    + ": " + BoxCcgKeys.TOKEN_STORE + "=" + NAME + " needs WildFly (in Java SE, give"
                    + " SharedTokenStore a TokenGrid.of(cache, name) of your own)", e);
        } catch (NamingException | RuntimeException e) {
            throw new IllegalStateException("No Infinispan cache under the JNDI name " + jndiName + " ("
                    + BoxCcgKeys.TOKEN_STORE_CACHE_MANAGER + "=" + container + ", " + BoxCcgKeys.TOKEN_STORE_CACHE
                    + "=" + cacheName + "): " + e.getClass().getSimpleName() + ". " + whatToAdd(container, cacheName),
                    e);
        }
        if (!(found instanceof ConcurrentMap<?, ?> map)) {
            throw new IllegalStateException("The JNDI name " + jndiName + " holds a " + (found == null ? "null"
                    : found.getClass().getName()) + ", not an Infinispan cache (a java.util.concurrent.ConcurrentMap)");
        }
        @SuppressWarnings("unchecked") // box-ccg writes only strings into its cache (TokenGrid)
        ConcurrentMap<String, String> strings = (ConcurrentMap<String, String>) map;
        return TokenGrid.of(strings, "Infinispan cache " + container + "/" + cacheName);
    }

    /** The object bound under {@code name}; it stays usable once the context that found it is closed. */
    private static Object lookUp(String name) throws NamingException {
        InitialContext context = new InitialContext();
        try {
            return context.lookup(name);
        } finally {
            context.close();
        }
    }

    /** @return where WildFly binds the cache {@code container/cache} */
    public static String jndiName(String container, String cache) {
        return "java:jboss/infinispan/cache/" + container + "/" + cache;
    }

    /** What a WildFly user adds so that the lookup works: the cache, and the WAR's declaration of it. */
    static String whatToAdd(String container, String cache) {
        return "On WildFly, run a profile with clustering (standalone-ha.xml), add the cache (jboss-cli:"
                + " /subsystem=infinispan/cache-container=" + container + "/replicated-cache=" + cache + ":add())"
                + " and declare it in the WAR's WEB-INF/web.xml, so that WildFly starts it for the deployment:"
                + " <resource-env-ref><resource-env-ref-name>box-ccg/tokens</resource-env-ref-name><lookup-name>"
                + jndiName(container, cache) + "</lookup-name></resource-env-ref>";
    }
}
