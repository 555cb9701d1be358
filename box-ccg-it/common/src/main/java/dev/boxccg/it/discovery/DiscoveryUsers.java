package dev.boxccg.it.discovery;

import dev.boxccg.BoxAuthenticated;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Box's users API, declared as in the README's quick start; no CDI annotation besides the REST client's own. */
@RegisterRestClient(configKey = "box")
@BoxAuthenticated
@Path("/2.0")
@Produces(MediaType.APPLICATION_JSON)
public interface DiscoveryUsers {

    @GET
    @Path("/users/me")
    JsonObject me();
}
