package dev.boxccg.impl.runtime;

import dev.boxccg.BoxTokenProvider;
import dev.boxccg.impl.config.BoxAppConfiguration;
import dev.boxccg.impl.config.BoxCcgConfigReader;
import dev.boxccg.core.BoxCcgEngine;
import dev.boxccg.core.TokenCache;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Everything box-ccg runs for one application: one engine per configuration name, built on first use from
 * MicroProfile Config, all sharing one token cache (so two configurations of the same app and subject share a token)
 * and one renewal executor. Plain Java: the CDI bean, the REST client filter and the CLI all hold one of these.
 */
public final class BoxCcgRuntime implements AutoCloseable {

    private final BoxCcgConfigReader config;
    private final Clock clock;
    private final TokenCache cache;
    private final Runnable onClose;
    private final Map<String, Configured> configured = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param config          where configurations are read
     * @param renewalExecutor runs background renewals
     * @param onClose         run once by {@link #close()}, e.g. to stop an executor the caller made for this runtime
     */
    public BoxCcgRuntime(BoxCcgConfigReader config, Executor renewalExecutor, Clock clock, Runnable onClose) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.cache = new TokenCache(clock, renewalExecutor, BoxCcgEngine.DEFAULT_RENEWAL_BACKOFF,
                BoxCcgEngine.DEFAULT_MAX_CACHED_KEYS);
    }

    /** A runtime whose renewals run on an executor the container owns (and stops). */
    public static BoxCcgRuntime onContainerExecutor(Config config, Executor containerExecutor) {
        return new BoxCcgRuntime(new BoxCcgConfigReader(config), containerExecutor, Clock.systemUTC(), () -> { });
    }

    /** A runtime whose renewals run on daemon threads of its own, stopped by {@link #close()}. */
    public static BoxCcgRuntime onOwnThreads(Config config) {
        ExecutorService own = BoxCcgEngine.daemonExecutor();
        return new BoxCcgRuntime(new BoxCcgConfigReader(config), own, Clock.systemUTC(), own::shutdownNow);
    }

    /**
     * @param configurationName {@code ""} for the default configuration
     * @return the provider for that configuration's subject; the configuration is read once, on first use
     * @throws dev.boxccg.impl.config.BoxConfigurationException if the configuration is missing or invalid
     */
    public BoxTokenProvider provider(String configurationName) {
        if (closed) {
            throw new IllegalStateException("box-ccg has been stopped with its application");
        }
        Configured known = configured.get(configurationName); // the common case allocates nothing
        return (known != null ? known : configured.computeIfAbsent(configurationName, this::configure)).provider();
    }

    /** @return true once {@link #close()} has run */
    public boolean isClosed() {
        return closed;
    }

    /** @return the configuration as read on first use */
    public BoxAppConfiguration configuration(String configurationName) {
        provider(configurationName);
        return configured.get(configurationName).configuration();
    }

    private Configured configure(String name) {
        BoxAppConfiguration configuration = config.read(name);
        BoxCcgEngine engine = BoxCcgEngine.builder(configuration.settings()).clock(clock).cache(cache).build();
        return new Configured(configuration, engine, engine.provider(configuration.subject()));
    }

    private record Configured(BoxAppConfiguration configuration, BoxCcgEngine engine, BoxTokenProvider provider) {
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            configured.values().forEach(c -> c.engine().close());
            configured.clear();
            onClose.run();
        }
    }
}
