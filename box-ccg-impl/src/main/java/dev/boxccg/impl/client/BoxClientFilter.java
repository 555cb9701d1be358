package dev.boxccg.impl.client;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxCalls;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.impl.config.AsUserMode;
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
 *
 * <p>Acting as a user: the user is the request's own {@code As-User} header (a {@code @HeaderParam("As-User")}
 * parameter) if it has one, else the {@link BoxCalls#asUser} scope of the sending thread. The configuration's
 * {@code as-user-mode} decides how: {@code header} sends the configuration's token and {@code As-User: <id>};
 * {@code user-token} sends a token for that user and removes any {@code As-User} header. A 401 drops the token that
 * was sent, from the provider that gave it (the user's, in {@code user-token} mode).
 *
 * <p>Tenants: within {@link BoxCalls#asTenant}, the token is the tenant's, from a configuration serving tenants; a
 * configuration that does not serve tenants fails the request instead. {@code As-User} composes with it.
 */
@Priority(Priorities.AUTHENTICATION)
public class BoxClientFilter implements ClientRequestFilter, ClientResponseFilter {

    /** The MicroProfile REST Client sets this request property to the interface method being called. */
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";
    private static final String SENT_TOKEN = BoxClientFilter.class.getName() + ".sentToken";
    private static final String SENT_BY = BoxClientFilter.class.getName() + ".sentBy";

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
        BoxCcgRuntime runtime = runtime();
        BoxTokenProvider provider = runtime.provider(name.get());
        Optional<String> tenant = BoxCalls.currentTenant();
        if (tenant.isPresent()) {
            // A configuration that does not serve tenants refuses: never the application's own credentials for a
            // tenant's call.
            provider = provider.forTenant(tenant.get());
        }
        String user = userFor(request);
        if (user != null) {
            if (runtime.configuration(name.get()).asUserMode() == AsUserMode.USER_TOKEN) {
                request.getHeaders().remove(BoxCalls.AS_USER_HEADER);
                provider = provider.forUser(user);
            } else {
                request.getHeaders().putSingle(BoxCalls.AS_USER_HEADER, user);
            }
        }
        BoxAccessToken token = provider.token();
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, token.authorizationHeader());
        request.setProperty(SENT_TOKEN, token);
        request.setProperty(SENT_BY, provider);
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() == 401 && request.getProperty(SENT_TOKEN) instanceof BoxAccessToken sent
                && request.getProperty(SENT_BY) instanceof BoxTokenProvider provider) {
            provider.invalidate(sent); // only if still current: a newer token stays
        }
    }

    /**
     * The request's own As-User header, else this thread's BoxCalls scope; a blank header is removed as none.
     *
     * @throws IllegalArgumentException if the request's header is not a Box user ID: fails the call before it is sent
     */
    private static String userFor(ClientRequestContext request) {
        String header = request.getHeaderString(BoxCalls.AS_USER_HEADER);
        if (header != null && !header.isBlank()) {
            return BoxCalls.checkUserId(header.strip());
        }
        request.getHeaders().remove(BoxCalls.AS_USER_HEADER);
        return BoxCalls.currentUser().orElse(null);
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
