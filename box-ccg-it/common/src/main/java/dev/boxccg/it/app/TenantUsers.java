package dev.boxccg.it.app;

import dev.boxccg.BoxAuthenticated;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The same API with the configuration {@code customers}, which serves tenants: used inside BoxCalls.asTenant. */
@RegisterRestClient(configKey = "box")
@BoxAuthenticated("customers")
@Path("/2.0")
@Produces(MediaType.APPLICATION_JSON)
public interface TenantUsers {

    @GET
    @Path("/users/me")
    JsonObject me();
}
