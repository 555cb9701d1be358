package dev.boxccg.core;

import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token engine for one Box app: plain Java, no container. Hands out {@link BoxTokenProvider}s for subjects;
 * they share one {@link TokenCache}, one HTTP client and one retry policy.
 *
 * <pre>{@code
 * try (BoxCcgEngine engine = BoxCcgEngine.builder(settings).build()) {
 *     BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise("1234"));
 *     String header = tokens.token().authorizationHeader();
 * }
 * }</pre>
 */
public final class BoxCcgEngine implements AutoCloseable {

    /** The most (app, subject) keys a cache the engine makes for itself keeps. */
    public static final int DEFAULT_MAX_CACHED_KEYS = 1000;
    /** After a failed background renewal: 1 s, 2 s, 4 s, … at most 1 minute before the next one. */
    public static final Backoff DEFAULT_RENEWAL_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    private final BoxCcgSettings settings;
    private final TokenCache cache;
    private final RetryingTokenFetcher fetcher;
    private final ExecutorService ownExecutor;

    private BoxCcgEngine(Builder builder) {
        this.settings = builder.settings;
        if (builder.cache != null) {
            this.cache = builder.cache;
            this.ownExecutor = null;
        } else {
            this.ownExecutor = daemonExecutor();
            this.cache = new TokenCache(builder.clock, ownExecutor, DEFAULT_RENEWAL_BACKOFF, DEFAULT_MAX_CACHED_KEYS);
        }
        TokenEndpoint endpoint = builder.endpoint != null ? builder.endpoint : new HttpTokenEndpoint(settings, builder.clock);
        this.fetcher = new RetryingTokenFetcher(endpoint, settings.retry(), settings.readTimeout(), builder.clock,
                builder.sleeper, builder.jitter);
    }

    public static Builder builder(BoxCcgSettings settings) {
        return new Builder(settings);
    }

    public BoxCcgSettings settings() {
        return settings;
    }

    /** @return a provider of tokens for {@code subject}; cheap, and every provider for one subject shares its token */
    public BoxTokenProvider provider(BoxSubject subject) {
        TokenKey key = new TokenKey(settings.tokenUrl(), settings.clientId(), subject);
        return new EngineTokenProvider(this, cache, key, settings.refreshAhead(), k -> fetcher.fetch(k.subject()));
    }

    /** Stops the renewal threads the engine started itself; a cache that was handed in is left alone. */
    @Override
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }

    /** Background renewals for Java SE: daemon threads, so they never keep a JVM alive. */
    public static ExecutorService daemonExecutor() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "box-ccg-renewal-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Defaults: the system UTC clock, real sleeps, equal jitter, an own cache with daemon renewal threads. */
    public static final class Builder {
        private final BoxCcgSettings settings;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Jitter jitter = Jitter.EQUAL;
        private TokenCache cache;
        private TokenEndpoint endpoint;

        private Builder(BoxCcgSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder jitter(Jitter jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** Shares a cache (and its renewal executor) with other engines; the cache's clock should be this one. */
        public Builder cache(TokenCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** For tests: replaces the HTTP call to the token endpoint. */
        Builder endpoint(TokenEndpoint endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public BoxCcgEngine build() {
            return new BoxCcgEngine(this);
        }
    }
}
