package dev.boxccg.core;

import java.util.Optional;

/**
 * Opens a {@link TokenGrid} by name, for configuration: box-ccg-impl finds factories with {@link java.util.ServiceLoader}
 * and picks the one whose {@link #name()} the {@code token-store} setting gives, so that a grid's API is needed only
 * in the optional module that adapts it (box-ccg-store-jcache registers {@code jcache}).
 */
public interface TokenGridFactory {

    /** @return the value of the {@code token-store} setting that selects this factory, e.g. {@code jcache} */
    String name();

    /**
     * @param cacheName    the grid's cache (map) that holds box-ccg's entries; made if the grid allows and it is
     *                     missing
     * @param cacheManager where to find the grid, e.g. a JNDI name; empty for the platform's default
     * @return the grid; opening the same cache twice gives equal grids
     * @throws IllegalStateException saying what is missing, if the grid cannot be reached
     */
    TokenGrid open(String cacheName, Optional<String> cacheManager);
}
