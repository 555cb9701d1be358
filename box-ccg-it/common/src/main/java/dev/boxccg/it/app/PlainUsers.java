package dev.boxccg.it.app;

import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Not annotated: box-ccg must leave it alone (no Authorization header, no token request). */
@RegisterRestClient(configKey = "box")
@Path("/2.0")
@Produces(MediaType.APPLICATION_JSON)
public interface PlainUsers {

    @GET
    @Path("/users/me")
    JsonObject me();
}
