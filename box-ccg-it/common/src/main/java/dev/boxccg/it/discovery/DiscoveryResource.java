package dev.boxccg.it.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code <context root>/api/discovery/me}: {@code /users/me} through {@link WhoAmI}'s injected REST client. Answers
 * {@code status} (200, or the status of the {@link WebApplicationException} the client threw) and for 200 the user's
 * {@code id} and {@code login}; never a token.
 */
@Path("discovery")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    @Inject
    WhoAmI whoAmI;

    @GET
    @Path("me")
    public String me() {
        try {
            JsonObject user = whoAmI.me();
            return Json.createObjectBuilder()
                    .add("status", 200)
                    .add("id", user.getString("id"))
                    .add("login", user.getString("login"))
                    .build().toString();
        } catch (WebApplicationException e) {
            return Json.createObjectBuilder().add("status", e.getResponse().getStatus()).build().toString();
        }
    }
}
