package dev.boxccg.it.app;

import dev.boxccg.BoxAuthenticated;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Box's users API as an application declares it: every call carries a token of the default configuration. */
@RegisterRestClient(configKey = "box")
@BoxAuthenticated
@Path("/2.0")
@Produces(MediaType.APPLICATION_JSON)
public interface BoxUsers {

    @GET
    @Path("/users/me")
    JsonObject me();
}
