package dev.boxccg.benchmarks.quarkus;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Box's API as the Quarkus guide has a REST client call a protected service: {@code @OidcClientFilter} puts the
 * default OIDC client's access token in the Authorization header of every call.
 */
@RegisterRestClient(configKey = "box")
@OidcClientFilter
@Path("/2.0")
public interface BoxUsers {

    @GET
    @Path("/users/me")
    String me();
}
