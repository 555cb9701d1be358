package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;

import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TokenStore} that shares chosen apps' tokens between every engine on one data grid — the nodes of a
 * cluster — so that a renewal round costs one token request per key across the cluster, not one per node. Apps not
 * {@linkplain #share shared} stay in a local store, as without it.
 *
 * <ul>
 *   <li><b>One request per key per renewal.</b> Before requesting a token, an engine takes the key's lease: an entry
 *       put only if absent, holding its holder and its end (wall time). The others wait for the token the holder
 *       stores, polling on the engine's scheduler (never blocking a thread), at most {@link Options#lease()}; a
 *       lease whose holder died ends by itself and is taken over.</li>
 *   <li><b>Useless without the secret.</b> Entry names are HMACs of the key, values AES-GCM under keys derived from
 *       the client secret (see {@link SealedTokens}); no Java-serialized class is stored. A value that does not
 *       open (another secret, tampering) is ignored and overwritten, with a warning that quotes nothing of it.</li>
 *   <li><b>The grid never fails a call.</b> Every grid call is bounded by {@link Options#timeout()}; a grid that
 *       throws or does not answer is left alone for {@link #GRID_RETRY_AFTER}, the engine fetches its tokens itself
 *       meanwhile, and one warning is logged (at most one a minute per app).</li>
 *   <li><b>Cluster-wide invalidation.</b> A token dropped on one node (rejected by Box, or revoked) is removed from
 *       the grid if it is still the current one there, so no node takes it from the grid again; a newer one stays.</li>
 * </ul>
 *
 * <p>Clocks: nodes do not share a monotonic ticker, so tokens and leases carry wall times, turned into time left on
 * the reading node's clock. The nodes' wall clocks are assumed to agree to well within a lease (NTP does that); a node
 * whose clock runs ahead renews early and takes leases early, one that runs behind keeps a token longer — never past
 * the lifetime Box granted, counted from when it read the token.
 *
 * <p>Thread safe. {@link #close()} stops the threads that bound grid calls.
 */
public final class SharedTokenStore implements TokenStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SharedTokenStore.class.getName());

    /** How long a lease lasts unless told otherwise: a little beyond the default retry deadline. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);
    /** The longest one grid call may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** After a grid call failed or timed out, the grid is left alone this long. */
    public static final Duration GRID_RETRY_AFTER = Duration.ofSeconds(5);
    /** At most one warning per app this often about a failing grid, and one about values that do not open. */
    static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    /** Grid calls run on these threads at most, so that a hung grid holds few; past that, calls fail fast. */
    static final int MAX_GRID_THREADS = 8;

    /**
     * How an app shares its tokens.
     *
     * @param lease   how long a node may fetch a key's token before another may take over; also the longest a node
     *                waits for another's token. Keep it above the retry deadline, or a slow request gets a twin.
     * @param timeout the longest one grid call may take
     */
    public record Options(Duration lease, Duration timeout) {

        public static final Options DEFAULTS = new Options(DEFAULT_LEASE, DEFAULT_TIMEOUT);

        public Options {
            positive("lease", lease);
            positive("timeout", timeout);
        }

        private static void positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero() || value.compareTo(BoxCcgSettings.MAX_DURATION) > 0) {
                throw new IllegalArgumentException("The token store's " + name + " must be positive and at most "
                        + BoxCcgSettings.MAX_DURATION + ", not " + value);
            }
        }
    }

    /** Thrown inside this class when a grid call failed, timed out, or the grid is resting after a failure. */
    private static final class GridUnavailable extends Exception {
        GridUnavailable() {
            super(null, null, false, false);
        }
    }

    private final TokenStore local;
    private final Clock clock;
    private final Ticker ticker;
    private final Map<AppIdentity, SharedApp> apps = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor gridThreads;
    /** Names this store as a lease holder: never the host name or anything else about the node. */
    private final String holder = UUID.randomUUID().toString();
    private final AtomicLong leases = new AtomicLong();

    /**
     * @param local  the store for apps that are not shared
     * @param clock  the wall clock, for leases' ends
     * @param ticker for how long a failing grid is left alone
     */
    public SharedTokenStore(TokenStore local, Clock clock, Ticker ticker) {
        this.local = Objects.requireNonNull(local, "local");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        AtomicInteger count = new AtomicInteger();
        this.gridThreads = new ThreadPoolExecutor(0, MAX_GRID_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "box-ccg-token-grid-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** A store on the system clock whose unshared apps are kept in an {@link InMemoryTokenStore}. */
    public static SharedTokenStore withLocalStore(int capacity) {
        return new SharedTokenStore(new InMemoryTokenStore(capacity, Clock.systemUTC(), Ticker.SYSTEM),
                Clock.systemUTC(), Ticker.SYSTEM);
    }

    /**
     * Shares the tokens of the app {@code settings} describes on {@code grid}. Idempotent for the same grid and
     * options.
     *
     * @throws IllegalStateException if the app is already shared on another grid or with other options: an app's
     *                               tokens are shared, so it has one set of settings
     */
    public void share(BoxCcgSettings settings, TokenGrid grid, Options options) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(options, "options");
        SharedApp known = apps.computeIfAbsent(settings.identity(),
                identity -> new SharedApp(new SealedTokens(settings.clientSecret()), grid, options));
        if (!known.grid.equals(grid) || !known.options.equals(options)) {
            throw new IllegalStateException("The Box app with client ID " + settings.clientId() + " already shares"
                    + " its tokens on " + known.grid.describe() + " with " + known.options + ", not on "
                    + grid.describe() + " with " + options + ": give every configuration of it the same token store"
                    + " settings");
        }
    }

    /** @return true if {@code app}'s tokens are shared */
    public boolean isShared(AppIdentity app) {
        return apps.containsKey(app);
    }

    /** @return the local store, which holds the tokens of apps that are not shared */
    public TokenStore local() {
        return local;
    }

    @Override
    public Optional<BoxAccessToken> get(TokenKey key) {
        SharedApp app = apps.get(key.app());
        if (app == null) {
            return local.get(key);
        }
        String name = app.tokens.name(key);
        try {
            String value = call(app, () -> app.grid.get(name));
            return Optional.ofNullable(open(app, name, value));
        } catch (GridUnavailable e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean replaceIfNewer(TokenKey key, BoxAccessToken token) {
        SharedApp app = apps.get(key.app());
        if (app == null) {
            return local.replaceIfNewer(key, token);
        }
        String name = app.tokens.name(key);
        String sealed = app.tokens.seal(name, token);
        try {
            for (int attempt = 0; attempt < 3; attempt++) { // another node's write in between: look again
                String value = call(app, () -> app.grid.get(name));
                if (value == null) {
                    if (call(app, () -> app.grid.putIfAbsent(name, sealed))) {
                        return true;
                    }
                    continue;
                }
                BoxAccessToken held = open(app, name, value);
                if (held != null && held.equals(token)) {
                    return true;
                }
                if (held != null && !held.issuedAt().isBefore(token.issuedAt())) {
                    return false;
                }
                if (call(app, () -> app.grid.replace(name, value, sealed))) {
                    return true;
                }
            }
        } catch (GridUnavailable e) {
            // warned about once; the engine holds the token itself
        }
        return false;
    }

    @Override
    public boolean removeIfSame(TokenKey key, BoxAccessToken token) {
        SharedApp app = apps.get(key.app());
        if (app == null) {
            return local.removeIfSame(key, token);
        }
        String name = app.tokens.name(key);
        try {
            String value = call(app, () -> app.grid.get(name));
            BoxAccessToken held = open(app, name, value);
            return held != null && held.equals(token) && call(app, () -> app.grid.remove(name, value));
        } catch (GridUnavailable e) {
            return false;
        }
    }

    /**
     * Puts this node's lease for {@code key} if there is none, or takes over one that has ended. Grants the lease
     * when the grid fails: the node then fetches on its own, as it would without a grid.
     */
    @Override
    public Optional<Lease> tryLease(TokenKey key) {
        SharedApp app = apps.get(key.app());
        if (app == null) {
            return local.tryLease(key);
        }
        String name = app.tokens.name(key) + ":lease";
        long now = clock.millis();
        String mine = holder + "/" + leases.incrementAndGet() + "/" + (now + app.options.lease.toMillis());
        try {
            String held = call(app, () -> app.grid.get(name));
            boolean taken = held == null ? call(app, () -> app.grid.putIfAbsent(name, mine))
                    : leaseEnd(held) - now <= 0 && call(app, () -> app.grid.replace(name, held, mine));
            return taken ? Optional.of(() -> release(app, name, mine)) : Optional.empty();
        } catch (GridUnavailable e) {
            return Optional.of(Lease.LOCAL);
        }
    }

    @Override
    public Duration leaseWait(TokenKey key) {
        SharedApp app = apps.get(key.app());
        return app == null ? local.leaseWait(key) : app.options.lease;
    }

    /** Clears the local store if it is an {@link InMemoryTokenStore}; the grid is left alone (for tests). */
    public void clearLocal() {
        if (local instanceof InMemoryTokenStore inMemory) {
            inMemory.clear();
        }
    }

    /** Stops the threads that bound grid calls; calls still running are interrupted. */
    @Override
    public void close() {
        gridThreads.shutdownNow();
    }

    private void release(SharedApp app, String name, String mine) {
        try {
            call(app, () -> app.grid.remove(name, mine));
        } catch (GridUnavailable e) {
            // The lease ends by itself.
        }
    }

    /** @return a lease's end in wall milliseconds; a value that does not parse has ended */
    private static long leaseEnd(String lease) {
        try {
            return Long.parseLong(lease.substring(lease.lastIndexOf('/') + 1));
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /** @return the token in {@code value}, or null if there is none or it does not open */
    private BoxAccessToken open(SharedApp app, String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return app.tokens.open(name, value);
        } catch (GeneralSecurityException e) {
            if (app.mayWarn(app.lastUnreadableWarning, ticker.nanos())) {
                LOG.log(Level.WARNING, "A token in the shared token store ({0}) does not open with this app''s"
                        + " client secret (another secret, or altered); it is ignored and will be replaced",
                        app.grid.describe());
            }
            return null;
        }
    }

    /**
     * Runs one grid call on a grid thread, waiting at most the app's timeout; fails at once while the grid rests
     * after a failure. Honours interrupts: the call is abandoned and the flag kept.
     */
    private <T> T call(SharedApp app, Callable<T> call) throws GridUnavailable {
        if (!app.grid.isReady()) {
            throw new GridUnavailable(); // not open (yet): not a failure of the grid's
        }
        long now = ticker.nanos();
        if (app.failing && now - app.resumeAt < 0) {
            throw new GridUnavailable();
        }
        Future<T> future;
        try {
            future = gridThreads.submit(call);
        } catch (RejectedExecutionException e) {
            if (gridThreads.isShutdown()) {
                throw new GridUnavailable(); // closed: nothing to warn about
            }
            throw app.failed("every grid thread is busy with calls that have not returned", ticker.nanos());
        }
        try {
            T result = future.get(app.options.timeout.toNanos(), TimeUnit.NANOSECONDS);
            app.answered();
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw app.failed(cause == null ? "unknown" : cause.getClass().getName(), ticker.nanos());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw app.failed("no answer within " + app.options.timeout.toMillis() + " ms", ticker.nanos());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new GridUnavailable();
        }
    }

    /** One shared app: its grid, its options, its keys, and whether its grid is failing. */
    private static final class SharedApp {
        final SealedTokens tokens;
        final TokenGrid grid;
        final Options options;
        volatile boolean failing;
        volatile long resumeAt;
        final AtomicLong lastFailureWarning = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong lastUnreadableWarning = new AtomicLong(Long.MIN_VALUE);

        SharedApp(SealedTokens tokens, TokenGrid grid, Options options) {
            this.tokens = tokens;
            this.grid = grid;
            this.options = options;
        }

        /** @return the exception to throw; warns once a minute at most. Never quotes the grid's exception message. */
        GridUnavailable failed(String why, long now) {
            resumeAt = now + GRID_RETRY_AFTER.toNanos();
            failing = true;
            if (mayWarn(lastFailureWarning, now)) {
                LOG.log(Level.WARNING, "The shared token store ({0}) failed: {1}. Tokens are requested on this node"
                        + " alone, and the grid is tried again in {2} s", grid.describe(), why,
                        GRID_RETRY_AFTER.toSeconds());
            }
            return new GridUnavailable();
        }

        void answered() {
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "The shared token store ({0}) answers again", grid.describe());
            }
        }

        boolean mayWarn(AtomicLong last, long now) {
            long previous = last.get();
            return (previous == Long.MIN_VALUE || now - previous >= WARNING_INTERVAL.toNanos())
                    && last.compareAndSet(previous, now);
        }
    }
}
