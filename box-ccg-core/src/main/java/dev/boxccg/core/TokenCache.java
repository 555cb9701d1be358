package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Caches one token per {@link TokenKey} and renews it before it expires. Each key's {@link TokenSource} — how its
 * tokens are fetched and renewed — is looked up once, when the key's slot is made.
 *
 * <ul>
 *   <li>A valid token is returned at once. From the source's renewal time on, one renewal runs in the background,
 *       and callers keep getting the old token until the new one is in: nobody waits while a valid token exists.</li>
 *   <li>Requests never run on a caller's thread: callers only wait, each for at most its source's wait bound, and a
 *       caller that is interrupted or gives up fails alone while the request goes on for the others.</li>
 *   <li>Exactly one request per key is in flight, under any load and any eviction: a slot with a request in flight
 *       is never evicted, and an evicted slot never starts one.</li>
 *   <li>After a failed request with no valid token left, callers fail fast with that failure for a cooldown that
 *       grows with repeats; then one request probes again. A failed renewal keeps the valid token and is tried again
 *       after a backoff.</li>
 *   <li>At most {@code maxKeys} keys are kept; past that, keys not used since the clock hand last passed them are
 *       evicted (the CLOCK approximation of least recently used: O(1) amortised, a hit writes at most one flag).</li>
 * </ul>
 * Every decision runs on the monotonic {@link Ticker}. Thread safe.
 */
final class TokenCache {

    private static final System.Logger LOG = System.getLogger(TokenCache.class.getName());
    private static final Duration MIN_POLL = Duration.ofMillis(10);
    private static final Duration MAX_POLL = Duration.ofMillis(100);

    /** Everything the cache needs to know about one key, registered once. */
    interface TokenSource {
        /** Starts a token request; completes exceptionally with a {@link BoxAuthenticationException}. */
        CompletableFuture<Issued> fetch(TokenKey key);

        /** How long before expiry to renew; the cache never renews earlier than half the lifetime. */
        Duration refreshAhead();

        /** The longest a caller waits for a request: a request ends by its deadline, so this is a safety net. */
        Duration callerWait();

        /** The wait before a failed renewal (a valid token is still held) is tried again. */
        Duration renewalBackoff(int failures);

        /** How long callers fail fast after {@code failures} failed requests in a row, with no valid token. */
        Duration cooldown(int failures, boolean transientFailure);
    }

    private final ConcurrentHashMap<TokenKey, Slot> slots = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Slot> clockHand = new ConcurrentLinkedQueue<>();
    private final Object evictionLock = new Object();
    private final Function<TokenKey, TokenSource> sources;
    private final Ticker ticker;
    private final Clock clock;
    private final Executor executor;
    private final Scheduler scheduler;
    private final EngineListener listener;
    private final TokenStore store;
    private final int maxKeys;

    TokenCache(Function<TokenKey, TokenSource> sources, Ticker ticker, Clock clock, Executor executor,
               EngineListener listener, TokenStore store, int maxKeys) {
        this(sources, ticker, clock, executor, (delay, task) -> {
            throw new RejectedExecutionException("no scheduler: a store with leases needs one");
        }, listener, store, maxKeys);
    }

