package dev.boxccg.core;

import java.util.concurrent.ConcurrentMap;

/** {@link TokenGrid#of}: a grid on a shared {@link ConcurrentMap}. */
final class MapTokenGrid implements TokenGrid {

    private final ConcurrentMap<String, String> map;
    private final String description;

    MapTokenGrid(ConcurrentMap<String, String> map, String description) {
        this.map = map;
        this.description = description;
    }

    @Override
    public String get(String key) {
        return map.get(key);
    }

    @Override
    public boolean putIfAbsent(String key, String value) {
        return map.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        return map.replace(key, expected, value);
    }

    @Override
    public boolean remove(String key, String expected) {
        return map.remove(key, expected);
    }

    @Override
    public String describe() {
        return description;
    }

    /** Two grids on the same map (the same object, not equal content) are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MapTokenGrid that && that.map == map;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(map);
    }
}
