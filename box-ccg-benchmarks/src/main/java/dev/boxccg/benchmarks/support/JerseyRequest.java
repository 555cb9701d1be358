package dev.boxccg.benchmarks.support;

import org.glassfish.jersey.client.ClientRequest;
import org.glassfish.jersey.client.JerseyClient;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import jakarta.ws.rs.core.HttpHeaders;

import java.net.URI;

/**
 * A real Jersey {@link ClientRequest} (the {@code ClientRequestContext} a filter gets in Jersey, and so in Payara),
 * of an unused client, made directly so that a filter can be called on it in a loop. {@link #reset()} makes it a request
 * no filter has seen.
 */
public final class JerseyRequest extends ClientRequest {

    /** A request belongs to a client; this one is never used to send anything. */
    private static final JerseyClient CLIENT = new JerseyClientBuilder().build();

    /** Where box-ccg's filter keeps the token it sent (a private name of {@code BoxClientFilter}). */
    static final String SENT_TOKEN = "dev.boxccg.impl.client.BoxClientFilter.sentToken";

    public JerseyRequest() {
        super(URI.create("http://127.0.0.1/2.0/users/me"), CLIENT.getConfiguration(), new MapPropertiesDelegate());
        setMethod("GET");
    }

    /** Drops what a filter added: the {@code Authorization} header and box-ccg's request property. */
    public JerseyRequest reset() {
        getHeaders().remove(HttpHeaders.AUTHORIZATION);
        removeProperty(SENT_TOKEN);
        return this;
    }
}
