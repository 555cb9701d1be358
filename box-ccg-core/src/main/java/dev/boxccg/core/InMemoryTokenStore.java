package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link TokenStore}: a map in this JVM, holding the same token objects as the engine's cache (so it
 * costs a map entry per key, not a copy of the token). Being in one JVM, it also keeps each token's expiry on the
 * monotonic ticker, so a wall-clock step never brings back an expired token. Bounded: past {@code capacity} keys,
 * the tokens that expire soonest (expired ones first) make room.
 */
public final class InMemoryTokenStore implements TokenStore {

    /** A token and its expiry on the ticker, taken when it was stored, when the wall clock agreed with the token. */
    private record Held(BoxAccessToken token, long expiresAtNanos) {
    }

    private final Map<TokenKey, Held> tokens = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;
    private final Ticker ticker;

    /**
     * @param capacity the most keys held
     * @param clock    turns a token's expiry into time left, when it is stored
     * @param ticker   decides which held tokens have expired
     */
    public InMemoryTokenStore(int capacity, Clock clock, Ticker ticker) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
        this.ticker = ticker;
    }

    /** @return the held token, unless it has expired by the ticker */
    @Override
    public Optional<BoxAccessToken> get(TokenKey key) {
        Held held = tokens.get(key);
        return held == null || ticker.nanos() - held.expiresAtNanos >= 0 ? Optional.empty() : Optional.of(held.token);
    }

    @Override
    public boolean replaceIfNewer(TokenKey key, BoxAccessToken token) {
        boolean[] stored = {false};
        Duration left = Duration.between(clock.instant(), token.expiresAt());
        Held candidate = new Held(token, ticker.nanos()
                + (left.compareTo(token.lifetime()) > 0 ? token.lifetime() : left).toNanos());
        tokens.compute(key, (k, held) -> {
            if (held == null || held.token.issuedAt().isBefore(token.issuedAt()) || held.token.equals(token)) {
                stored[0] = true;
                return candidate;
            }
            return held;
        });
        if (tokens.size() > capacity) {
            makeRoom();
        }
        return stored[0];
    }

    @Override
    public boolean removeIfSame(TokenKey key, BoxAccessToken token) {
        boolean[] removed = {false};
        tokens.computeIfPresent(key, (k, held) -> {
            removed[0] = held.token.equals(token);
            return removed[0] ? null : held;
        });
        return removed[0];
    }

    /** Removes every token held. */
    public void clear() {
        tokens.clear();
    }

    /** @return the number of keys held */
    public int size() {
        return tokens.size();
    }

    /**
     * Cuts the map to three quarters of its capacity in one pass, so the sort is paid once per quarter of the
     * capacity's insertions: amortised O(log n) each.
     */
    private synchronized void makeRoom() {
        if (tokens.size() <= capacity) {
            return;
        }
        List<Map.Entry<TokenKey, Held>> entries = new ArrayList<>(tokens.entrySet());
        long now = ticker.nanos();
        // Soonest first, counted from now so that the order holds across the ticker's overflow.
        entries.sort(Comparator.comparingLong(e -> e.getValue().expiresAtNanos - now));
        int excess = entries.size() - capacity * 3 / 4;
        for (Map.Entry<TokenKey, Held> entry : entries) {
            boolean expired = entry.getValue().expiresAtNanos - now <= 0;
            if (excess <= 0 && !expired) {
                break;
            }
            if (tokens.remove(entry.getKey(), entry.getValue())) {
                excess--;
            }
        }
    }
}
