package dev.boxccg.it.app;

import dev.boxccg.BoxAuthenticated;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The default configuration ({@code as-user-mode} {@code header}, the default) acting as users: {@link #me()} inside
 * {@code BoxCalls.asUser}, or {@link #meAs(String)} naming the user per call. Box's error answers become
 * {@link BoxApiError}s.
 */
@RegisterRestClient(configKey = "box")
@RegisterProvider(BoxErrorMapper.class)
@BoxAuthenticated
@Path("/2.0")
@Produces(MediaType.APPLICATION_JSON)
public interface ActingUsers {

    @GET
    @Path("/users/me")
    JsonObject me();

    /** The {@code @HeaderParam("As-User")} option: the user travels with the request. */
    @GET
    @Path("/users/me")
    JsonObject meAs(@HeaderParam("As-User") String userId);
}
