package dev.boxccg.example;

import dev.boxccg.BoxAuthenticated;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Box's users API. The base URL comes from {@code box/mp-rest/url}; {@link BoxAuthenticated} makes every call carry
 * {@code Authorization: Bearer <token>} of the default configuration ({@code box.ccg.*}), fetched and renewed by
 * box-ccg.
 */
@RegisterRestClient(configKey = "box")
@BoxAuthenticated
@Path("/2.0")
public interface BoxUsers {

    /** {@code GET /2.0/users/me}: the user the token acts as (here the app's service account). */
    @GET
    @Path("/users/me")
    JsonObject me();
}
