package dev.boxccg.benchmarks.quarkus;

import io.quarkus.oidc.client.Tokens;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What the benchmark harnesses drive over loopback. Each method is blocking (Quarkus REST runs it on a worker thread),
 * as a Jakarta application's code would be.
 */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class PeerResource {

    /** The current access token, as the guide's "Use injected tokens" shows: request scoped, renewed when expired. */
    @Inject
    Tokens tokens;

    @Inject
    @RestClient
    BoxUsers box;

    /** @return the access token the default OIDC client holds now (fetching one if it has expired) */
    @GET
    @Path("/token")
    public String token() {
        return tokens.getAccessToken();
    }

    /** @return the status Box's API answered to {@code GET /2.0/users/me} sent through the OIDC client filter */
    @GET
    @Path("/call")
    public String call() {
        try {
            box.me();
            return "200";
        } catch (WebApplicationException e) {
            return Integer.toString(e.getResponse().getStatus());
        }
    }

    /** Does nothing: the loopback hop's own cost, measured beside {@code /token} in the same run. */
    @GET
    @Path("/noop")
    public String noop() {
        return "";
    }
}
