package dev.boxccg.it.app;

import dev.boxccg.BoxAuthenticated;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The named configuration {@code asuser} ({@code as-user-mode=user-token}): inside {@code BoxCalls.asUser} a call
 * carries a token for that user and no {@code As-User} header.
 */
@RegisterRestClient(configKey = "box")
@RegisterProvider(BoxErrorMapper.class)
@BoxAuthenticated("asuser")
@Path("/2.0")
@Produces(MediaType.APPLICATION_JSON)
public interface UserTokenUsers {

    @GET
    @Path("/users/me")
    JsonObject me();
}
