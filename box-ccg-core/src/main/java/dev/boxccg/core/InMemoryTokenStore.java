package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link TokenStore}: a map in this JVM, holding the same token objects as the engine's cache (so it
 * costs a map entry per key, not a copy of the token). Bounded: past {@code capacity} keys, expired tokens go first,
 * then those that expire soonest.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final Map<TokenKey, BoxAccessToken> tokens = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    /**
     * @param capacity the most keys held
     * @param clock    decides which held tokens have expired, when room is needed
     */
    public InMemoryTokenStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Optional<BoxAccessToken> get(TokenKey key) {
        return Optional.ofNullable(tokens.get(key));
    }

    @Override
    public boolean replaceIfNewer(TokenKey key, BoxAccessToken token) {
        boolean[] stored = {false};
        tokens.compute(key, (k, held) -> {
            if (held == null || held.issuedAt().isBefore(token.issuedAt()) || held.equals(token)) {
                stored[0] = true;
                return token;
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
        return tokens.remove(key, token);
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
        List<Map.Entry<TokenKey, BoxAccessToken>> entries = new ArrayList<>(tokens.entrySet());
        entries.sort(Comparator.comparing(e -> e.getValue().expiresAt()));
        int excess = entries.size() - capacity * 3 / 4;
        var now = clock.instant();
        for (Map.Entry<TokenKey, BoxAccessToken> entry : entries) {
            boolean expired = !entry.getValue().isValidAt(now);
            if (excess <= 0 && !expired) {
                break;
            }
            if (tokens.remove(entry.getKey(), entry.getValue())) {
                excess--;
            }
        }
    }
}
