package dev.boxccg.impl.runtime;

import dev.boxccg.core.TokenGrid;
import dev.boxccg.core.TokenGridFactory;
import dev.boxccg.impl.config.TokenStoreConfiguration;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grids of one application's runtime, one per (kind, cache, cache manager), so configurations that name the same
 * cache share one grid. Factories are found with {@link ServiceLoader}, through the thread's context class loader
 * (the application's, in a server) and then box-ccg's own.
 */
final class TokenGrids {

    private record Where(String kind, String cache, Optional<String> cacheManager) {
        static Where of(TokenStoreConfiguration configuration) {
            return new Where(configuration.kind(), configuration.cache(), configuration.cacheManager());
        }
    }

    private final Map<Where, TokenGrid> opened = new ConcurrentHashMap<>();

    /** @return the factory whose name is {@code kind}, if one is on the class path */
    Optional<TokenGridFactory> factory(String kind) {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                TokenGrids.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            for (TokenGridFactory factory : ServiceLoader.load(TokenGridFactory.class, loader)) {
                if (factory.name().equals(kind)) {
                    return Optional.of(factory);
                }
            }
        }
        return Optional.empty();
    }

    /** @return the grid, opened once */
    TokenGrid open(TokenGridFactory factory, TokenStoreConfiguration configuration) {
        return opened.computeIfAbsent(Where.of(configuration),
                where -> factory.open(where.cache(), where.cacheManager()));
    }
}
