package dev.boxccg.client;

import dev.boxccg.impl.client.BoxClientFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;

/**
 * Sends {@code Authorization: Bearer <token>} with a valid Box token on every request, and drops the token if Box
 * answers 401 so the next request gets a fresh one.
 *
 * <p>MicroProfile REST Client interfaces annotated {@code @BoxAuthenticated} get such a filter without registering
 * anything. Register it yourself on a plain JAX-RS client:
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(new BoxAuthenticationFilter("hr")); // box.ccg.hr.*
 * }</pre>
 *
 * <p>A request that already has an {@code Authorization} header is sent as it is: the caller's own credentials win
 * (for example a downscoped token), and a 401 answer to it does not touch box-ccg's token.
 *
 * <p>Acting as a user: a request sent within {@link dev.boxccg.BoxCalls#asUser} on the same thread, or carrying an
 * {@code As-User} header, acts as that user the way the configuration's {@code as-user-mode} says. An {@code async()}
 * request runs this filter on another thread: set the header on it instead.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BoxAuthenticationFilter extends BoxClientFilter {

    /** A filter for the default configuration, {@code box.ccg.*}. */
    public BoxAuthenticationFilter() {
        this("");
    }

    /** @param configurationName {@code "hr"} for {@code box.ccg.hr.*}; {@code ""} for the default configuration */
    public BoxAuthenticationFilter(String configurationName) {
        super(configurationName);
    }
}
