package dev.boxccg.it.wildflycluster.grid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads and writes box-ccg's Infinispan cache on one node, looked up as box-ccg looks it up, by its global JNDI name,
 * so the test can see that an entry put on one node is read on the other, and that box-ccg's token entries are in
 * WildFly's cache. The probe WAR does not declare the cache: WildFly has started it because the test application's
 * web.xml does (without that, this lookup fails with a NameNotFoundException and the probe answers 500). Entries it
 * writes start with {@value #PREFIX} (the shared scenarios' probe keys do);
 * box-ccg's own names (hex HMACs) never do, and box-ccg ignores entries it did not name.
 */
@Path("entries")
@ApplicationScoped
public class GridResource {

    public static final String JNDI_NAME = "java:jboss/infinispan/cache/server/box-ccg-tokens";
    public static final String PREFIX = "probe-";

    @PUT
    @Path("{key}")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response put(@PathParam("key") String key, String value) throws NamingException {
        if (!key.startsWith(PREFIX)) {
            return Response.status(Response.Status.BAD_REQUEST).entity("probe keys start with " + PREFIX).build();
        }
        cache().put(key, value);
        return Response.noContent().build();
    }

    /** @return the value, or 404 if this node's view of the cache has none */
    @GET
    @Path("{key}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response get(@PathParam("key") String key) throws NamingException {
        String value = cache().get(key);
        return value == null ? Response.status(Response.Status.NOT_FOUND).build() : Response.ok(value).build();
    }

    /** @return the names of box-ccg's entries on this node (not the probe's), one a line; never a value */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String boxCcgEntries() throws NamingException {
        StringBuilder names = new StringBuilder();
        cache().keySet().stream().filter(key -> !key.startsWith(PREFIX)).sorted()
                .forEach(key -> names.append(key).append('\n'));
        return names.toString();
    }

    @SuppressWarnings("unchecked")
    private static ConcurrentMap<String, String> cache() throws NamingException {
        return (ConcurrentMap<String, String>) new InitialContext().lookup(JNDI_NAME);
    }
}
