package dev.boxccg.impl.runtime;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxCalls;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxCredentials;
import dev.boxccg.BoxTenantCredentials;
import dev.boxccg.BoxTenants;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.core.AppIdentity;
import dev.boxccg.core.TenantRegistry;
import dev.boxccg.core.BoxCcgEngine;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.core.EngineListener;
import dev.boxccg.core.Scheduler;
import dev.boxccg.core.SharedTokenStore;
import dev.boxccg.core.TokenGridFactory;
import dev.boxccg.core.TokenKey;
import dev.boxccg.core.TokenRequest;
import dev.boxccg.core.TokenStatus;
import dev.boxccg.impl.config.BoxAppConfiguration;
import dev.boxccg.impl.config.BoxCcgConfigReader;
import dev.boxccg.impl.config.BoxCcgKeys;
import dev.boxccg.impl.config.BoxConfigurationException;
import dev.boxccg.impl.config.TokenStoreConfiguration;
import org.eclipse.microprofile.config.Config;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Everything box-ccg runs for one application: one {@link BoxCcgEngine} (one token cache, one executor and timer, one
 * HTTP client per kind of connection), and one provider per configuration name, made on first use from MicroProfile
 * Config. Two configurations of the same app share its tokens, so they must agree on how tokens are fetched: if they
 * do not, the second one used fails naming both. Plain Java: the CDI bean, the REST client filter and the CLI all
 * hold one of these.
 *
 * <p>It is also the {@link TelemetrySource} of the application's metrics and traces: it knows which configuration a
 * token of the engine serves.
 *
 * <p>A configuration with credentials of its own reads its client secret again when Box refuses it, and switches to
 * a changed one ({@link #afterRefusal}). A configuration serving tenants ({@value BoxCcgKeys#TENANTS}{@code =true})
 * has a {@link TenantRegistry} of its own, made on first use with the application's {@link BoxTenantCredentials}.
 */
public final class BoxCcgRuntime implements AutoCloseable, TelemetrySource {

    private static final System.Logger LOG = System.getLogger(BoxCcgRuntime.class.getName());

    private final BoxCcgConfigReader config;
    private final BoxCcgEngine engine;
    /** The engine's store: keeps tokens in the JVM, and shares those of configurations that ask for a grid. */
    private final SharedTokenStore store;
    private final TokenGrids grids = new TokenGrids();
    private final Map<String, Configured> configured = new ConcurrentHashMap<>();
    /** Set once the engine exists (a telemetry reads the runtime); the engine hears it through {@link Telemetry}. */
    private volatile BoxCcgTelemetry telemetry = BoxCcgTelemetry.NONE;
    private final Map<String, TenantRegistry> tenants = new ConcurrentHashMap<>();
    private final Supplier<Optional<BoxTenantCredentials>> tenantCredentials;
    /** Runs the tenant resolver's calls; null: the registries' own threads. */
    private final Executor resolverExecutor;
    private volatile boolean closed;

    /**
     * @param config where configurations are read
     * @param engine builds the engine: the runtime sets its maximum of cached subjects from the configuration
     */
    public BoxCcgRuntime(BoxCcgConfigReader config, UnaryOperator<BoxCcgEngine.Builder> engine) {
        this(config, engine, BoxCcgTelemetry.Factory.NONE, Optional::empty, null);
    }

    /**
     * @param telemetry         makes the application's metrics and traces, once the engine exists; its events come
     *                          from the engine and from {@link #unauthorizedRecovery(String)}
     * @param tenantCredentials the application's tenant resolver, if it has one; asked on first use of a
     *                          configuration serving tenants
     * @param resolverExecutor  runs the resolver's calls; null for daemon threads of the runtime's own
     */
    public BoxCcgRuntime(BoxCcgConfigReader config, UnaryOperator<BoxCcgEngine.Builder> engine,
                         BoxCcgTelemetry.Factory telemetry,
                         Supplier<Optional<BoxTenantCredentials>> tenantCredentials, Executor resolverExecutor) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(telemetry, "telemetry");
        this.tenantCredentials = Objects.requireNonNull(tenantCredentials, "tenantCredentials");
        this.resolverExecutor = resolverExecutor;
        int maxSubjects = config.maxSubjects();
        this.store = SharedTokenStore.withLocalStore(2 * maxSubjects);
        this.engine = engine.apply(BoxCcgEngine.builder().maxSubjects(maxSubjects).store(store))
                .listener(new Telemetry()).build();
        try {
            this.telemetry = BoxCcgTelemetry.all(List.of(telemetry.start(this))); // guarded: see all()
        } catch (RuntimeException | LinkageError e) { // an application works the same without its metrics
            LOG.log(Level.WARNING, "box-ccg runs without metrics and traces: they could not be started: {0}",
                    e.toString());
        }
    }

    /** A runtime whose requests and timers run on an executor the container owns (and stops). */
    public static BoxCcgRuntime onContainerExecutor(Config config, ScheduledExecutorService containerExecutor) {
        return onContainerExecutor(config, containerExecutor, BoxCcgTelemetry.Factory.NONE, Optional::empty);
    }

    /**
     * Like {@link #onContainerExecutor(Config, ScheduledExecutorService)}, with metrics and traces and the
     * application's tenant resolver.
     */
    public static BoxCcgRuntime onContainerExecutor(Config config, ScheduledExecutorService containerExecutor,
                                                    BoxCcgTelemetry.Factory telemetry,
                                                    Supplier<Optional<BoxTenantCredentials>> tenantCredentials) {
        return new BoxCcgRuntime(new BoxCcgConfigReader(config),
                builder -> builder.executor(containerExecutor).scheduler(Scheduler.of(containerExecutor)),
                telemetry, tenantCredentials, containerExecutor);
    }

    /** A runtime whose requests and timers run on daemon threads of its own, stopped by {@link #close()}. */
    public static BoxCcgRuntime onOwnThreads(Config config) {
        return onOwnThreads(config, BoxCcgTelemetry.Factory.NONE, Optional::empty);
    }

    /** Like {@link #onOwnThreads(Config)}, with metrics and traces and the application's tenant resolver. */
    public static BoxCcgRuntime onOwnThreads(Config config, BoxCcgTelemetry.Factory telemetry,
                                             Supplier<Optional<BoxTenantCredentials>> tenantCredentials) {
        return new BoxCcgRuntime(new BoxCcgConfigReader(config), UnaryOperator.identity(), telemetry,
                tenantCredentials, null);
    }

    /**
     * Tells the metrics and traces that a call Box answered 401 is sent again with a new token; for a configuration
     * serving tenants, with the label of the calling thread's {@link BoxCalls#asTenant} tenant. Never
     * throws.
     *
     * @param configurationName {@code ""} for the default configuration
     */
    public void unauthorizedRecovery(String configurationName) {
        String tenant = null;
        TenantRegistry registry = tenants.get(configurationName);
        if (registry != null) {
            tenant = BoxCalls.currentTenant().flatMap(registry::label).orElse(null);
        }
        telemetry.unauthorizedRecovery(configurationName, tenant);
    }

    /**
     * The configuration in use whose app and subject the key's token is; for a token of another subject of that app
     * (a user's, acting as that user) the first such configuration by name. Configurations with credentials of their
     * own come first, then the live tenants of configurations serving tenants (with the tenant's label). Downscoped
     * tokens are labelled by the configuration of the token they narrow.
     */
    @Override
    public TokenLabels labels(TokenKey key) {
        return labels(key, owners());
    }

    private static TokenLabels labels(TokenKey key, Map<AppIdentity, List<Owner>> owners) {
        TokenRequest request = key.request();
        boolean exchange = false;
        while (request instanceof TokenRequest.TokenExchange narrowed) {
            request = narrowed.parent();
            exchange = true;
        }
        BoxSubject subject = request.subject();
        List<Owner> sameApp = owners.getOrDefault(key.app(), List.of());
        Owner own = sameApp.stream().filter(owner -> owner.subject().equals(subject)).findFirst()
                .orElse(sameApp.isEmpty() ? null : sameApp.get(0));
        if (own == null) {
            return new TokenLabels(TokenLabels.OTHER_CONFIGURATION, exchange ? TokenLabels.TOKEN_EXCHANGE
                    : subject.type().wireValue());
        }
        String subjectType = exchange ? TokenLabels.TOKEN_EXCHANGE
                : !own.subject().equals(subject) ? TokenLabels.AS_USER
                : subject.type().wireValue();
        return new TokenLabels(own.configuration(), subjectType, own.tenant());
    }

    /**
     * Who may own a token of the engine, as metrics name them: a configuration with credentials of its own, or a
     * live tenant of a configuration serving tenants.
     *
     * @param tenant the tenant's label; null for a configuration's own credentials
     * @param status the state of the owner's own subject's token
     */
    private record Owner(AppIdentity app, BoxSubject subject, String configuration, String tenant,
                         Optional<TokenStatus> status) {
        TokenLabels labels() {
            return new TokenLabels(configuration, subject.type().wireValue(), tenant);
        }
    }

    /**
     * @return every owner by app: configurations with credentials of their own by name, then the tenants of each
     *         configuration serving tenants (by configuration name, then label)
     */
    private Map<AppIdentity, List<Owner>> owners() {
        Map<AppIdentity, List<Owner>> owners = new LinkedHashMap<>();
        ownerList(false).forEach(owner -> owners.computeIfAbsent(owner.app(), app -> new ArrayList<>()).add(owner));
        return owners;
    }

    /**
     * @param withStatus whether to read each owner's token state (the gauges need it). Without, it reads no engine
     *                   state and takes no lock: what {@link #labels(TokenKey)} needs, since the engine may call its
     *                   listener holding the lock of a key
     */
    private List<Owner> ownerList(boolean withStatus) {
        List<Owner> owners = new ArrayList<>();
        ownCredentials().sorted(Comparator.comparing(BoxAppConfiguration::name)).forEach(configuration ->
                owners.add(new Owner(configuration.settings().identity(), configuration.subject(),
                        TokenLabels.configurationLabel(configuration.name()), null, withStatus
                        ? engine.status(configuration.settings(), configuration.subject()) : Optional.empty())));
        tenants.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(registry -> {
            String configuration = TokenLabels.configurationLabel(registry.getKey());
            if (withStatus) {
                registry.getValue().states().forEach(tenant -> owners.add(new Owner(tenant.app(), tenant.subject(),
                        configuration, tenant.label(), tenant.status())));
            } else {
                registry.getValue().owners().forEach(tenant -> owners.add(new Owner(tenant.app(), tenant.subject(),
                        configuration, tenant.label(), Optional.empty())));
            }
        });
        return owners;
    }

    @Override
    public Map<TokenLabels, Long> tokensHeld() {
        Map<TokenLabels, Long> held = new LinkedHashMap<>();
        Map<AppIdentity, List<Owner>> owners = owners();
        owners.values().forEach(sameApp -> sameApp.forEach(owner -> held.put(owner.labels(), 0L)));
        for (TokenStatus status : engine.statuses()) {
            if (status.validUntil().isPresent()) {
                held.merge(labels(status.key(), owners), 1L, Long::sum);
            }
        }
        return held;
    }

    @Override
    public Map<TokenLabels, Double> secondsUntilExpiry() {
        Map<TokenLabels, Double> seconds = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (Owner owner : ownerList(true)) {
            double left = owner.status().flatMap(TokenStatus::validUntil)
                    .map(until -> Math.max(0, Duration.between(now, until).toMillis() / 1000.0))
                    .orElse(0.0);
            seconds.put(owner.labels(), left);
        }
        return seconds;
    }

    /**
     * The configurations in use with credentials of their own. A configuration serving tenants has none: its
     * tenants' tokens are labelled by tenant.
     */
    private java.util.stream.Stream<BoxAppConfiguration> ownCredentials() {
        return configured.values().stream().map(Configured::configuration).filter(c -> !c.servesTenants());
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
        return configured(configurationName).provider();
    }

    private Configured configured(String configurationName) {
        Configured known = configured.get(configurationName); // the common case allocates nothing
        return known != null ? known : configured.computeIfAbsent(configurationName, this::configure);
    }

    /**
     * @return the tenants of a configuration serving tenants ({@value BoxCcgKeys#TENANTS}{@code =true})
     * @throws IllegalStateException if the configuration does not serve tenants
     */
    public TenantRegistry tenants(String configurationName) {
        BoxAppConfiguration configuration = configuration(configurationName);
        if (!configuration.servesTenants()) {
            throw new IllegalStateException(BoxCcgKeys.describe(configurationName) + " does not serve tenants ("
                    + BoxCcgKeys.key(configurationName, BoxCcgKeys.TENANTS) + " is not true)");
        }
        return tenants.computeIfAbsent(configurationName, name -> {
            BoxTenantCredentials resolver = tenantCredentials.get().orElseThrow(() -> new IllegalStateException(
                    BoxCcgKeys.describe(name) + " serves tenants, but the application has no BoxTenantCredentials"
                            + " bean to resolve them"));
            TenantRegistry.Builder builder = TenantRegistry.builder(engine, resolver,
                            credentials -> tenantSettings(configuration.settings(), credentials))
                    .configurationName(name)
                    .onDropped(() -> telemetry.tenantsDropped())
                    .maxTenants(config.maxTenants())
                    .idleTimeout(config.tenantIdleTimeout())
                    .resolveTimeout(config.tenantResolveTimeout());
            if (resolverExecutor != null) {
                builder.executor(resolverExecutor);
            }
            return builder.build();
        });
    }

    /** Every tenant the runtime holds, in every configuration serving tenants: for {@link BoxTenants#forget}. */
    public Collection<TenantRegistry> tenantRegistries() {
        return tenants.values();
    }

    /**
     * @return the tenant's label in the first configuration serving tenants, by name, where it is live; empty if it
     *         is live in none
     */
    public Optional<String> tenantLabel(String tenant) {
        return tenants.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(registry -> registry.getValue().label(tenant).stream()).findFirst();
    }

    /** A tenant's settings: the configuration's, with the tenant's credentials and, if it has one, token URL. */
    private static BoxCcgSettings tenantSettings(BoxCcgSettings template, BoxCredentials credentials) {
        return template.toBuilder()
                .clientId(credentials.clientId())
                .clientSecret(credentials.clientSecret())
                .tokenUrl(credentials.tokenUrl().orElse(template.tokenUrl()))
                .build();
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
        if (configuration.servesTenants()) {
            return new Configured(configuration, new CurrentTenantProvider(this, name), null, null);
        }
        OpeningTokenGrid grid = share(configuration);
        try {
            return new Configured(configuration, new SecretReloadingProvider(this, name),
                    engine.provider(configuration.settings(), configuration.subject()), grid);
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
            if (configuration.servesTenants()) {
                continue; // no app of its own: its credentials are placeholders
            }
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
     * Shares the configuration's app's tokens on its grid, if it asks for one. The grid is opened on another thread
     * (see {@link OpeningTokenGrid}); one that cannot be opened (gone, or no provider) leaves the app's tokens in the
     * JVM, with a warning: the grid never fails a call.
     *
     * @return the grid being opened; null if the configuration keeps its tokens in the JVM
     * @throws BoxConfigurationException if no grid of that kind is on the class path, or the app is shared
     *                                   already with other store settings, or by a configuration and not by this one
     */
    private OpeningTokenGrid share(BoxAppConfiguration configuration) {
        TokenStoreConfiguration wanted = configuration.tokenStore();
        if (!wanted.isShared()) {
            if (store.isShared(configuration.settings().identity())) {
                throw new BoxConfigurationException(configuration.name(), List.of("its app shares its tokens through"
                        + " another configuration's " + BoxCcgKeys.TOKEN_STORE + ": give every configuration of the"
                        + " app the same token store settings"));
            }
            return null;
        }
        TokenGridFactory factory = grids.factory(wanted.kind())
                .orElseThrow(() -> missingTokenStore(configuration));
        OpeningTokenGrid grid = grids.open(factory, wanted, blockingCalls(), failure -> LOG.log(
                System.Logger.Level.WARNING, "The shared token store of {0} cannot be opened; its tokens are kept on"
                        + " this node only: {1}", BoxCcgKeys.describe(configuration.name()), failure.getMessage()));
        try {
            store.share(configuration.settings(), grid, wanted.options());
        } catch (IllegalStateException conflict) {
            throw new BoxConfigurationException(configuration.name(), List.of(conflict.getMessage()));
        }
        return grid;
    }

    /** Where calls that may block for long run: the container's executor, else a daemon thread for each. */
    private Executor blockingCalls() {
        if (resolverExecutor != null) {
            return resolverExecutor;
        }
        return task -> {
            Thread thread = new Thread(task, "box-ccg-token-grid-opening");
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** @return the engine's provider of the configuration's credentials now (they change when a secret rotates) */
    BoxTokenProvider engineProvider(String configurationName) {
        Configured known = configured(configurationName);
        OpeningTokenGrid grid = known.grid();
        if (grid != null && !grid.awaitOpen() && grid.claimLatenessReport()) { // outside the map's lock; bounded
            LOG.log(System.Logger.Level.WARNING, "The shared token store of {0} ({1}) is still being opened after {2}"
                            + " ({3}); this node fetches its own tokens until it is open",
                    BoxCcgKeys.describe(configurationName), grid.describe(),
                    BoxCcgKeys.key(configurationName, BoxCcgKeys.TOKEN_STORE_LEASE),
                    known.configuration().tokenStore().lease());
        }
        return known.engineProvider();
    }

    /**
     * After Box refused the client secret of a configuration with credentials of its own: reads the secret from
     * MicroProfile Config again, once per refusal, and if it changed switches the configuration to it. Other
     * configurations of the same app keep theirs until Box refuses them too; the old secret's tokens are forgotten
     * once no configuration uses it.
     *
     * @param used    the engine provider whose token request Box refused
     * @param refusal what Box answered (the refusal itself, not a repetition of it during the cooldown)
     * @return the engine provider to retry with, or null to let the refusal stand
     */
    BoxTokenProvider afterRefusal(String configurationName, BoxTokenProvider used,
                                  BoxAuthenticationException refusal) {
        Configured before = configured(configurationName);
        if (before.engineProvider() != used) {
            return before.engineProvider(); // switched already
        }
        synchronized (before) {
            if (!before.claimCheck(refusal)) {
                Configured now = configured.get(configurationName);
                return now != null && now != before ? now.engineProvider() : null;
            }
            BoxCcgSettings old = before.configuration().settings();
            Optional<String> secret = config.currentClientSecret(configurationName);
            if (secret.isEmpty() || secret.get().equals(old.clientSecret())) {
                return null;
            }
            BoxCcgSettings settings = old.toBuilder().clientSecret(secret.get()).build();
            BoxAppConfiguration c = before.configuration();
            BoxAppConfiguration rotated = new BoxAppConfiguration(c.name(), settings, c.subject(), c.asUserMode(),
                    c.eager(), c.eagerFailDeployment(), c.tokenStore());
            // the new secret is another app identity: shared on the grid like the old one
            OpeningTokenGrid grid = share(rotated);
            Configured after = new Configured(rotated, before.provider(),
                    engine.provider(settings, rotated.subject()), grid);
            configured.put(configurationName, after);
            LOG.log(System.Logger.Level.INFO, "Box refused the client secret of {0}; MicroProfile Config now has"
                    + " another one, used from now on", BoxCcgKeys.describe(configurationName));
            AppIdentity oldApp = old.identity();
            if (configured.values().stream().noneMatch(other -> other.engineProvider() != null
                    && other.configuration().settings().identity().equals(oldApp))) {
                engine.forget(oldApp);
            }
            return after.engineProvider();
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
                + " name on the class path: add dev.boxccg:box-ccg-store-jcache for jcache (infinispan, for WildFly,"
                + " is built in)"));
    }

    /**
     * @param provider       what {@link #provider} hands out for the configuration, kept across secret rotations
     * @param engineProvider the engine's provider of its current credentials; null for a configuration serving
     *                       tenants
     */
    /** @param grid the grid its tokens are shared on, being opened or open; null if they are kept in the JVM */
    private record Configured(BoxAppConfiguration configuration, BoxTokenProvider provider,
                              BoxTokenProvider engineProvider, OpeningTokenGrid grid,
                              AtomicReference<BoxAuthenticationException> checked) {
        Configured(BoxAppConfiguration configuration, BoxTokenProvider provider, BoxTokenProvider engineProvider,
                   OpeningTokenGrid grid) {
            this(configuration, provider, engineProvider, grid, new AtomicReference<>());
        }

        /** @return true for the first caller to check this refusal */
        boolean claimCheck(BoxAuthenticationException refusal) {
            return checked.getAndSet(refusal) != refusal;
        }
    }

    /** The engine's listener: hands each event to the telemetry of the moment (none until the runtime is built). */
    private final class Telemetry implements EngineListener {
        @Override
        public void requestStarted(TokenKey key, boolean renewal) {
            telemetry.requestStarted(key, renewal);
        }

        @Override
        public void attemptFailed(TokenKey key, int attempt, BoxAuthenticationException failure) {
            telemetry.attemptFailed(key, attempt, failure);
        }

        @Override
        public void requestFinished(TokenKey key, Outcome outcome, Duration duration,
                                    BoxAuthenticationException failure) {
            telemetry.requestFinished(key, outcome, duration, failure);
        }

        @Override
        public void cooldownStarted(TokenKey key, Duration cooldown, BoxAuthenticationException failure) {
            telemetry.cooldownStarted(key, cooldown, failure);
        }

        @Override
        public void invalidated(TokenKey key) {
            telemetry.invalidated(key);
        }

        @Override
        public void evicted(TokenKey key) {
            telemetry.evicted(key);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                telemetry.close();
            } finally {
                telemetry = BoxCcgTelemetry.NONE;
                configured.clear();
                tenants.values().forEach(TenantRegistry::close);
                tenants.clear();
                try {
                    engine.close();
                } finally {
                    store.close();
                }
            }
        }
    }
}
