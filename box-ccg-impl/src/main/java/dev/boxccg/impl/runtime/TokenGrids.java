package dev.boxccg.impl.runtime;

import dev.boxccg.core.TokenGridFactory;
import dev.boxccg.impl.config.TokenStoreConfiguration;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

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

    private final Map<Where, OpeningTokenGrid> opened = new ConcurrentHashMap<>();

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

    /**
     * @param executor  opens the grid: a factory may block (a grid member joining, a client looking for its cluster)
     * @param onFailure told once if the grid cannot be opened
     * @return the grid, whose opening was started once, on {@code executor}; callers wait for it at most the store's
     *         lease from when it started
     */
    OpeningTokenGrid open(TokenGridFactory factory, TokenStoreConfiguration configuration, Executor executor,
                          Consumer<RuntimeException> onFailure) {
        return opened.computeIfAbsent(Where.of(configuration), where -> OpeningTokenGrid.open(
                () -> factory.open(where.cache(), where.cacheManager()),
                where.kind() + " cache '" + where.cache() + "'" + where.cacheManager().map(m -> " of " + m).orElse(""),
                configuration.lease(), executor, onFailure));
    }
}
