package dev.boxccg.impl.config;

import dev.boxccg.core.TokenGrid;
import dev.boxccg.core.TokenGridFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code token-store=test-map}: one map per cache name in this JVM, shared by every runtime, as a grid would be. */
public final class MapGridFactory implements TokenGridFactory {

    static final Map<String, ConcurrentMap<String, String>> CACHES = new ConcurrentHashMap<>();
    /** The cache manager whose opening waits for {@link #release}, like a grid member that takes its time joining. */
    static final String SLOW = "slow";
    static volatile CountDownLatch release = new CountDownLatch(0);
    /** Counted down each time a grid is opened. */
    static volatile CountDownLatch opened = new CountDownLatch(0);

    @Override
    public String name() {
        return "test-map";
    }

    @Override
    public TokenGrid open(String cacheName, Optional<String> cacheManager) {
        if (cacheManager.filter(SLOW::equals).isPresent()) {
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the slow grid open");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        } else if (cacheManager.isPresent()) {
            throw new IllegalStateException("no cache manager " + cacheManager.get());
        }
        TokenGrid grid = TokenGrid.of(CACHES.computeIfAbsent(cacheName, name -> new ConcurrentHashMap<>()),
                cacheName);
        opened.countDown();
        return grid;
    }
}
