package dev.boxccg.client;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.impl.cdi.BoxCcgLocator;
import dev.boxccg.impl.client.BoxAuthenticatedNames;
import dev.boxccg.impl.runtime.BoxCcgRuntime;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends {@code Authorization: Bearer <token>} with a valid Box token on every request, and drops the token if Box
 * answers 401 so the next request gets a fresh one.
 *
 * <p>MicroProfile REST Client interfaces annotated {@code @BoxAuthenticated} get this filter without registering
 * anything. Register it yourself on a plain JAX-RS client:
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(new BoxAuthenticationFilter("hr")); // box.ccg.hr.*
 * }</pre>
 *
 * <p>A request that already has an {@code Authorization} header is sent as it is: the caller's own credentials win
 * (for example a downscoped token), and a 401 answer to it does not touch box-ccg's token.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BoxAuthenticationFilter implements ClientRequestFilter, ClientResponseFilter {

    /** The MicroProfile REST Client sets this request property to the interface method being called. */
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";
    private static final String SENT_TOKEN = BoxAuthenticationFilter.class.getName() + ".sentToken";
    private static final String SENT_CONFIGURATION = BoxAuthenticationFilter.class.getName() + ".sentConfiguration";

    private final String configurationName;
    private final Class<?> restClientInterface;
    private volatile BoxCcgRuntime runtime;

    /** A filter for the default configuration, {@code box.ccg.*}. */
    public BoxAuthenticationFilter() {
        this("");
    }

    /** @param configurationName {@code "hr"} for {@code box.ccg.hr.*}; {@code ""} for the default configuration */
    public BoxAuthenticationFilter(String configurationName) {
        this.configurationName = Objects.requireNonNull(configurationName, "configurationName");
        this.restClientInterface = null;
    }

    /** For a REST client interface: each call's method (or else the interface) names the configuration. */
    BoxAuthenticationFilter(Class<?> restClientInterface) {
        this.configurationName = null;
        this.restClientInterface = restClientInterface;
    }

    /** Used by the REST client listener of box-ccg. */
    public static BoxAuthenticationFilter forRestClient(Class<?> restClientInterface) {
        return new BoxAuthenticationFilter(Objects.requireNonNull(restClientInterface, "restClientInterface"));
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return;
        }
        Optional<String> name = configurationFor(request);
        if (name.isEmpty()) {
            return;
        }
        BoxAccessToken token = runtime().provider(name.get()).token();
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, token.authorizationHeader());
        request.setProperty(SENT_TOKEN, token);
        request.setProperty(SENT_CONFIGURATION, name.get());
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() == 401 && request.getProperty(SENT_TOKEN) instanceof BoxAccessToken sent
                && request.getProperty(SENT_CONFIGURATION) instanceof String name) {
            runtime().provider(name).invalidate(sent); // only if still current: a newer token stays
        }
    }

    private Optional<String> configurationFor(ClientRequestContext request) {
        if (restClientInterface == null) {
            return Optional.of(configurationName);
        }
        Object invoked = request.getProperty(INVOKED_METHOD);
        return BoxAuthenticatedNames.forCall(restClientInterface, invoked instanceof Method method ? method : null);
    }

    /** The application's runtime, looked up again once it has stopped: a client may outlive one deployment. */
    private BoxCcgRuntime runtime() {
        BoxCcgRuntime found = runtime;
        if (found == null || found.isClosed()) {
            found = BoxCcgLocator.runtime();
            runtime = found;
        }
        return found;
    }

    @Override
    public String toString() {
        return "BoxAuthenticationFilter[" + (restClientInterface != null ? restClientInterface.getName()
                : "configuration '" + configurationName + "'") + "]";
    }
}
