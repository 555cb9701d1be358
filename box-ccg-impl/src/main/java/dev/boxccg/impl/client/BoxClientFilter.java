package dev.boxccg.impl.client;

import dev.boxccg.BoxAccessToken;
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
 * The filter behind {@link dev.boxccg.client.BoxAuthenticationFilter} (a configuration named by the user) and behind
 * every {@code @BoxAuthenticated} REST client (a configuration named per call by the interface or method): sends
 * {@code Authorization: Bearer <token>} and drops the token if Box answers 401. A request that already has an
 * {@code Authorization} header is sent as it is.
 */
@Priority(Priorities.AUTHENTICATION)
public class BoxClientFilter implements ClientRequestFilter, ClientResponseFilter {

    /** The MicroProfile REST Client sets this request property to the interface method being called. */
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";
    private static final String SENT_TOKEN = BoxClientFilter.class.getName() + ".sentToken";
    private static final String SENT_CONFIGURATION = BoxClientFilter.class.getName() + ".sentConfiguration";

    private final String configurationName;
    private final Class<?> restClientInterface;
    private volatile BoxCcgRuntime runtime;

    /** @param configurationName {@code "hr"} for {@code box.ccg.hr.*}; {@code ""} for the default configuration */
    protected BoxClientFilter(String configurationName) {
        this.configurationName = Objects.requireNonNull(configurationName, "configurationName");
        this.restClientInterface = null;
    }

    /** For a REST client interface: each call's method (or else the interface) names the configuration. */
    private BoxClientFilter(Class<?> restClientInterface) {
        this.configurationName = null;
        this.restClientInterface = Objects.requireNonNull(restClientInterface, "restClientInterface");
    }

    /** The filter box-ccg's REST client listener registers on an annotated interface. */
    static BoxClientFilter forRestClient(Class<?> restClientInterface) {
        return new BoxClientFilter(restClientInterface);
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
        return getClass().getSimpleName() + "[" + (restClientInterface != null ? restClientInterface.getName()
                : "configuration '" + configurationName + "'") + "]";
    }
}
