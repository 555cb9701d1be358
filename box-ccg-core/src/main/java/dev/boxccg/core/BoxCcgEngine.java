package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;

import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The token engine: plain Java, no container. Hands out {@link BoxTokenProvider}s for Box apps and subjects; they
 * share one bounded token cache, one executor, one timer and one HTTP client per kind of connection.
 *
 * <pre>{@code
 * try (BoxCcgEngine engine = BoxCcgEngine.builder(settings).build()) {
 *     BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise("1234"));
 *     String header = tokens.token().authorizationHeader();
 * }
 * }</pre>
 *
 * <p>Each app ({@link AppIdentity}: token URL, client ID, secret) is registered with its settings once; giving the
 * same app other settings later is refused, so two callers never race over how one token is fetched and renewed.
 * Thread safe.
 */
public final class BoxCcgEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BoxCcgEngine.class.getName());

    /** The most (app, subject) keys a cache keeps unless told otherwise. */
    public static final int DEFAULT_MAX_SUBJECTS = 10_000;
    /** After a failed background renewal (the token is still valid): 1 s, 2 s, 4 s, … at most 1 minute. */
    public static final Backoff DEFAULT_RENEWAL_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
    /** A caller waits this much beyond the retry deadline, so the request's own verdict arrives first. */
    static final Duration CALLER_GRACE = Duration.ofMillis(250);
    /** Every engine built in this JVM and not closed, for {@link #clearAll()}; weakly, so none is kept alive. */
    private static final Set<BoxCcgEngine> ALIVE = Collections.newSetFromMap(new WeakHashMap<>());

    private final BoxCcgSettings defaultSettings;
    private final Map<AppIdentity, Registration> apps = new ConcurrentHashMap<>();
    private final Map<Transport, HttpClient> httpClients = new ConcurrentHashMap<>();
    private final TokenCache cache;
    private final TokenStore store;
    private final Clock clock;
    private final Ticker ticker;
    private final Executor executor;
    private final Scheduler scheduler;
    private final Scheduler retryWaits;
    private final Jitter jitter;
    private final EngineListener listener;
    private final Function<BoxCcgSettings, TokenEndpoint> endpoints;
    private final ScheduledThreadPoolExecutor ownThreads;

    private BoxCcgEngine(Builder builder) {
        this.defaultSettings = builder.settings;
        this.clock = builder.clock;
        this.ticker = builder.ticker;
        this.jitter = builder.jitter;
        this.listener = new SafeListener(builder.listener);
        this.ownThreads = builder.executor == null || builder.scheduler == null ? daemonThreads() : null;
        this.executor = builder.executor != null ? builder.executor : ownThreads;
        this.scheduler = builder.scheduler != null ? builder.scheduler : Scheduler.of(ownThreads);
        this.retryWaits = builder.retryWaits != null ? builder.retryWaits : scheduler;
        this.store = builder.store != null ? builder.store
                : new InMemoryTokenStore(2 * builder.maxSubjects, clock, ticker);
        this.endpoints = builder.endpoints != null ? builder.endpoints
                : settings -> new HttpTokenEndpoint(settings, httpClient(settings), scheduler, clock, ticker);
        this.cache = new TokenCache(this::source, ticker, clock, executor, scheduler, listener, store,
                builder.maxSubjects);
        synchronized (ALIVE) {
            ALIVE.add(this);
        }
    }

    /** An engine for any number of apps, each given with {@link #provider(BoxCcgSettings, BoxSubject)}. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** An engine whose {@link #provider(BoxSubject)} uses {@code settings}. */
    public static Builder builder(BoxCcgSettings settings) {
        return new Builder(Objects.requireNonNull(settings, "settings"));
    }

    /** @return the settings given to {@link #builder(BoxCcgSettings)} */
    public BoxCcgSettings settings() {
        if (defaultSettings == null) {
            throw new IllegalStateException("This engine was built without default settings");
        }
        return defaultSettings;
    }

    /** @return a provider of tokens for {@code subject} with the default settings */
    public BoxTokenProvider provider(BoxSubject subject) {
        return provider(settings(), subject);
    }

    /**
     * @return a provider of tokens of the app {@code settings} describes, for {@code subject}; cheap, and every
     *         provider for one app and subject shares its token
     * @throws IllegalStateException if the same app was registered before with settings that differ in how tokens
     *                               are requested or renewed (see {@link BoxCcgSettings#policyDifferences})
     */
    public BoxTokenProvider provider(BoxCcgSettings settings, BoxSubject subject) {
        return provider(settings, subject, true);
    }

    /**
     * @param kept true: the app stays registered for good (a configuration); false: {@link #forget} may unregister
     *             it (a tenant's credentials, which come and go)
     */
    BoxTokenProvider provider(BoxCcgSettings settings, BoxSubject subject, boolean kept) {
        Registration registration = register(settings);
        if (kept) {
            registration.kept = true;
        }
        return new EngineTokenProvider(this, registration.settings,
                new TokenKey(registration.settings.identity(), TokenRequest.clientCredentials(subject)), kept);
    }

    /**
     * Forgets every token of one app (every subject, user and downscope), its remembered failures and cooldowns, in
     * the cache and in the token store: for credentials that are gone, such as a secret that was rotated, so none of
     * their tokens is served again. A request in flight completes for its callers. Providers of the app handed out
     * before stay usable (their next call requests a token). Never blocks on the network.
     *
     * @return how many keys were forgotten
     */
    public int forget(AppIdentity app) {
        Objects.requireNonNull(app, "app");
        int forgotten = cache.forget(key -> key.app().equals(app));
        apps.computeIfPresent(app, (identity, registration) -> registration.kept ? registration : null);
        return forgotten;
    }

    /** @return the state of one app's token for one subject; empty if it is not cached */
    public Optional<TokenStatus> status(BoxCcgSettings settings, BoxSubject subject) {
        return cache.status(new TokenKey(settings.identity(), TokenRequest.clientCredentials(subject)));
    }

    /** @return the state of every cached key */
    public List<TokenStatus> statuses() {
        return cache.statuses();
    }

    /** @return the number of keys cached */
    public int cachedKeys() {
        return cache.size();
    }

    /**
     * Forgets every token this engine holds, every remembered failure and every cooldown, as if the engine were new:
     * the next {@code token()} of every provider requests a token. For tests; never needed in production.
     *
     * <p>The token store is cleared too if it is an {@link InMemoryTokenStore} (the default); any other
     * {@link TokenStore} is left alone, so a token it holds is used again without a request. A token request in
     * flight is not cancelled, and no second one is started for its key: it completes for every caller waiting on
     * it, and its token is cached (and stored) as if it had been requested just after this call. Providers handed out
     * before stay usable. Thread safe.
     */
    public void clear() {
        if (store instanceof InMemoryTokenStore inMemory) {
            inMemory.clear(); // first: a request the cache starts meanwhile must not find a token here
        } else if (store instanceof SharedTokenStore shared) {
            shared.clearLocal(); // the grid is other nodes' too: left alone
        }
        cache.clear();
    }

    /**
     * {@linkplain #clear() Clears} every engine in this JVM that was built and not yet closed (engines are tracked
     * weakly: an engine nobody holds is not kept alive for this). For tests, so that a test does not get a token an
     * earlier test cached — box-ccg-testkit's {@code BoxSimulator.reset()} calls it, hence before each test of a
     * {@code BoxSimulatorExtension}. Never needed in production. Clears only engines of box-ccg-core as loaded by
     * this class's class loader.
     */
    public static void clearAll() {
        List<BoxCcgEngine> engines;
        synchronized (ALIVE) {
            engines = new ArrayList<>(ALIVE);
        }
        engines.forEach(BoxCcgEngine::clear);
    }

    TokenCache cache() {
        return cache;
    }

    /** Registers the app again if {@link #forget} unregistered it; a no-op lookup otherwise. */
    void reregister(AppIdentity app, BoxCcgSettings settings) {
        apps.computeIfAbsent(app, identity -> new Registration(settings));
    }

    Ticker ticker() {
        return ticker;
    }

    private Registration register(BoxCcgSettings settings) {
        AppIdentity identity = settings.identity();
        Registration known = apps.get(identity);
        if (known == null) {
            known = apps.computeIfAbsent(identity, id -> new Registration(settings));
        }
        List<String> differences = known.settings.policyDifferences(settings);
        if (!differences.isEmpty()) {
            throw new IllegalStateException("The Box app with client ID " + settings.clientId() + " (token URL "
                    + settings.tokenUrl() + ") is already in use with other settings for " + String.join(", ",
                    differences) + ": the app's tokens are shared, so give every configuration of it the same"
                    + " settings");
        }
        return known;
    }

    private TokenCache.TokenSource source(TokenKey key) {
        Registration registration = registration(key.app());
        return key.request() instanceof TokenRequest.TokenExchange ? registration.exchanges : registration;
    }

    /** @return a token narrowed from {@code parent}'s, cached under (parent, downscope) */
    BoxAccessToken downscoped(TokenKey parent, BoxDownscope downscope) {
        Objects.requireNonNull(downscope, "downscope");
        return cache.get(new TokenKey(parent.app(), TokenRequest.tokenExchange(parent.request(), downscope)));
    }

    /**
     * Revokes {@code key}'s current token at Box, if it holds a valid one, after dropping it: nobody is handed a token
     * being revoked. Waits at most the app's read timeout (plus a grace) for Box's answer.
     */
    void revoke(TokenKey key) {
        Optional<BoxAccessToken> held = cache.current(key);
        if (held.isEmpty()) {
            return;
        }
        BoxAccessToken token = held.get();
        cache.invalidate(key, token);
        Registration registration = registration(key.app());
        Duration timeout = registration.settings.readTimeout();
        CompletableFuture<Void> revocation = registration.revoke(key, token, timeout);
        try {
            revocation.get(timeout.plus(CALLER_GRACE).toNanos(), TimeUnit.NANOSECONDS);
            LOG.log(Level.INFO, "Revoked the Box token (fingerprint {0}) of {1}", token.fingerprint(), key);
        } catch (ExecutionException e) {
            throw revokeFailure(e.getCause(), key, token);
        } catch (TimeoutException e) {
            revocation.cancel(true);
            throw new BoxAuthenticationException("No answer to the revocation of the token (fingerprint "
                    + token.fingerprint() + ") for " + key.request().subject() + " within "
                    + RetryingTokenFetcher.seconds(timeout) + "; the token was dropped anyway",
                    BoxAuthenticationException.NO_RESPONSE, null, null, null, true, null);
        } catch (InterruptedException e) {
            revocation.cancel(true);
            Thread.currentThread().interrupt();
            throw new BoxAuthenticationException("Interrupted while revoking the token (fingerprint "
                    + token.fingerprint() + ") for " + key.request().subject() + "; the token was dropped anyway",
                    BoxAuthenticationException.NO_RESPONSE, null, null, null, true, e);
        }
    }

    private static BoxAuthenticationException revokeFailure(Throwable cause, TokenKey key, BoxAccessToken token) {
        if (cause instanceof BoxAuthenticationException box) {
            return box;
        }
        return new BoxAuthenticationException("The revocation of the token (fingerprint " + token.fingerprint()
                + ") for " + key.request().subject() + " failed: " + (cause == null ? "unknown"
                : cause.getClass().getName()) + "; the token was dropped anyway",
                BoxAuthenticationException.NO_RESPONSE, null, null, null, true, cause);
    }

    private Registration registration(AppIdentity identity) {
        Registration registration = apps.get(identity);
        if (registration == null) {
            throw new IllegalStateException("No Box app registered for client ID " + identity.clientId());
        }
        return registration;
    }

    /** One HTTP client per kind of connection, shared by every app that connects alike. */
    private HttpClient httpClient(BoxCcgSettings settings) {
        return httpClients.computeIfAbsent(Transport.of(settings), Transport::newClient);
    }

    /**
     * Stops the threads the engine started itself; an executor or scheduler that was handed in is left alone. A
     * closed engine is no longer cleared by {@link #clearAll()}.
     *
     * <p>First, for every app whose {@link BoxCcgSettings#revokeOnStop()} is not zero, drops and revokes every valid
     * token of it the engine holds (downscoped ones too), all at once, and waits for Box's answers at most the
     * longest such deadline in all, never longer; revocations still running then are abandoned. Logs at INFO how
     * many were revoked.
     */
    @Override
    public void close() {
        synchronized (ALIVE) {
            ALIVE.remove(this);
        }
        try {
            revokeOnStop();
        } finally {
            if (ownThreads != null) {
                ownThreads.shutdownNow();
            }
        }
    }

    private void revokeOnStop() {
        Duration deadline = Duration.ZERO;
        List<CompletableFuture<Void>> revocations = new ArrayList<>();
        for (Map.Entry<TokenKey, BoxAccessToken> held : cache.validTokens().entrySet()) {
            Registration registration = apps.get(held.getKey().app());
            if (registration == null || registration.settings.revokeOnStop().isZero()) {
                continue;
            }
            Duration own = registration.settings.revokeOnStop();
            deadline = own.compareTo(deadline) > 0 ? own : deadline;
            cache.invalidate(held.getKey(), held.getValue());
            Duration timeout = own.compareTo(registration.settings.readTimeout()) < 0 ? own
                    : registration.settings.readTimeout();
            revocations.add(registration.revoke(held.getKey(), held.getValue(), timeout));
        }
        if (revocations.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(revocations.toArray(CompletableFuture[]::new))
                    .get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // counted below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long revoked = revocations.stream().filter(r -> r.isDone() && !r.isCompletedExceptionally()).count();
        revocations.forEach(r -> r.cancel(true));
        if (revoked == revocations.size()) {
            LOG.log(Level.INFO, "Revoked {0} of {1} Box tokens on close (revoke-on-stop)", revoked,
                    revocations.size());
        } else {
            LOG.log(Level.WARNING, "Revoked {0} of {1} Box tokens on close (revoke-on-stop); the others failed or"
                    + " did not answer within {2} ms", revoked, revocations.size(), deadline.toMillis());
        }
    }

    /** The engine's own threads when none are handed in: daemons, so they never keep a JVM alive. */
    private static ScheduledThreadPoolExecutor daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor threads = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "box-ccg-engine-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.setRemoveOnCancelPolicy(true); // cancelled timeouts must not pile up in the queue
        return threads;
    }

    /**
     * An app's settings, its endpoint and retry policy: fixed when it is registered. The source of its Client
     * Credentials keys; {@link #exchanges} is the source of its token exchange keys.
     */
    private final class Registration implements TokenCache.TokenSource {
        final BoxCcgSettings settings;
        final TokenCache.TokenSource exchanges = new Exchanges(this);
        /** Registered by a configuration: never unregistered by {@link #forget}. */
        volatile boolean kept;
        private volatile TokenEndpoint endpoint;
        private volatile RetryingTokenFetcher fetcher;

        Registration(BoxCcgSettings settings) {
            this.settings = settings;
        }

        private RetryingTokenFetcher fetcher() {
            RetryingTokenFetcher current = fetcher;
            if (current == null) {
                synchronized (this) { // the endpoint (and maybe an HTTP client) is made on first use only
                    current = fetcher;
                    if (current == null) {
                        current = new RetryingTokenFetcher(endpoint(), settings.retry(), settings.readTimeout(),
                                ticker, clock, scheduler, retryWaits, executor, jitter, listener);
                        fetcher = current;
                    }
                }
            }
            return current;
        }

        private TokenEndpoint endpoint() {
            TokenEndpoint current = endpoint;
            if (current == null) {
                synchronized (this) {
                    current = endpoint;
                    if (current == null) {
                        current = endpoints.apply(settings);
                        endpoint = current;
                    }
                }
            }
            return current;
        }

        /** One revocation attempt; never throws, completes by {@code timeout}. */
        CompletableFuture<Void> revoke(TokenKey key, BoxAccessToken token, Duration timeout) {
            try {
                return endpoint().revoke(key, token, timeout);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(revokeFailure(e, key, token));
            }
        }

        @Override
        public CompletableFuture<Issued> fetch(TokenKey key) {
            return fetcher().fetch(key);
        }

        @Override
        public Duration refreshAhead() {
            return settings.refreshAhead();
        }

        @Override
        public Duration callerWait() {
            return settings.retry().deadline().plus(CALLER_GRACE);
        }

        @Override
        public Duration renewalBackoff(int failures) {
            return DEFAULT_RENEWAL_BACKOFF.after(failures);
        }

        @Override
        public Duration cooldown(int failures, boolean transientFailure) {
            return settings.cooldownAfter(failures, transientFailure);
        }
    }

    /**
     * The source of an app's token exchange keys: gets the parent's token through the cache (its single flight: a
     * cold parent is fetched first, once), sends the exchange, and caps the new token's validity at the parent's.
     */
    private final class Exchanges implements TokenCache.TokenSource {

        private final Registration registration;

        Exchanges(Registration registration) {
            this.registration = registration;
        }

        private Registration registration() {
            return registration;
        }

        @Override
        public CompletableFuture<Issued> fetch(TokenKey key) {
            TokenRequest.TokenExchange exchange = (TokenRequest.TokenExchange) key.request();
            return cache.getAsync(new TokenKey(key.app(), exchange.parent()))
                    .thenCompose(parent -> registration().fetcher().fetch(key, parent.token().value())
                            .thenApply(issued -> capped(key, issued, parent)));
        }

        /** The downscoped token, valid no longer than the token it was narrowed from. */
        private Issued capped(TokenKey key, Issued issued, TokenCache.Held parent) {
            BoxAccessToken token = issued.token();
            Instant parentExpiry = parent.token().expiresAt();
            if (issued.expiresAtNanos() - parent.expiresAtNanos() <= 0 && !token.expiresAt().isAfter(parentExpiry)) {
                return issued;
            }
            // On the ticker (what the cache decides on) and on the wall clock (what the token says), whichever is less.
            long left = Math.min(parent.expiresAtNanos() - issued.sentAtNanos(),
                    Duration.between(token.issuedAt(), parentExpiry).toNanos());
            if (left <= 0) {
                throw new BoxAuthenticationException("The token of " + key.request().subject() + " expired while it"
                        + " was being downscoped", BoxAuthenticationException.NO_RESPONSE, null, null, null, true,
                        null);
            }
            return new Issued(new BoxAccessToken(token.value(), token.type(), token.issuedAt(),
                    token.issuedAt().plusNanos(left), token.subject(), token.restrictedTo()), issued.sentAtNanos());
        }

        @Override
        public Duration refreshAhead() {
            return registration().refreshAhead();
        }

        /** The parent's request, then the exchange: each ends by its retry deadline. */
        @Override
        public Duration callerWait() {
            return registration().settings.retry().deadline().multipliedBy(2).plus(CALLER_GRACE);
        }

        @Override
        public Duration renewalBackoff(int failures) {
            return registration().renewalBackoff(failures);
        }

        @Override
        public Duration cooldown(int failures, boolean transientFailure) {
            return registration().cooldown(failures, transientFailure);
        }
    }

    /** Calls a listener, logging and otherwise ignoring what it throws: a listener never breaks the engine. */
    private record SafeListener(EngineListener delegate) implements EngineListener {
        @Override
        public void requestStarted(TokenKey key, boolean renewal) {
            run(() -> delegate.requestStarted(key, renewal));
        }

        @Override
        public void attemptFailed(TokenKey key, int attempt, dev.boxccg.BoxAuthenticationException failure) {
            run(() -> delegate.attemptFailed(key, attempt, failure));
        }

        @Override
        public void requestFinished(TokenKey key, Outcome outcome, Duration duration,
                                    dev.boxccg.BoxAuthenticationException failure) {
            run(() -> delegate.requestFinished(key, outcome, duration, failure));
        }

        @Override
        public void cooldownStarted(TokenKey key, Duration cooldown, dev.boxccg.BoxAuthenticationException failure) {
            run(() -> delegate.cooldownStarted(key, cooldown, failure));
        }

        @Override
        public void invalidated(TokenKey key) {
            run(() -> delegate.invalidated(key));
        }

        @Override
        public void evicted(TokenKey key) {
            run(() -> delegate.evicted(key));
        }

        private void run(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A box-ccg engine listener failed: {0}", e.toString());
            }
        }
    }

    /**
     * Defaults: the system clock and ticker, equal jitter, no listener, an {@link InMemoryTokenStore},
     * {@link #DEFAULT_MAX_SUBJECTS}, and two daemon threads of the engine's own for whatever executor or scheduler is
     * not handed in.
     */
    public static final class Builder {
        private final BoxCcgSettings settings;
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.SYSTEM;
        private Jitter jitter = Jitter.EQUAL;
        private Executor executor;
        private Scheduler scheduler;
        private EngineListener listener = EngineListener.NONE;
        private TokenStore store;
        private int maxSubjects = DEFAULT_MAX_SUBJECTS;
        private Function<BoxCcgSettings, TokenEndpoint> endpoints;
        private Scheduler retryWaits;

        private Builder(BoxCcgSettings settings) {
            this.settings = settings;
        }

        /** The wall clock: token times for display, {@code Retry-After} dates. Decisions use the {@link #ticker}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The monotonic time every renewal, expiry, cooldown and deadline is decided on. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public Builder jitter(Jitter jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /**
         * Runs token requests (their start, and each retry). Tasks are short: no task waits for the network. A
         * container's managed executor fits.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Runs the timers: retry waits, attempt timeouts, request deadlines. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public Builder listener(EngineListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder store(TokenStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The most (app, subject) keys cached; past that the least recently used are evicted. */
        public Builder maxSubjects(int maxSubjects) {
            if (maxSubjects < 1) {
                throw new IllegalArgumentException("max-subjects must be at least 1, not " + maxSubjects);
            }
            this.maxSubjects = maxSubjects;
            return this;
        }

        /** For tests: the waits between attempts only (not the timeouts), to record them without waiting. */
        Builder retryWaits(Scheduler retryWaits) {
            this.retryWaits = retryWaits;
            return this;
        }

        /** For tests: replaces the HTTP call to the token endpoint. */
        Builder endpoints(Function<BoxCcgSettings, TokenEndpoint> endpoints) {
            this.endpoints = endpoints;
            return this;
        }

        public BoxCcgEngine build() {
            return new BoxCcgEngine(this);
        }
    }
}
