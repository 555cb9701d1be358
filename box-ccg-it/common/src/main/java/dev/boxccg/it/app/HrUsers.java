package dev.boxccg.it.app;

import dev.boxccg.BoxAuthenticated;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The same API with the named configuration {@code hr} ({@code box.ccg.hr.*}, a user subject). */
@RegisterRestClient(configKey = "box")
@BoxAuthenticated("hr")
@Path("/2.0")
@Produces(MediaType.APPLICATION_JSON)
public interface HrUsers {

    @GET
    @Path("/users/me")
    JsonObject me();
}
