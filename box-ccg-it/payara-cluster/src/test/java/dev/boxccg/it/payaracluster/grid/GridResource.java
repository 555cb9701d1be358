package dev.boxccg.it.payaracluster.grid;

import jakarta.enterprise.context.ApplicationScoped;
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
import javax.cache.configuration.MutableConfiguration;

/**
 * Writes and reads one JCache cache through the {@code CacheManager} Payara injects (Hazelcast behind it), so the
 * test can check that a value put on one node is read on the other: the two nodes share one data grid.
 */
@Path("entries")
@ApplicationScoped
public class GridResource {

    static final String CACHE = "box-ccg-it-grid-probe";

    @Inject
    CacheManager cacheManager;

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
