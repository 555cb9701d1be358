package dev.boxccg.core;

import java.util.Objects;
import java.util.concurrent.ConcurrentMap;

/**
 * The little a data grid must do for {@link SharedTokenStore}: a map of strings shared by every node, with atomic
 * put-if-absent, compare-and-replace and compare-and-remove. A JCache {@code Cache<String, String>} (Payara's
 * Hazelcast, any JSR-107 provider) or an Infinispan cache is adapted in a few lines; the encryption, the leases and
 * every decision stay in {@link SharedTokenStore}.
 *
 * <p>Keys and values are strings, never Java-serialized classes of ours: a grid keeps entries across redeployments,
 * and a class of an undeployed application's class loader would break the next one. Strings also compare by content
 * in every grid, which the compare-and-set operations rely on. Values carry their own expiry, so a grid's own expiry
 * policy only frees memory, and correctness never depends on it.
 *
 * <p>Calls may block (a remote grid); {@link SharedTokenStore} bounds each one with its timeout. They may throw any
 * runtime exception: the store then falls back to this node's own requests.
 */
public interface TokenGrid {

    /** @return the value held for {@code key}, or null if none */
    String get(String key);

    /** @return true if {@code value} was stored because {@code key} held nothing */
    boolean putIfAbsent(String key, String value);

    /** @return true if {@code key} held {@code expected} and now holds {@code value} */
    boolean replace(String key, String expected, String value);

    /** @return true if {@code key} held {@code expected} and now holds nothing */
    boolean remove(String key, String expected);

    /**
     * @return false while the grid cannot be used yet (it is still being opened) or at all (its opening failed):
     *         {@link SharedTokenStore} then keeps the app's tokens on this node, without calling the grid, without
     *         waiting and without a warning (whoever opens the grid reports its failure). True by default.
     */
    default boolean isReady() {
        return true;
    }

    /** A name for log lines: the cache's name, never a key or a value. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /**
     * A grid on a {@link ConcurrentMap} whose {@code putIfAbsent}, {@code replace(key, old, new)} and
     * {@code remove(key, value)} are atomic across the nodes: a Hazelcast {@code IMap}, an Infinispan {@code Cache}
     * (WildFly's grid), and so on.
     *
     * @param map         the map, shared by the nodes
     * @param description a name for log lines, e.g. the cache's name
     */
    static TokenGrid of(ConcurrentMap<String, String> map, String description) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(description, "description");
        return new MapTokenGrid(map, description);
    }
}
