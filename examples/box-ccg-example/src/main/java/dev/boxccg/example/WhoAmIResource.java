package dev.boxccg.example;

import dev.boxccg.BoxTokenProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code GET /api/whoami}: who Box says the application is, for example
 * {@code {"id":"...","name":"box-ccg-demo Service Account","login":"...","tokenExpiresAt":"2026-..."}}.
 *
 * <p>Application scoped: an injected {@code @RestClient} is {@code @Dependent}, so it lives as long as this bean, and
 * one client serves every request.
 */
@Path("/whoami")
@ApplicationScoped
public class WhoAmIResource {

    @Inject
    @RestClient
    BoxUsers users;

    /** The token itself is never shown; its expiry is harmless. */
    @Inject
    BoxTokenProvider tokens;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject whoAmI() {
        JsonObject me = users.me();
        return Json.createObjectBuilder()
                .add("id", me.getString("id"))
                .add("name", me.getString("name"))
                .add("login", me.getString("login"))
                .add("tokenExpiresAt", tokens.token().expiresAt().toString())
                .build();
    }
}
