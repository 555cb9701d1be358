package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxCalls;
import dev.boxccg.BoxCredentials;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTenantCredentials;
import dev.boxccg.BoxTenants;
import dev.boxccg.BoxTokenProvider;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The live tenants of an application serving many Box enterprises: tenant key to credentials (resolved by the
 * application's {@link BoxTenantCredentials}) to the engine's tokens for them. Plain Java; thread safe.
 *
 * <ul>
 *   <li>A tenant's credentials are resolved on its first use, single-flight per tenant, on the registry's executor
 *       (never an engine thread, never under a lock); a caller waits at most the resolve timeout, and a resolver
 *       that throws, hangs or knows no such tenant fails that tenant's callers only.</li>
 *   <li>At most {@code maxTenants} are live; past that the least recently used is dropped. A tenant unused for the
 *       idle timeout is dropped too (checked as tenants are used, on the engine's {@link Ticker}). Dropping a tenant
 *       forgets its tokens; its next use resolves it again.</li>
 *   <li>When Box refuses a tenant's credentials ({@code invalid_client}, {@code unauthorized_client},
 *       {@code invalid_grant}), the tenant is resolved again, once per refusal; if the credentials changed (a rotated
 *       secret) the old ones' tokens are forgotten and the call is retried at once with the new ones.</li>
 *   <li>Each tenant's credentials are their own engine keys, so a refusal (and its cooldown) of one tenant never
 *       affects another.</li>
 *   <li>Each live tenant has a label for metrics, traces and health data, never its key: the one its credentials
 *       carry ({@link BoxCredentials#withLabel}), else a pseudonym keyed from its client secret
 *       ({@code t-} and 12 hex digits, see {@link TenantLabels}).</li>
 * </ul>
 */
public final class TenantRegistry implements BoxTenants, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TenantRegistry.class.getName());

    public static final int DEFAULT_MAX_TENANTS = 1000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofSeconds(5);

    private final BoxCcgEngine engine;
    private final BoxTenantCredentials resolver;
    private final Function<BoxCredentials, BoxCcgSettings> settingsFor;
    private final String configurationName;
    private final Runnable onDropped;
    /** Set when a live tenant left (dropped, or replaced by new credentials); reported outside the lock. */
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final int maxTenants;
    private final long idleNanos;
    private final Duration resolveTimeout;
    private final Executor executor;
    private final ExecutorService ownThreads;
    private final Ticker ticker;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final Map<String, Resolution> resolving = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    private TenantRegistry(Builder builder) {
        this.engine = builder.engine;
        this.resolver = builder.resolver;
        this.settingsFor = builder.settingsFor;
        this.configurationName = builder.configurationName;
        this.onDropped = builder.onDropped;
        this.maxTenants = builder.maxTenants;
        this.idleNanos = builder.idleTimeout.toNanos();
        this.resolveTimeout = builder.resolveTimeout;
        this.ownThreads = builder.executor == null ? resolverThreads() : null;
        this.executor = builder.executor != null ? builder.executor : ownThreads;
        this.ticker = engine.ticker();
        this.lastSweep = new AtomicLong(ticker.nanos());
    }

    /**
     * @param engine      the engine whose tokens the tenants use
     * @param resolver    the application's tenant key to credentials
     * @param settingsFor a tenant's settings: its credentials with the settings of the configuration serving tenants
     */
    public static Builder builder(BoxCcgEngine engine, BoxTenantCredentials resolver,
                                  Function<BoxCredentials, BoxCcgSettings> settingsFor) {
        return new Builder(engine, resolver, settingsFor);
    }

    /**
     * @return a provider of the tenant's tokens; cheap, resolves nothing until used
     * @throws IllegalArgumentException if the key is not a tenant key ({@link BoxCalls#checkTenant})
     */
    public BoxTokenProvider provider(String tenant) {
        return new TenantProvider(BoxCalls.checkTenant(tenant), Function.identity());
    }

    @Override
    public void forget(String tenant) {
        Live held = live.get(tenant);
        if (held != null) {
            drop(held);
        }
        reportDrops();
    }

    @Override
    public Optional<String> label(String tenant) {
        Live held = tenant == null ? null : live.get(tenant);
        return held == null ? Optional.empty() : Optional.of(held.label);
    }

    /** @return how many tenants are live */
    public int size() {
        return live.size();
    }

    /** @return the most live tenants */
    public int maxTenants() {
        return maxTenants;
    }

    /** @return whether the tenant is live (its credentials held); for tests and diagnostics */
    public boolean isLive(String tenant) {
        return live.containsKey(tenant);
    }

    /** @return the live tenants counted by the state of their token, idle ones dropped first; no tenant key */
    public Summary summary() {
        dropIdle();
        return Summary.of(states(), maxTenants);
    }

    /**
     * Drops the tenants idle for the idle timeout now, rather than at the next use of a tenant: for a health check,
     * so that its counts do not hold tenants long unused. Quick; no I/O.
     */
    public void dropIdle() {
        sweepIfDue(ticker.nanos());
        reportDrops();
    }

    /**
     * Reads the engine's state of each tenant's token (taking its per-key locks), never calls Box or the resolver:
     * for health checks and gauges, not for an {@link EngineListener}, which the engine may call holding such a lock
     * (use {@link #owners()} there).
     *
     * @return every live tenant by its label (ordered by label), with the state of its own subject's token
     */
    public List<TenantState> states() {
        return live.values().stream().map(this::state).sorted(Comparator.comparing(TenantState::label)).toList();
    }

    /**
     * Reads nothing but the registry's own map, takes no lock: safe inside an {@link EngineListener}.
     *
     * @return every live tenant's label, app and own subject, ordered by label
     */
    public List<TenantOwner> owners() {
        return live.values().stream().map(tenant -> new TenantOwner(tenant.label, tenant.identity,
                tenant.credentials.subject())).sorted(Comparator.comparing(TenantOwner::label)).toList();
    }

    private TenantState state(Live tenant) {
        return new TenantState(tenant.label, tenant.identity, tenant.credentials.subject(),
                engine.status(tenant.settings, tenant.credentials.subject()));
    }

    /**
     * Whose tokens a live tenant's are, by its label, never its key.
     *
     * @param label   the tenant's label
     * @param app     the Box app of its credentials
     * @param subject whom its own tokens act as
     */
    public record TenantOwner(String label, AppIdentity app, BoxSubject subject) {
    }

    /**
     * A live tenant as metrics and health may show it: by its label, never its key.
     *
     * @param label   the tenant's label
     * @param app     the Box app of its credentials
     * @param subject whom its own tokens act as
     * @param status  the state of its own subject's token; empty if never requested
     */
    public record TenantState(String label, AppIdentity app, BoxSubject subject, Optional<TokenStatus> status) {

        /** @return true if a valid token of its own subject is held */
        public boolean tokenHeld() {
            return status.isPresent() && status.get().validUntil().isPresent();
        }

        /** @return what Box answered to its last request, while it holds no valid token because of it */
        public Optional<BoxAuthenticationException> trouble() {
            return tokenHeld() ? Optional.empty() : status.flatMap(TokenStatus::lastFailure);
        }
    }

    /**
     * @param live        tenants held
     * @param tokenHeld   of which hold a valid token
     * @param refused     of which Box refused the last request (cooling down or not), no valid token
     * @param unreachable of which the last request failed for want of an answer, no valid token
     * @param noToken     of which hold no token and no failure (not requested yet, expired, or dropped)
     * @param max         the most tenants held
     */
    public record Summary(int live, int tokenHeld, int refused, int unreachable, int noToken, int max) {

        /** @return {@code tenants} counted by the state of their token */
        public static Summary of(List<TenantState> tenants, int max) {
            int held = 0;
            int refused = 0;
            int unreachable = 0;
            for (TenantState tenant : tenants) {
                if (tenant.tokenHeld()) {
                    held++;
                } else if (tenant.trouble().isPresent()) {
                    if (tenant.trouble().get().isTransient()) {
                        unreachable++;
                    } else {
                        refused++;
                    }
                }
            }
            return new Summary(tenants.size(), held, refused, unreachable,
                    tenants.size() - held - refused - unreachable, max);
        }
    }

    /** Stops the resolver threads the registry started itself; the tenants' tokens belong to the engine. */
    @Override
    public void close() {
        if (ownThreads != null) {
            ownThreads.shutdownNow();
        }
    }

    /** The tenant's live state, resolving its credentials first if it is not live. */
    private Live live(String tenant) {
        long now = ticker.nanos();
        sweepIfDue(now);
        Live held = live.get(tenant);
        if (held != null) {
            held.lastUsed = now;
            reportDrops();
            return held;
        }
        try {
            return admit(tenant, resolve(tenant));
        } finally {
            reportDrops();
        }
    }

    /** Tells {@link Builder#onDropped} that tenants left, if they did; outside every lock. */
    private void reportDrops() {
        if (dropped.get() && dropped.compareAndSet(true, false)) {
            try {
                onDropped.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A box-ccg tenant listener failed: {0}", e.toString());
            }
        }
    }

    /**
     * After Box refused {@code used}'s credentials: the tenant's credentials now, resolved again once per refusal.
     *
     * @return the tenant's new live state if its credentials changed; null to let the refusal stand
     */
    private Live afterRefusal(String tenant, Live used, BoxAuthenticationException refusal) {
        if (!isCredentialRefusal(refusal)) {
            return null;
        }
        Live now = live.get(tenant);
        if (now != null && now != used) {
            return now; // another caller already switched to new credentials
        }
        if (!used.claimCheck(origin(refusal))) {
            return null; // this refusal was checked already: same credentials
        }
        BoxCredentials current;
        try {
            current = resolve(tenant);
        } catch (RuntimeException e) {
            refusal.addSuppressed(e);
            return null;
        }
        if (current.equals(used.credentials)) {
            relabel(tenant, used, current); // the same credentials may come with a new label: the tokens stay
            reportDrops();
            return null;
        }
        LOG.log(Level.INFO, "New credentials for a tenant (client ID {0}) after Box refused the old ones; their"
                + " tokens are forgotten", current.clientId());
        Live renewed = admit(tenant, current);
        reportDrops();
        return renewed;
    }

    /**
     * @return true if Box refused the credentials themselves: {@code invalid_client} (unknown client),
     *         {@code unauthorized_client} (not a CCG app) or {@code invalid_grant} (Box's answer to a wrong secret) —
     *         the answers after which credentials that changed meanwhile are worth reading again
     */
    public static boolean isCredentialRefusal(BoxAuthenticationException e) {
        String error = e.error().orElse("");
        return error.equals("invalid_client") || error.equals("unauthorized_client") || error.equals("invalid_grant");
    }

    /**
     * @return the refusal itself: during a cooldown callers get repetitions of it, whose cause it is; so a refusal
     *         is checked once, not once per caller
     */
    public static BoxAuthenticationException origin(BoxAuthenticationException e) {
        return e.getCause() instanceof BoxAuthenticationException repeated ? repeated : e;
    }

    private BoxCredentials resolve(String tenant) {
        Resolution[] made = {null};
        Resolution resolution = resolving.computeIfAbsent(tenant, key -> made[0] = new Resolution(ticker.nanos(),
                new CompletableFuture<>()));
        if (made[0] != null) {
            start(tenant, made[0]); // outside the map's lock: an executor may run it at once, or refuse it
        }
        try {
            Optional<BoxCredentials> found = resolution.answer.get(resolveTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return found.orElseThrow(() -> new IllegalArgumentException("Unknown tenant '" + tenant + "': the"
                    + " BoxTenantCredentials bean resolved no credentials for it"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new BoxAuthenticationException("Resolving the Box credentials of tenant '" + tenant + "' failed: "
                    + (cause == null ? "unknown" : cause.getClass().getName()), BoxAuthenticationException.NO_RESPONSE,
                    null, null, null, true, cause);
        } catch (TimeoutException e) {
            if (ticker.nanos() - resolution.startedAt >= resolveTimeout.toNanos()) {
                resolving.remove(tenant, resolution); // a hung resolver: the next caller asks anew
            }
            throw new BoxAuthenticationException("No Box credentials for tenant '" + tenant + "' within "
                    + RetryingTokenFetcher.seconds(resolveTimeout) + ": the BoxTenantCredentials bean did not answer",
                    BoxAuthenticationException.NO_RESPONSE, null, null, null, true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BoxAuthenticationException("Interrupted while resolving the Box credentials of tenant '"
                    + tenant + "'", BoxAuthenticationException.NO_RESPONSE, null, null, null, true, e);
        }
    }

    private void start(String tenant, Resolution resolution) {
        CompletableFuture<Optional<BoxCredentials>> answer = resolution.answer;
        answer.whenComplete((found, error) -> resolving.remove(tenant, resolution));
        try {
            executor.execute(() -> {
                try {
                    Optional<BoxCredentials> found = resolver.resolve(tenant);
                    answer.complete(found == null ? Optional.empty() : found);
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(e);
        }
    }

    /** Makes {@code credentials} the tenant's: quick, no I/O, so it may hold the lock. */
    private synchronized Live admit(String tenant, BoxCredentials credentials) {
        long now = ticker.nanos();
        Live held = live.get(tenant);
        if (held != null && held.credentials.equals(credentials)) {
            held.lastUsed = now;
            relabel(tenant, held, credentials);
            return held;
        }
        BoxCcgSettings settings;
        try {
            settings = settingsFor.apply(credentials);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The Box credentials of tenant '" + tenant + "' are not usable: "
                    + e.getMessage(), e);
        }
        BoxTokenProvider provider = engine.provider(settings, credentials.subject(), false);
        Live fresh = new Live(credentials, settings, settings.identity(), provider, label(tenant, credentials), now);
        live.put(tenant, fresh);
        if (held != null) {
            dropped.set(true);
            forgetUnused(held.identity);
        }
        while (live.size() > maxTenants) {
            live.entrySet().stream()
                    .filter(entry -> entry.getValue() != fresh)
                    .min((a, b) -> Long.compare(a.getValue().lastUsed - now, b.getValue().lastUsed - now))
                    .ifPresent(entry -> dropLocked(entry.getKey(), entry.getValue()));
        }
        return fresh;
    }

    /** @return the label the credentials carry, else box-ccg's pseudonym of the tenant under their secret */
    private String label(String tenant, BoxCredentials credentials) {
        return credentials.label()
                .orElseGet(() -> TenantLabels.pseudonym(credentials.clientSecret(), configurationName, tenant));
    }

    /** Gives a live tenant the label of credentials equal to its own (a label is not part of their equality). */
    private synchronized void relabel(String tenant, Live held, BoxCredentials credentials) {
        String label = label(tenant, credentials);
        if (live.get(tenant) == held && !held.label.equals(label)) {
            held.label = label;
            dropped.set(true); // its old label's gauges go
        }
    }

    private synchronized void drop(Live tenant) {
        live.entrySet().stream().filter(entry -> entry.getValue() == tenant).findFirst()
                .ifPresent(entry -> dropLocked(entry.getKey(), tenant));
    }

    private void dropLocked(String tenant, Live held) {
        if (live.remove(tenant, held)) {
            dropped.set(true);
            forgetUnused(held.identity);
        }
    }

    /** Forgets an app's tokens unless another live tenant uses the same app. */
    private void forgetUnused(AppIdentity identity) {
        if (live.values().stream().noneMatch(other -> other.identity.equals(identity))) {
            engine.forget(identity);
        }
    }

    /** Drops idle tenants, at most every quarter of the idle timeout. */
    private void sweepIfDue(long now) {
        long last = lastSweep.get();
        if (now - last < idleNanos / 4 || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        synchronized (this) {
            Set<Map.Entry<String, Live>> entries = live.entrySet();
            entries.stream().filter(entry -> now - entry.getValue().lastUsed >= idleNanos).toList()
                    .forEach(entry -> dropLocked(entry.getKey(), entry.getValue()));
        }
    }

    private static ExecutorService resolverThreads() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "box-ccg-tenant-resolver-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private record Resolution(long startedAt, CompletableFuture<Optional<BoxCredentials>> answer) {
    }

    /** A live tenant: its credentials, their settings and provider, and when it was last used. */
    private static final class Live {
        final BoxCredentials credentials;
        final BoxCcgSettings settings;
        final AppIdentity identity;
        final BoxTokenProvider provider;
        /** The tenant's label; changes only when the same credentials come back with another label. */
        volatile String label;
        volatile long lastUsed;
        private final AtomicReference<BoxAuthenticationException> checked = new AtomicReference<>();

        Live(BoxCredentials credentials, BoxCcgSettings settings, AppIdentity identity, BoxTokenProvider provider,
             String label, long lastUsed) {
            this.credentials = credentials;
            this.settings = settings;
            this.identity = identity;
            this.provider = provider;
            this.label = label;
            this.lastUsed = lastUsed;
        }

        /** @return true for the first caller to check {@code refusal} */
        boolean claimCheck(BoxAuthenticationException refusal) {
            return checked.getAndSet(refusal) != refusal;
        }
    }

    /** A provider bound to one tenant: each call takes the tenant's live credentials. */
    private final class TenantProvider implements BoxTokenProvider {
        private final String tenant;
        /** Which of the tenant's providers: its own, or one of its users'. */
        private final Function<BoxTokenProvider, BoxTokenProvider> view;

        TenantProvider(String tenant, Function<BoxTokenProvider, BoxTokenProvider> view) {
            this.tenant = tenant;
            this.view = view;
        }

        private <T> T call(Function<BoxTokenProvider, T> operation) {
            Live used = live(tenant);
            try {
                return operation.apply(view.apply(used.provider));
            } catch (BoxAuthenticationException refusal) {
                Live renewed = afterRefusal(tenant, used, refusal);
                if (renewed == null) {
                    throw refusal;
                }
                return operation.apply(view.apply(renewed.provider));
            }
        }

        @Override
        public BoxAccessToken token() {
            return call(BoxTokenProvider::token);
        }

        @Override
        public BoxSubject subject() {
            return view.apply(live(tenant).provider).subject();
        }

        @Override
        public void invalidate(BoxAccessToken token) {
            Live held = live.get(tenant);
            if (held != null) {
                view.apply(held.provider).invalidate(token);
            }
        }

        @Override
        public BoxTokenProvider forUser(String userId) {
            BoxSubject.user(userId); // fails now on a blank ID, as EngineTokenProvider does
            return new TenantProvider(tenant, view.andThen(provider -> provider.forUser(userId)));
        }

        @Override
        public BoxAccessToken downscoped(BoxDownscope downscope) {
            Objects.requireNonNull(downscope, "downscope");
            return call(provider -> provider.downscoped(downscope));
        }

        @Override
        public void revoke() {
            view.apply(live(tenant).provider).revoke();
        }

        @Override
        public BoxTokenProvider forTenant(String other) {
            return provider(other);
        }

        /** Names the tenant: a key the application chose, not a secret. */
        @Override
        public String toString() {
            return "BoxTokenProvider[tenant=" + tenant + "]";
        }
    }

    /** Defaults: {@link #DEFAULT_MAX_TENANTS}, {@link #DEFAULT_IDLE_TIMEOUT}, {@link #DEFAULT_RESOLVE_TIMEOUT}. */
    public static final class Builder {
        private final BoxCcgEngine engine;
        private final BoxTenantCredentials resolver;
        private final Function<BoxCredentials, BoxCcgSettings> settingsFor;
        private int maxTenants = DEFAULT_MAX_TENANTS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration resolveTimeout = DEFAULT_RESOLVE_TIMEOUT;
        private Executor executor;
        private String configurationName = "";
        private Runnable onDropped = () -> { };

        private Builder(BoxCcgEngine engine, BoxTenantCredentials resolver,
                        Function<BoxCredentials, BoxCcgSettings> settingsFor) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            this.settingsFor = Objects.requireNonNull(settingsFor, "settingsFor");
        }

        public Builder maxTenants(int maxTenants) {
            if (maxTenants < 1) {
                throw new IllegalArgumentException("tenants.max must be at least 1, not " + maxTenants);
            }
            this.maxTenants = maxTenants;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "tenants.idle-timeout");
            return this;
        }

        public Builder resolveTimeout(Duration resolveTimeout) {
            this.resolveTimeout = positive(resolveTimeout, "tenants.resolve-timeout");
            return this;
        }

        /**
         * @param configurationName the configuration serving these tenants ({@code ""} for the default one): part of
         *                          each tenant's pseudonym, so the same key in two configurations is two labels
         */
        public Builder configurationName(String configurationName) {
            this.configurationName = Objects.requireNonNull(configurationName, "configurationName");
            return this;
        }

        /**
         * @param onDropped runs after tenants left (dropped, or replaced by new credentials or a new label), so that
         *                  whatever reports per tenant forgets their labels; on the thread that noticed, never under
         *                  the registry's lock; quick, must not block
         */
        public Builder onDropped(Runnable onDropped) {
            this.onDropped = Objects.requireNonNull(onDropped, "onDropped");
            return this;
        }

        /** Runs the resolver's calls (they may block); by default daemon threads of the registry's own. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive, not " + value);
            }
            return BoxCcgSettings.requireAtMostMax(value, what);
        }

        public TenantRegistry build() {
            return new TenantRegistry(this);
        }
    }
}
