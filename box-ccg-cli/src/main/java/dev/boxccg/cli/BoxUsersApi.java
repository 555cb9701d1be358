package dev.boxccg.cli;

import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The Box API call the check makes. Not a REST client by itself: {@link RestClientInterfaces} derives from it the
 * {@code @RegisterRestClient @BoxAuthenticated("<configuration>")} interface a server application would declare.
 */
public interface BoxUsersApi {

    /** @return Box's {@code User} whom the token acts as */
    @GET
    @Path("/2.0/users/me")
    @Produces(MediaType.APPLICATION_JSON)
    JsonObject me();
}
