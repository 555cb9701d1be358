package dev.boxccg.it.cluster.grid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * Writes and reads one JCache cache, so that a test can check that a value put on one node is read on the other: the
 * two nodes share one data grid. The {@code CacheManager} is found as box-ccg-store-jcache finds it without a JNDI
 * name: a CDI bean if the server offers one (Payara: Hazelcast behind it), else
 * {@code Caching.getCachingProvider()}'s default manager (a provider in the WAR, e.g. Hazelcast on Open Liberty, where
 * the first call starts this node's grid member).
 */
@Path("entries")
@ApplicationScoped
public class GridResource {

    static final String CACHE = "box-ccg-it-grid-probe";

    @Inject
    Instance<CacheManager> cacheManagers;

    @PUT
    @Path("{key}")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response put(@PathParam("key") String key, String value) {
        cache().put(key, value);
        return Response.noContent().build();
    }

    /** @return the value, or 404 if this node's view of the grid has none */
    @GET
    @Path("{key}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response get(@PathParam("key") String key) {
        String value = cache().get(key);
        return value == null ? Response.status(Response.Status.NOT_FOUND).build() : Response.ok(value).build();
    }

    /** The cache, created by whichever node asks first; the other finds it in the grid. */
    private Cache<String, String> cache() {
        CacheManager cacheManager = cacheManagers.isResolvable() ? cacheManagers.get()
                : Caching.getCachingProvider().getCacheManager();
        Cache<String, String> cache = cacheManager.getCache(CACHE);
        if (cache != null) {
            return cache;
        }
        try {
            return cacheManager.createCache(CACHE, new MutableConfiguration<String, String>());
        } catch (CacheException createdMeanwhile) {
            return cacheManager.getCache(CACHE);
        }
    }
}
