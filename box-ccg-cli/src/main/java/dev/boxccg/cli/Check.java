package dev.boxccg.cli;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxApp;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxCalls;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.impl.cdi.BoxCcgBean;
import dev.boxccg.impl.config.BoxAppConfiguration;
import dev.boxccg.impl.config.BoxConfigurationException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One check of one Box configuration, the way box-ccg runs in a server: MicroProfile Config (SmallRye) registered for
 * the application, a CDI container (Weld SE) that discovers box-ccg's bean archive and extensions, a
 * {@code @RegisterRestClient @BoxAuthenticated("<configuration>")} interface (Jersey's MicroProfile REST Client) whose
 * call {@code GET /2.0/users/me} gets its token from box-ccg, and the configuration's {@code BoxTokenProvider} for the
 * token's details. With a user to act as ({@code --as-user}) the call runs inside {@link BoxCalls#asUser}, as an
 * application's would, in the configuration's {@code as-user-mode}, and must answer that user. With a downscope
 * ({@code --downscope}) the configuration's token is then downscoped and used as {@link DownscopeCheck} says.
 */
final class Check {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private final String configuration;
    private final String asUser;
    private final BoxDownscope downscope;

    /** @param configuration {@code ""} for the default configuration */
    Check(String configuration) {
        this(configuration, null);
    }

    /**
     * @param configuration {@code ""} for the default configuration
     * @param asUser        the Box user ID (digits) the call acts as, or null for the configuration's own subject
     * @param downscope     the downscoped token to ask for once the call succeeded, or null; not with {@code asUser}
     */
    Check(String configuration, String asUser, BoxDownscope downscope) {
        this.configuration = configuration;
        this.asUser = asUser == null ? null : BoxCalls.checkUserId(asUser);
        if (asUser != null && downscope != null) {
            throw new IllegalArgumentException("--downscope and --as-user cannot be combined");
        }
        this.downscope = downscope;
    }

    /**
     * @param configuration {@code ""} for the default configuration
     * @param asUser        the Box user ID (digits) the call acts as, or null for the configuration's own subject
     * @throws IllegalArgumentException if {@code asUser} is not a Box user ID
     */
    Check(String configuration, String asUser) {
        this(configuration, asUser, null);
    }

    Outcome run(Config config) {
        ApiUrl api = ApiUrl.of(config);
        List<String> apiProblems = api.problems();
        // The interface names the configuration, so the deployment validates exactly that one, as in a server.
        Class<? extends BoxUsersApi> restClient = RestClientInterfaces.forConfiguration(configuration);
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(config, application);
        try {
            WeldContainer container;
            try {
                container = new Weld("box-ccg-check-" + CONTAINERS.incrementAndGet())
                        .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false)
                        .addBeanClass(restClient)
                        .initialize();
            } catch (RuntimeException deploymentFailed) {
                BoxConfigurationException invalid = find(deploymentFailed, BoxConfigurationException.class);
                if (invalid == null) {
                    throw deploymentFailed;
                }
                List<String> problems = new ArrayList<>(invalid.problems());
                problems.addAll(apiProblems);
                return new Outcome.ConfigurationInvalid(configuration, problems);
            }
            try (container) {
                return apiProblems.isEmpty()
                        ? call(container, restClient, api)
                        : new Outcome.ConfigurationInvalid(configuration, apiProblems);
            }
        } finally {
            resolver.releaseConfig(config);
        }
    }

    private Outcome call(WeldContainer container, Class<? extends BoxUsersApi> restClient, ApiUrl api) {
        BoxAppConfiguration app;
        try {
            app = container.select(BoxCcgBean.class).get().runtime().configuration(configuration);
        } catch (BoxConfigurationException invalid) { // the deployment validated it; should that ever change
            return new Outcome.ConfigurationInvalid(configuration, invalid.problems());
        }
        AsUser user = asUser == null ? null : AsUser.of(asUser, app);
        BoxTokenProvider configurationTokens = container.select(BoxTokenProvider.class,
                BoxApp.Literal.of(configuration)).get();
        // The provider whose token the call carries: in user-token mode the user's, else the configuration's own.
        BoxTokenProvider tokens = user != null && user.userToken() ? configurationTokens.forUser(asUser)
                : configurationTokens;
        BoxUsersApi client = container.select(restClient, RestClient.LITERAL).get();
        JsonObject me;
        try {
            me = user == null ? client.me() : BoxCalls.asUser(asUser, client::me);
        } catch (RuntimeException failed) {
            BoxAuthenticationException noToken = find(failed, BoxAuthenticationException.class);
            if (noToken != null) {
                return new Outcome.TokenFailed(configuration, app, noToken, user);
            }
            if (failed instanceof WebApplicationException rejected && rejected.getResponse().getStatus() == 401) {
                // box-ccg dropped the rejected tokens; asking for one now would fetch a token the call never carried
                return new Outcome.ApiFailed(configuration, app, null, api, failed, user);
            }
            BoxAccessToken sent;
            try {
                sent = tokens.token(); // the token the call carried, still cached
            } catch (BoxAuthenticationException e) { // the call failed before its filter asked for one
                return new Outcome.TokenFailed(configuration, app, e, user);
            }
            return new Outcome.ApiFailed(configuration, app, sent, api, failed, user);
        }
        BoxAccessToken sent = tokens.token();
        if (user != null && !asUser.equals(Outcome.Success.text(me, "id"))) {
            return new Outcome.OtherUser(configuration, app, sent, me, api, user);
        }
        Outcome.Success checked = new Outcome.Success(configuration, app, sent, me, api, user);
        return downscope == null ? checked : DownscopeCheck.run(checked, configurationTokens, downscope, api);
    }

    /** @return the first throwable of that type in the chain of causes, or null */
    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
