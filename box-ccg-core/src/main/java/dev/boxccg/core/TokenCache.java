package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Caches one token per {@link TokenKey} and renews it before it expires.
 *
 * <ul>
 *   <li>A valid token is returned at once. From {@code refresh-ahead} before expiry (never more than half the
 *       token's lifetime) a renewal is started on the renewal executor, and callers keep getting the old token
 *       until the new one is in: nobody waits while a valid token exists.</li>
 *   <li>At most one token request per key is in flight. When no valid token exists, the first caller requests one
 *       in its own thread and the others wait for that request's result.</li>
 *   <li>A failed renewal keeps the old token until it really expires; the renewal is tried again after a backoff.</li>
 *   <li>{@link #invalidate} drops a token only if it is still the current one.</li>
 *   <li>At most {@code maxKeys} keys are kept; past that the least recently used key is evicted.</li>
 * </ul>
 * Thread safe.
 */
public final class TokenCache {

    private static final System.Logger LOG = System.getLogger(TokenCache.class.getName());

    private final ConcurrentHashMap<TokenKey, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong insertions = new AtomicLong();
    private final Clock clock;
    private final Executor renewalExecutor;
    private final Backoff renewalBackoff;
    private final int maxKeys;

    /**
     * @param clock           decides when tokens are due for renewal and when they expire
     * @param renewalExecutor runs background renewals; its tasks make one token request each
     * @param renewalBackoff  the wait before a failed renewal is tried again
     * @param maxKeys         the most keys kept
     */
    public TokenCache(Clock clock, Executor renewalExecutor, Backoff renewalBackoff, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, not " + maxKeys);
        }
        this.clock = clock;
        this.renewalExecutor = renewalExecutor;
        this.renewalBackoff = renewalBackoff;
        this.maxKeys = maxKeys;
    }

    /**
     * Returns a token for {@code key} valid now.
     *
     * @param key          whose token
     * @param refreshAhead how long before expiry to renew
     * @param fetch        requests a new token for the key (may block, throws {@link BoxAuthenticationException})
     * @throws BoxAuthenticationException if no valid token is cached and the request for one failed
     */
    public BoxAccessToken get(TokenKey key, Duration refreshAhead, Function<TokenKey, BoxAccessToken> fetch) {
        Slot slot = slot(key);
        slot.markUsed();
        Cached cached = slot.cached; // token and renewal time read together: never a new token with an old time
        Instant now = clock.instant();
        if (cached != null && cached.token().isValidAt(now)) {
            if (!now.isBefore(cached.renewAt())) {
                slot.renewInBackground(now, refreshAhead, fetch);
            }
            return cached.token();
        }
        return slot.awaitValidToken(refreshAhead, fetch);
    }

    /**
     * Drops {@code token} if it is still the current token for {@code key}; a newer token stays.
     *
     * @return true if the token was dropped
     */
    public boolean invalidate(TokenKey key, BoxAccessToken token) {
        Slot slot = slots.get(key);
        return slot != null && slot.invalidate(token);
    }

    /** @return the number of keys held */
    public int size() {
        return slots.size();
    }

    private Slot slot(TokenKey key) {
        Slot slot = slots.get(key);
        if (slot != null) {
            return slot;
        }
        slot = slots.computeIfAbsent(key, k -> {
            insertions.incrementAndGet();
            return new Slot(k);
        });
        if (slots.size() > maxKeys) {
            evictLeastRecentlyUsed(slot);
        }
        return slot;
    }

    /**
     * Evicts the keys used longest ago, never one with a request in flight. "When" is counted in insertions, so a
     * cache hit writes shared state only on its key's first use after an insertion.
     */
    private void evictLeastRecentlyUsed(Slot keep) {
        while (slots.size() > maxKeys) {
            Slot oldest = null;
            for (Slot candidate : slots.values()) {
                if (candidate != keep && !candidate.isBusy()
                        && (oldest == null || candidate.lastUsed < oldest.lastUsed)) {
                    oldest = candidate;
                }
            }
            if (oldest == null) {
                return; // every other key has a request in flight: let the bound be exceeded briefly
            }
            slots.remove(oldest.key, oldest);
        }
    }

    /** The current token and when to renew it. */
    private record Cached(BoxAccessToken token, Instant renewAt) {
    }

    private final class Slot {
        private final TokenKey key;
        volatile Cached cached;
        volatile long lastUsed;

        // Guarded by this.
        private CompletableFuture<BoxAccessToken> inFlight;
        private int failedRenewals;
        private Instant nextRenewalAttempt = Instant.MIN;

        Slot(TokenKey key) {
            this.key = key;
        }

        void markUsed() {
            long now = insertions.get();
            if (lastUsed != now) { // read before write: a hit on a hot key writes nothing shared
                lastUsed = now;
            }
        }

        synchronized boolean isBusy() {
            return inFlight != null;
        }

        void renewInBackground(Instant now, Duration refreshAhead, Function<TokenKey, BoxAccessToken> fetch) {
            CompletableFuture<BoxAccessToken> renewal;
            synchronized (this) {
                Cached current = cached;
                // A caller that read the old token just before a renewal finished must not start another one.
                boolean alreadyRenewed = current != null && now.isBefore(current.renewAt());
                if (inFlight != null || alreadyRenewed || now.isBefore(nextRenewalAttempt)) {
                    return;
                }
                renewal = inFlight = new CompletableFuture<>();
            }
            try {
                renewalExecutor.execute(() -> run(renewal, refreshAhead, fetch));
            } catch (RejectedExecutionException e) {
                // The executor is shutting down or full: keep the valid token, a later call will try again.
                LOG.log(Level.DEBUG, "Background token renewal for {0} was rejected by the executor", key.subject());
                synchronized (this) {
                    inFlight = null;
                }
                renewal.completeExceptionally(new BoxAuthenticationException("The token renewal for " + key.subject()
                        + " could not be scheduled: the renewal executor refused it", BoxAuthenticationException.NO_RESPONSE,
                        null, null, null, true, e));
            }
        }

        BoxAccessToken awaitValidToken(Duration refreshAhead, Function<TokenKey, BoxAccessToken> fetch) {
            CompletableFuture<BoxAccessToken> request;
            boolean mine = false;
            synchronized (this) {
                Cached current = cached;
                if (current != null && current.token().isValidAt(clock.instant())) {
                    return current.token();
                }
                if (inFlight == null) {
                    inFlight = new CompletableFuture<>();
                    mine = true;
                }
                request = inFlight;
            }
            if (mine) {
                run(request, refreshAhead, fetch);
            }
            return await(request);
        }

        private void run(CompletableFuture<BoxAccessToken> request, Duration refreshAhead,
                         Function<TokenKey, BoxAccessToken> fetch) {
            try {
                BoxAccessToken token = fetch.apply(key);
                synchronized (this) {
                    cached = new Cached(token, token.expiresAt().minus(min(refreshAhead, token.lifetime().dividedBy(2))));
                    failedRenewals = 0;
                    nextRenewalAttempt = Instant.MIN;
                    inFlight = null;
                }
                request.complete(token);
            } catch (RuntimeException | Error e) {
                Duration wait;
                synchronized (this) {
                    failedRenewals++;
                    wait = renewalBackoff.after(failedRenewals);
                    nextRenewalAttempt = clock.instant().plus(wait);
                    inFlight = null;
                }
                Cached kept = cached;
                if (kept != null && kept.token().isValidAt(clock.instant())) {
                    LOG.log(Level.WARNING, "Renewing the Box token for {0} failed; the current token (valid until {1})"
                            + " is kept and renewal is tried again in {2,number,#} ms: {3}",
                            key.subject(), kept.token().expiresAt(), wait.toMillis(), e.getMessage());
                }
                request.completeExceptionally(e);
            }
        }

        private BoxAccessToken await(CompletableFuture<BoxAccessToken> request) {
            try {
                return request.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BoxAuthenticationException("Interrupted while waiting for a Box token for " + key.subject(),
                        BoxAuthenticationException.NO_RESPONSE, null, null, null, true, e);
            }
        }

        synchronized boolean invalidate(BoxAccessToken token) {
            Cached current = cached;
            if (token != null && current != null && token.equals(current.token())) {
                cached = null;
                return true;
            }
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
