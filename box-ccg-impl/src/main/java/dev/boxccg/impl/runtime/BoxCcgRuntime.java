package dev.boxccg.impl.runtime;

import dev.boxccg.BoxTokenProvider;
import dev.boxccg.core.BoxCcgEngine;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.core.Scheduler;
import dev.boxccg.core.SharedTokenStore;
import dev.boxccg.core.TokenGrid;
import dev.boxccg.core.TokenGridFactory;
import dev.boxccg.core.TokenStatus;
import dev.boxccg.impl.config.BoxAppConfiguration;
import dev.boxccg.impl.config.BoxCcgConfigReader;
import dev.boxccg.impl.config.BoxCcgKeys;
import dev.boxccg.impl.config.BoxConfigurationException;
import dev.boxccg.impl.config.TokenStoreConfiguration;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

/**
 * Everything box-ccg runs for one application: one {@link BoxCcgEngine} (one token cache, one executor and timer, one
 * HTTP client per kind of connection), and one provider per configuration name, made on first use from MicroProfile
 * Config. Two configurations of the same app share its tokens, so they must agree on how tokens are fetched: if they
 * do not, the second one used fails naming both. Plain Java: the CDI bean, the REST client filter and the CLI all
 * hold one of these.
 */
public final class BoxCcgRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BoxCcgRuntime.class.getName());

    private final BoxCcgConfigReader config;
    private final BoxCcgEngine engine;
    /** The engine's store: keeps tokens in the JVM, and shares those of configurations that ask for a grid. */
    private final SharedTokenStore store;
    private final TokenGrids grids = new TokenGrids();
    private final Map<String, Configured> configured = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param config where configurations are read
     * @param engine builds the engine: the runtime sets its maximum of cached subjects from the configuration
     */
    public BoxCcgRuntime(BoxCcgConfigReader config, UnaryOperator<BoxCcgEngine.Builder> engine) {
        this.config = Objects.requireNonNull(config, "config");
        int maxSubjects = config.maxSubjects();
        this.store = SharedTokenStore.withLocalStore(2 * maxSubjects);
        this.engine = engine.apply(BoxCcgEngine.builder().maxSubjects(maxSubjects).store(store)).build();
    }

    /** A runtime whose requests and timers run on an executor the container owns (and stops). */
    public static BoxCcgRuntime onContainerExecutor(Config config, ScheduledExecutorService containerExecutor) {
        return new BoxCcgRuntime(new BoxCcgConfigReader(config),
                builder -> builder.executor(containerExecutor).scheduler(Scheduler.of(containerExecutor)));
    }

    /** A runtime whose requests and timers run on daemon threads of its own, stopped by {@link #close()}. */
    public static BoxCcgRuntime onOwnThreads(Config config) {
        return new BoxCcgRuntime(new BoxCcgConfigReader(config), UnaryOperator.identity());
    }

    /**
     * @param configurationName {@code ""} for the default configuration
     * @return the provider for that configuration's subject; the configuration is read once, on first use
     * @throws BoxConfigurationException if the configuration is missing or invalid, or uses an app that another
     *                                   configuration already uses with other settings
     */
    public BoxTokenProvider provider(String configurationName) {
        if (closed) {
            throw new IllegalStateException("box-ccg has been stopped with its application");
        }
        Configured known = configured.get(configurationName); // the common case allocates nothing
        return (known != null ? known : configured.computeIfAbsent(configurationName, this::configure)).provider();
    }

    /** @return true once {@link #close()} has run */
    public boolean isClosed() {
        return closed;
    }

    /** @return the configuration as read on first use */
    public BoxAppConfiguration configuration(String configurationName) {
        provider(configurationName);
        return configured.get(configurationName).configuration();
    }

    /** @return the state of the configuration's token; empty until it is first requested */
    public Optional<TokenStatus> status(String configurationName) {
        BoxAppConfiguration configuration = configuration(configurationName);
        return engine.status(configuration.settings(), configuration.subject());
    }

    /** @return the engine, for its statuses */
    public BoxCcgEngine engine() {
        return engine;
    }

    private Configured configure(String name) {
        BoxAppConfiguration configuration = config.read(name);
        share(configuration);
        try {
            return new Configured(configuration, engine.provider(configuration.settings(), configuration.subject()));
        } catch (IllegalStateException conflict) {
            String other = configured.values().stream()
                    .map(Configured::configuration)
                    .filter(c -> c.settings().identity().equals(configuration.settings().identity()))
                    .map(c -> BoxCcgKeys.describe(c.name()))
                    .findFirst().orElse("another configuration");
            throw new BoxConfigurationException(name, List.of("it uses the same Box app as " + other + ": "
                    + conflict.getMessage()));
        }
    }

    /**
     * For deployment validation: configurations of the same app (token URL, client ID, secret) share their tokens,
     * so they must agree on every setting of how tokens are fetched and renewed.
     *
     * @param configurations the configurations the application uses, each valid
     * @return one problem per configuration that disagrees with an earlier one of the same app, naming both
     */
    public static List<BoxConfigurationException> conflicts(Collection<BoxAppConfiguration> configurations) {
        List<BoxConfigurationException> problems = new ArrayList<>();
        List<BoxAppConfiguration> seen = new ArrayList<>();
        for (BoxAppConfiguration configuration : configurations) {
            BoxCcgSettings settings = configuration.settings();
            for (BoxAppConfiguration earlier : seen) {
                List<String> differences = new ArrayList<>();
                if (earlier.settings().identity().equals(settings.identity())) {
                    differences.addAll(earlier.settings().policyDifferences(settings));
                    if (!earlier.tokenStore().equals(configuration.tokenStore())) {
                        differences.add("token-store (" + earlier.tokenStore() + " and " + configuration.tokenStore()
                                + ")");
                    }
                }
                if (!differences.isEmpty()) {
                    problems.add(new BoxConfigurationException(configuration.name(), List.of("it uses the same Box"
                            + " app (client ID " + settings.clientId() + ") as " + BoxCcgKeys.describe(earlier.name())
                            + " but differs in " + String.join(", ", differences) + "; an app's tokens are shared, so"
                            + " give both the same settings, or use one configuration")));
                    break;
                }
            }
            seen.add(configuration);
        }
        return problems;
    }

    /**
     * Shares the configuration's app's tokens on its grid, if it asks for one. A grid that cannot be opened now
     * (gone, or no provider) leaves the app's tokens in the JVM, with a warning: the grid never fails a call.
     *
     * @throws BoxConfigurationException if no grid of that kind is on the class path, or the app is shared
     *                                   already with other store settings, or by a configuration and not by this one
     */
    private void share(BoxAppConfiguration configuration) {
        TokenStoreConfiguration wanted = configuration.tokenStore();
        if (!wanted.isShared()) {
            if (store.isShared(configuration.settings().identity())) {
                throw new BoxConfigurationException(configuration.name(), List.of("its app shares its tokens through"
                        + " another configuration's " + BoxCcgKeys.TOKEN_STORE + ": give every configuration of the"
                        + " app the same token store settings"));
            }
            return;
        }
        TokenGridFactory factory = grids.factory(wanted.kind())
                .orElseThrow(() -> missingTokenStore(configuration));
        TokenGrid grid;
        try {
            grid = grids.open(factory, wanted);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "The shared token store of {0} cannot be opened; its tokens are"
                    + " kept on this node only: {1}", BoxCcgKeys.describe(configuration.name()), e.getMessage());
            return;
        }
        try {
            store.share(configuration.settings(), grid, wanted.options());
        } catch (IllegalStateException conflict) {
            throw new BoxConfigurationException(configuration.name(), List.of(conflict.getMessage()));
        }
    }

    /**
     * For deployment validation: a configuration whose {@code token-store} names a grid that is not on the class path
     * cannot share its tokens, so it fails the deployment rather than its first call.
     *
     * @return one problem per such configuration
     */
    public static List<BoxConfigurationException> missingTokenStores(Collection<BoxAppConfiguration> configurations) {
        TokenGrids grids = new TokenGrids();
        return configurations.stream()
                .filter(c -> c.tokenStore().isShared() && grids.factory(c.tokenStore().kind()).isEmpty())
                .map(BoxCcgRuntime::missingTokenStore)
                .toList();
    }

    private static BoxConfigurationException missingTokenStore(BoxAppConfiguration configuration) {
        return new BoxConfigurationException(configuration.name(), List.of(BoxCcgKeys.key(configuration.name(),
                BoxCcgKeys.TOKEN_STORE) + "=" + configuration.tokenStore().kind() + " needs a token store of that"
                + " name on the class path: add dev.boxccg:box-ccg-store-jcache for jcache"));
    }

    private record Configured(BoxAppConfiguration configuration, BoxTokenProvider provider) {
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            configured.clear();
            try {
                engine.close();
            } finally {
                store.close();
            }
        }
    }
}