    /** @param scheduler polls the store while another engine holds a key's lease (see {@link TokenStore#tryLease}) */
    TokenCache(Function<TokenKey, TokenSource> sources, Ticker ticker, Clock clock, Executor executor,
               Scheduler scheduler, EngineListener listener, TokenStore store, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, not " + maxKeys);
        }
        this.sources = sources;
        this.ticker = ticker;
        this.clock = clock;
        this.executor = executor;
        this.scheduler = scheduler;
        this.listener = listener;
        this.store = store;
        this.maxKeys = maxKeys;
    }

    /**
     * @return a token for {@code key} valid now
     * @throws BoxAuthenticationException if no valid token is cached and none could be had within the wait bound,
     *                                    or the key is cooling down after a failure
     */
    BoxAccessToken get(TokenKey key) {
        while (true) {
            Slot slot = slot(key);
            if (!slot.referenced) { // read before write: a hit on a hot key writes nothing shared
                slot.referenced = true;
            }
            Entry entry = slot.entry;
            long now = ticker.nanos();
            if (entry != null && now - entry.expiresAt < 0) {
                if (now - entry.renewAt >= 0) {
                    slot.renewIfDue(now);
                }
                return entry.token;
            }
            BoxAccessToken token = slot.awaitToken();
            if (token != null) {
                return token;
            }
            // The slot was evicted under us: take the key's current one.
        }
    }

    /**
     * A token for {@code key} valid now, without blocking: for a request that needs another key's token first (a
     * token exchange needs its parent's). Shares the key's single flight, cooldown and renewal with {@link #get}.
     *
     * @return completes with the token and its expiry on the ticker, or exceptionally with a
     *         {@link BoxAuthenticationException}; ends when the key's request ends (by its retry deadline)
     */
    CompletableFuture<Held> getAsync(TokenKey key) {
        while (true) {
            Slot slot = slot(key);
            if (!slot.referenced) {
                slot.referenced = true;
            }
            CompletableFuture<Held> held = slot.heldAsync();
            if (held != null) {
                return held;
            }
            // The slot was evicted under us: take the key's current one.
        }
    }

    /** @return the key's current token if it is valid now; never starts a request */
    Optional<BoxAccessToken> current(TokenKey key) {
        Slot slot = slots.get(key);
        Entry entry = slot == null ? null : slot.entry;
        return entry != null && ticker.nanos() - entry.expiresAt < 0 ? Optional.of(entry.token) : Optional.empty();
    }

    /** @return every key's current token that is valid now; never starts a request */
    Map<TokenKey, BoxAccessToken> validTokens() {
        Map<TokenKey, BoxAccessToken> valid = new LinkedHashMap<>();
        for (Slot slot : slots.values()) {
            current(slot.key).ifPresent(token -> valid.put(slot.key, token));
        }
        return valid;
    }

    /**
     * Drops {@code token} if it is still the current token for {@code key}; a newer token stays. Used for a token Box
     * rejected, and for one revoked.
     *
     * @return true if the token was dropped
     */
    boolean invalidate(TokenKey key, BoxAccessToken token) {
        // The store first: a caller that finds the slot empty reads the store, and would cache the rejected token
        // again if it were still there (benchmark 8 caught that: a revoked token sent again with no request).
        try {
            store.removeIfSame(key, token);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The token store failed to drop a rejected token for {0}: {1}", key, e.toString());
        }
        Slot slot = slots.get(key);
        boolean dropped = slot != null && slot.invalidate(token);
        if (dropped) {
            listener.invalidated(key);
        }
        return dropped;
    }

    /**
     * Forgets every key: its token, its remembered failure and its cooldown, as if the cache were new. A key with a
     * request in flight keeps that request (there is never a second one per key): the request completes for every
     * caller waiting on it, before or after this call, and its token is cached as if it had been requested just
     * after. Does not touch the store.
     */
    void clear() {
        for (Slot slot : slots.values()) {
            if (slot.clear()) {
                slots.remove(slot.key, slot);
            }
        }
        synchronized (evictionLock) {
            clockHand.removeIf(slot -> slot.retired);
        }
    }

    /**
     * Forgets the keys {@code which} selects as {@link #clear()} forgets every key, and drops their valid tokens from
     * the store too: for credentials that are gone (a tenant dropped, a secret rotated), whose tokens must not be
     * served again.
     *
     * @return how many keys were forgotten
     */
    int forget(Predicate<TokenKey> which) {
        int forgotten = 0;
        for (Slot slot : slots.values()) {
            if (!which.test(slot.key)) {
                continue;
            }
            Entry entry = slot.entry;
            if (slot.clear()) {
                slots.remove(slot.key, slot);
            }
            if (entry != null) {
                try {
                    store.removeIfSame(slot.key, entry.token);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "The token store failed to drop a token of forgotten credentials for {0}:"
                            + " {1}", slot.key, e.toString());
                }
            }
            forgotten++;
        }
        synchronized (evictionLock) {
            clockHand.removeIf(slot -> slot.retired);
        }
        return forgotten;
    }

    /** @return the key's state, or empty if the key is not cached */
    Optional<TokenStatus> status(TokenKey key) {
        Slot slot = slots.get(key);
        return slot == null ? Optional.empty() : Optional.of(slot.status());
    }

    /** @return the state of every cached key */
    List<TokenStatus> statuses() {
        List<TokenStatus> all = new ArrayList<>();
        slots.values().forEach(slot -> all.add(slot.status()));
        return all;
    }

    /** @return the number of keys held */
    int size() {
        return slots.size();
    }

    private Slot slot(TokenKey key) {
        Slot slot = slots.get(key);
        if (slot != null && !slot.retired) {
            return slot;
        }
        Slot[] made = {null};
        slot = slots.compute(key, (k, old) -> {
            if (old != null && !old.retired) {
                return old;
            }
            made[0] = new Slot(k, sources.apply(k));
            return made[0];
        });
        if (made[0] != null) {
            clockHand.add(made[0]);
            if (slots.size() > maxKeys) {
                evict(made[0]);
            }
        }
        return slot;
    }

    /**
     * The CLOCK sweep: a slot used since the hand last passed gets a second chance; one with a request in flight is
     * passed over, and so is the slot just made for a caller (evicting it would send that caller round again to
     * make another, for as long as every other key is busy). Bounded to two turns of the hand, so a cache whose keys
     * are all busy exceeds its bound briefly rather than spin.
     */
    private void evict(Slot made) {
        synchronized (evictionLock) {
            int budget = 2 * clockHand.size();
            while (slots.size() > maxKeys && budget-- > 0) {
                Slot candidate = clockHand.poll();
                if (candidate == null) {
                    return;
                }
                if (candidate.retired) {
                    continue;
                }
                if (candidate == made) {
                    clockHand.add(candidate);
                } else if (candidate.referenced) {
                    candidate.referenced = false;
                    clockHand.add(candidate);
                } else if (candidate.retire()) {
                    slots.remove(candidate.key, candidate);
                    listener.evicted(candidate.key);
                } else {
                    clockHand.add(candidate);
                }
            }
        }
    }

    /**
     * A valid token and when it expires on the {@link Ticker}.
     *
     * @param expiresAtNanos its expiry, in {@link Ticker#nanos()}
     */
    record Held(BoxAccessToken token, long expiresAtNanos) {
    }

    /** A token with its renewal and expiry times on the ticker, read together: never a new token with old times. */
    private record Entry(BoxAccessToken token, long renewAt, long expiresAt) {
    }

    private final class Slot {
        final TokenKey key;
        final TokenSource source;
        volatile Entry entry;
        /** Used since the clock hand last passed. New slots start used, so a fresh key survives one sweep. */
        volatile boolean referenced = true;
        /** Once evicted, a slot never starts a request; its callers move to the key's new slot. */
        volatile boolean retired;

        // Guarded by this.
        private CompletableFuture<BoxAccessToken> inFlight;
        private int failures;
        private BoxAuthenticationException lastFailure;
        private long nextAttemptAt;
        private boolean waitBeforeNextAttempt;

        Slot(TokenKey key, TokenSource source) {
            this.key = key;
            this.source = source;
        }

        /**
         * Drops the token, the remembered failure and the cooldown. Retires the slot unless a request is in flight.
         *
         * @return true if the slot was retired, and should leave the map
         */
        synchronized boolean clear() {
            entry = null;
            failures = 0;
            lastFailure = null;
            waitBeforeNextAttempt = false;
            if (inFlight != null) {
                return false;
            }
            retired = true;
            return true;
        }

        synchronized boolean retire() {
            if (inFlight != null) {
                return false;
            }
            retired = true;
            return true;
        }

        void renewIfDue(long now) {
            synchronized (this) {
                Entry current = entry;
                // A caller that read the old token just before a renewal finished must not start another one.
                boolean alreadyRenewed = current != null && now - current.renewAt < 0;
                if (retired || inFlight != null || alreadyRenewed
                        || (waitBeforeNextAttempt && now - nextAttemptAt < 0)) {
                    return;
                }
                start(true);
            }
        }

        /** @return a valid token, or null if this slot was evicted and the caller should look again */
        BoxAccessToken awaitToken() {
            CompletableFuture<BoxAccessToken> request;
            synchronized (this) {
                if (retired) {
                    return null;
                }
                long now = ticker.nanos();
                Entry current = entry;
                if (current != null && now - current.expiresAt < 0) {
                    return current.token;
                }
                request = inFlight;
                if (request == null) {
                    if (lastFailure != null && waitBeforeNextAttempt && now - nextAttemptAt < 0) {
                        throw remembered(lastFailure, Duration.ofNanos(nextAttemptAt - now));
                    }
                    request = start(false);
                }
            }
            return await(request);
        }

        /** As {@link #awaitToken()} without waiting; null if this slot was evicted and the caller should look again. */
        CompletableFuture<Held> heldAsync() {
            CompletableFuture<BoxAccessToken> request;
            synchronized (this) {
                if (retired) {
                    return null;
                }
                long now = ticker.nanos();
                Entry current = entry;
                if (current != null && now - current.expiresAt < 0) {
                    if (now - current.renewAt >= 0) {
                        renewIfDue(now);
                    }
                    return CompletableFuture.completedFuture(new Held(current.token, current.expiresAt));
                }
                request = inFlight;
                if (request == null) {
                    if (lastFailure != null && waitBeforeNextAttempt && now - nextAttemptAt < 0) {
                        return CompletableFuture.failedFuture(remembered(lastFailure,
                                Duration.ofNanos(nextAttemptAt - now)));
                    }
                    request = start(false);
                }
            }
            return request.thenApply(this::held);
        }

        /** The token a request gave, with its expiry: the entry's, else (replaced meanwhile) from its wall time. */
        private synchronized Held held(BoxAccessToken token) {
            Entry current = entry;
            if (current != null && current.token.equals(token)) {
                return new Held(token, current.expiresAt);
            }
            Duration left = Duration.between(clock.instant(), token.expiresAt());
            if (left.compareTo(token.lifetime()) > 0) {
                left = token.lifetime();
            }
            return new Held(token, ticker.nanos() + left.toNanos());
        }

        /**
         * Starts a request on the executor: a caller's thread only ever waits. Holds the lock.
         *
         * @return the request; already failed if the executor refused it
         */
        private CompletableFuture<BoxAccessToken> start(boolean renewal) {
            CompletableFuture<BoxAccessToken> request = new CompletableFuture<>();
            inFlight = request;
            long startedAt = ticker.nanos();
            listener.requestStarted(key, renewal);
            try {
                executor.execute(() -> obtainSafely(request, startedAt, startedAt));
            } catch (RejectedExecutionException e) {
                // Counted as a failed request: backoff or cooldown applies, so a full executor is not asked again
                // by every caller.
                finished(request, startedAt, null, refused(e), false);
            }
            return request;
        }

        /** {@link #obtain}, completing the request with the failure if anything in it throws. */
        private void obtainSafely(CompletableFuture<BoxAccessToken> request, long startedAt, long waitingSince) {
            try {
                obtain(request, startedAt, waitingSince);
            } catch (RuntimeException e) {
                if (!request.isDone()) {
                    finished(request, startedAt, null, e, false);
                }
            }
        }

        /**
         * Takes the token from the store if it holds a fresh one; else takes the key's lease and requests it; else
         * (another engine holds the lease and will store its token) looks again later, on the scheduler, until the
         * store's lease wait has passed since {@code waitingSince} — then requests it anyway. Runs on the executor.
         */
        private void obtain(CompletableFuture<BoxAccessToken> request, long startedAt, long waitingSince) {
            Issued stored = fromStore();
            if (stored != null) {
                finished(request, startedAt, stored, null, true);
                return;
            }
            TokenStore.Lease lease = lease(request, startedAt, waitingSince);
            if (lease == null) {
                return; // looks again later
            }
            if (lease != TokenStore.Lease.LOCAL) {
                // The previous holder may have stored its token and released the lease since the store was read.
                Issued justStored = fromStore();
                if (justStored != null) {
                    lease.release();
                    finished(request, startedAt, justStored, null, true);
                    return;
                }
            }
            CompletableFuture<Issued> fetch;
            try {
                fetch = source.fetch(key);
            } catch (RuntimeException e) {
                fetch = CompletableFuture.failedFuture(e);
            }
            fetch.whenComplete((issued, error) -> {
                try {
                    finished(request, startedAt, issued, error, false);
                } finally {
                    lease.release(); // after the token is stored: whoever takes the lease next finds it
                }
            });
        }

        /** @return the lease to fetch under; null if the store is to be polled again later (already scheduled) */
        private TokenStore.Lease lease(CompletableFuture<BoxAccessToken> request, long startedAt, long waitingSince) {
            Optional<TokenStore.Lease> lease;
            try {
                lease = store.tryLease(key);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The token store failed to grant a lease for {0}; requesting a token: {1}",
                        key, e.toString());
                return TokenStore.Lease.LOCAL;
            }
            if (lease.isPresent()) {
                return lease.get();
            }
            Duration wait = store.leaseWait(key);
            long waited = ticker.nanos() - waitingSince;
            if (waited - wait.toNanos() >= 0) {
                LOG.log(Level.WARNING, "Another node held the lease on {0} for {1} ms without storing a token;"
                        + " requesting one here", key, Duration.ofNanos(waited).toMillis());
                return TokenStore.Lease.LOCAL;
            }
            try {
                scheduler.schedule(pollInterval(wait), () -> {
                    try {
                        executor.execute(() -> obtainSafely(request, startedAt, waitingSince));
                    } catch (RejectedExecutionException e) {
                        finished(request, startedAt, null, refused(e), false);
                    }
                });
                return null;
            } catch (RejectedExecutionException e) {
                return TokenStore.Lease.LOCAL; // cannot wait: fetch now rather than fail
            }
        }

        /**
         * A token the store holds, if it is valid beyond its renewal time: then no request is needed. Its times come
         * from the wall clock (another JVM may have stored it), never beyond the lifetime Box granted.
         */
        private Issued fromStore() {
            Optional<BoxAccessToken> held;
            try {
                held = store.get(key);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The token store failed to answer for {0}; requesting a token: {1}", key,
                        e.toString());
                return null;
            }
            Entry current = entry;
            if (held.isEmpty() || (current != null && current.token.equals(held.get()))) {
                return null;
            }
            BoxAccessToken token = held.get();
            Duration left = Duration.between(clock.instant(), token.expiresAt());
            if (left.compareTo(token.lifetime()) > 0) {
                left = token.lifetime();
            }
            Issued issued = new Issued(token, ticker.nanos() + left.toNanos() - token.lifetime().toNanos());
            return ticker.nanos() - renewAt(issued) < 0 ? issued : null;
        }

        private BoxAuthenticationException refused(RejectedExecutionException e) {
            return new BoxAuthenticationException("The token request for " + key.request().subject() + " could not"
                    + " be started: box-ccg's executor refused it (is the application stopping?)",
                    BoxAuthenticationException.NO_RESPONSE, null, null, null, true, e);
        }

        private long renewAt(Issued issued) {
            Duration ahead = source.refreshAhead();
            Duration half = issued.token().lifetime().dividedBy(2);
            return issued.expiresAtNanos() - (ahead.compareTo(half) <= 0 ? ahead : half).toNanos();
        }

        private void finished(CompletableFuture<BoxAccessToken> request, long startedAt, Issued issued,
                              Throwable error, boolean fromStore) {
            long now = ticker.nanos();
            Duration took = Duration.ofNanos(now - startedAt);
            BoxAuthenticationException failure = null;
            Duration cooldown = null;
            Entry kept;
            synchronized (this) {
                inFlight = null;
                kept = entry;
                if (issued != null) {
                    entry = new Entry(issued.token(), renewAt(issued), issued.expiresAtNanos());
                    failures = 0;
                    lastFailure = null;
                    waitBeforeNextAttempt = false;
                } else {
                    failure = asBoxFailure(error);
                    failures++;
                    waitBeforeNextAttempt = true;
                    boolean valid = kept != null && now - kept.expiresAt < 0;
                    Duration wait = valid ? source.renewalBackoff(failures)
                            : source.cooldown(failures, failure.isTransient());
                    nextAttemptAt = now + wait.toNanos();
                    cooldown = valid ? null : wait;
                    if (cooldown != null) {
                        failure = withRetryAfter(failure, cooldown);
                    }
                    lastFailure = failure;
                    if (valid) {
                        LOG.log(Level.WARNING, "Renewing the Box token for {0} failed; the current token (valid until"
                                + " {1}) is kept and renewal is tried again in {2,number,#} ms: {3}",
                                key, kept.token.expiresAt(), wait.toMillis(), failure.getMessage());
                    }
                }
            }
            if (issued != null) {
                if (!fromStore) {
                    storeToken(issued.token());
                }
                listener.requestFinished(key, fromStore ? EngineListener.Outcome.FROM_STORE
                        : EngineListener.Outcome.ISSUED, took, null);
                request.complete(issued.token());
            } else {
                listener.requestFinished(key, failure.isTransient() ? EngineListener.Outcome.FAILED
                        : EngineListener.Outcome.REFUSED, took, failure);
                if (cooldown != null) {
                    listener.cooldownStarted(key, cooldown, failure);
                }
                request.completeExceptionally(failure);
            }
        }

        private void storeToken(BoxAccessToken token) {
            try {
                store.replaceIfNewer(key, token);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The token store failed to keep the new token for {0}: {1}", key, e.toString());
            }
        }

        private BoxAccessToken await(CompletableFuture<BoxAccessToken> request) {
            Duration bound = source.callerWait();
            try {
                return request.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw asBoxFailure(e.getCause());
            } catch (TimeoutException e) {
                throw new BoxAuthenticationException("No Box token for " + key.request().subject() + " within "
                        + RetryingTokenFetcher.seconds(bound) + "; the token request goes on for later callers",
                        BoxAuthenticationException.NO_RESPONSE, null, null, null, true, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BoxAuthenticationException("Interrupted while waiting for a Box token for "
                        + key.request().subject() + "; the token request goes on for other callers",
                        BoxAuthenticationException.NO_RESPONSE, null, null, null, true, e);
            }
        }

        synchronized boolean invalidate(BoxAccessToken token) {
            Entry current = entry;
            if (token != null && current != null && token.equals(current.token)) {
                entry = null;
                return true;
            }
            return false;
        }

        synchronized TokenStatus status() {
            long now = ticker.nanos();
            Instant wallNow = clock.instant();
            Entry current = entry;
            Optional<Instant> validUntil = current != null && now - current.expiresAt < 0
                    ? Optional.of(wallNow.plusNanos(current.expiresAt - now)) : Optional.empty();
            Optional<Instant> next = waitBeforeNextAttempt && now - nextAttemptAt < 0
                    ? Optional.of(wallNow.plusNanos(nextAttemptAt - now)) : Optional.empty();
            return new TokenStatus(key, validUntil, Optional.ofNullable(lastFailure), next, inFlight != null);
        }
    }

    /** How often to look for another engine's token while it holds the lease: often enough to add little delay. */
    static Duration pollInterval(Duration leaseWait) {
        Duration interval = leaseWait.dividedBy(50);
        return interval.compareTo(MIN_POLL) < 0 ? MIN_POLL : interval.compareTo(MAX_POLL) > 0 ? MAX_POLL : interval;
    }

    /**
     * A remembered failure: the same error, thrown anew so each caller gets its own stack trace. Its cause is the
     * failure it repeats, so whoever needs to tell one cooldown's failures apart from another's (the 503 mapper logs
     * once per cooldown) compares causes instead of parsing the countdown out of the message.
     */
    private static BoxAuthenticationException remembered(BoxAuthenticationException last, Duration left) {
        return new BoxAuthenticationException(last.getMessage() + " (The last token request failed; no new request"
                + " for another " + RetryingTokenFetcher.seconds(left) + ".)", last.status(), last.error().orElse(null),
                last.errorDescription().orElse(null), last.hint().orElse(null), last.isTransient(), last, left);
    }

    /** The failure that starts a cooldown, saying how long it lasts; same message, cause and stack trace. */
    private static BoxAuthenticationException withRetryAfter(BoxAuthenticationException failure, Duration cooldown) {
        BoxAuthenticationException told = new BoxAuthenticationException(failure.getMessage(), failure.status(),
                failure.error().orElse(null), failure.errorDescription().orElse(null), failure.hint().orElse(null),
                failure.isTransient(), failure.getCause(), cooldown);
        told.setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            told.addSuppressed(suppressed);
        }
        return told;
    }

    private static BoxAuthenticationException asBoxFailure(Throwable error) {
        if (error instanceof BoxAuthenticationException box) {
            return box;
        }
        Throwable cause = error != null && error.getCause() instanceof BoxAuthenticationException ? error.getCause() : error;
        if (cause instanceof BoxAuthenticationException box) {
            return box;
        }
        // Our own argument and state errors say what is wrong (a trust store that became unreadable, …) and carry no
        // secret; anything else is named by its class only, as its message could quote anything.
        String what = cause == null ? "unknown"
                : cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                ? cause.getMessage() : cause.getClass().getName();
        return new BoxAuthenticationException("The token request failed unexpectedly: " + what,
                BoxAuthenticationException.NO_RESPONSE, null, null, null, true, cause);
    }
}
