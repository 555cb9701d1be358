package dev.boxccg.benchmarks.jmh;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.benchmarks.support.FakeTokenEndpoint;
import dev.boxccg.core.BoxCcgEngine;
import dev.boxccg.core.BoxCcgSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark 6: how a cache hit scales. (1) With 1, 1,000 and 100,000 cached subjects (users, each filled in setup
 * through {@code forUser(id).token()} against a {@link FakeTokenEndpoint}), one call asks a random cached subject's
 * provider for its token; baseline: a bare {@code ConcurrentHashMap} from user ID to (token, expiry) with an expiry
 * check on {@code System.nanoTime()}. (2) {@code token()} of one subject at 1, 8 and 64
 * threads; baseline: a volatile read plus an expiry check on {@code System.nanoTime()}, at the same thread count.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScaleBenchmark {

    /** The filling threads: the engine's requests are asynchronous, so a few callers keep the endpoint busy. */
    static final int FILLERS = 4;

    @State(Scope.Benchmark)
    public static class Subjects {
        @Param({"1", "1000", "100000"})
        public int subjects;

        FakeTokenEndpoint endpoint;
        BoxCcgEngine engine;
        BoxTokenProvider[] providers;

        @Setup(Level.Trial)
        public void start() throws InterruptedException {
            endpoint = FakeTokenEndpoint.start();
            BoxCcgSettings settings = endpoint.settings();
            engine = BoxCcgEngine.builder(settings).maxSubjects(Math.max(subjects, 1)).build();
            BoxTokenProvider app = engine.provider(dev.boxccg.BoxSubject.enterprise("9000"));
            providers = new BoxTokenProvider[subjects];
            for (int i = 0; i < subjects; i++) {
                providers[i] = app.forUser(Integer.toString(100_000_000 + i));
            }
            fill(providers, null);
            if (endpoint.requests() != subjects || engine.cachedKeys() != subjects) {
                throw new IllegalStateException("Filled " + engine.cachedKeys() + " keys with " + endpoint.requests()
                        + " requests, not " + subjects);
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            long requests = endpoint.requests();
            engine.close();
            endpoint.close();
            if (requests != subjects) {
                throw new IllegalStateException("The cache was not warm throughout: " + requests + " token requests for "
                        + subjects + " subjects");
            }
        }

        BoxTokenProvider randomProvider() {
            return providers[ThreadLocalRandom.current().nextInt(providers.length)];
        }

    }

    /**
     * The baseline: the least a keyed cache on a monotonic clock does. A {@code ConcurrentHashMap} from user ID to
     * (token, expiry in {@code System.nanoTime()}), N tokens of the fake's shape made directly (no engine, so no
     * second 100,000-request fill); each call looks up a random user's ID (its own {@code String}, as a caller's
     * would be), checks the expiry and returns the token. It pays the same random number, a hash lookup, a clock
     * read and, at 100,000, cache misses of its own.
     */
    @State(Scope.Benchmark)
    public static class Tokens {
        @Param({"1", "1000", "100000"})
        public int subjects;

        record Held(BoxAccessToken token, long expiresAtNanos) {
        }

        final java.util.concurrent.ConcurrentHashMap<String, Held> map = new java.util.concurrent.ConcurrentHashMap<>();
        String[] ids;

        @Setup(Level.Trial)
        public void start() {
            java.time.Instant now = java.time.Instant.now();
            long expires = System.nanoTime() + TimeUnit.HOURS.toNanos(20);
            ids = new String[subjects];
            for (int i = 0; i < subjects; i++) {
                String id = Integer.toString(100_000_000 + i);
                map.put(id, new Held(new BoxAccessToken("T" + String.format("%031d", i + 1), "bearer", now,
                        now.plus(java.time.Duration.ofHours(20)), dev.boxccg.BoxSubject.user(id), List.of()), expires));
                ids[i] = new String(id); // not the map's key instance
            }
        }

        BoxAccessToken randomToken() {
            Held held = map.get(ids[ThreadLocalRandom.current().nextInt(ids.length)]);
            return System.nanoTime() - held.expiresAtNanos < 0 ? held.token : null;
        }
    }

    /** Asks every provider once, from {@link #FILLERS} threads; keeps each token. */
    public static void fill(BoxTokenProvider[] providers, BoxAccessToken[] tokens) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        RuntimeException[] failure = {null};
        for (int t = 0; t < FILLERS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < providers.length; i = next.getAndIncrement()) {
                        BoxAccessToken token = providers[i].token();
                        if (tokens != null) {
                            tokens[i] = token;
                        }
                    }
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    @State(Scope.Benchmark)
    public static class OneSubject {
        FakeTokenEndpoint endpoint;
        BoxCcgEngine engine;
        BoxTokenProvider provider;
        volatile BoxAccessToken held;
        volatile long expiresAtNanos;

        /** The least a monotonic cache does: one volatile read, one {@code nanoTime()}, one comparison. */
        BoxAccessToken validHeld() {
            BoxAccessToken token = held;
            return System.nanoTime() - expiresAtNanos < 0 ? token : null;
        }

        @Setup(Level.Trial)
        public void start() {
            endpoint = FakeTokenEndpoint.start();
            engine = BoxCcgEngine.builder(endpoint.settings()).build();
            provider = engine.provider(dev.boxccg.BoxSubject.enterprise("9000"));
            held = provider.token();
            expiresAtNanos = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        }

        @TearDown(Level.Trial)
        public void stop() {
            long requests = endpoint.requests();
            engine.close();
            endpoint.close();
            if (requests != 1) {
                throw new IllegalStateException("The cache was not warm throughout: " + requests + " token requests");
            }
        }
    }

    /** A random cached subject's {@code provider.token()}. */
    @Benchmark
    public BoxAccessToken hitRandomSubject(Subjects subjects) {
        return subjects.randomProvider().token();
    }

    /** Baseline: the same random subject's token from a bare map with an expiry check. */
    @Benchmark
    public BoxAccessToken mapRandomSubject(Tokens tokens) {
        return tokens.randomToken();
    }

    @Benchmark
    @Threads(1)
    public BoxAccessToken token1Thread(OneSubject one) {
        return one.provider.token();
    }

    @Benchmark
    @Threads(8)
    public BoxAccessToken token8Threads(OneSubject one) {
        return one.provider.token();
    }

    @Benchmark
    @Threads(64)
    public BoxAccessToken token64Threads(OneSubject one) {
        return one.provider.token();
    }

    @Benchmark
    @Threads(1)
    public BoxAccessToken monotonicCheck1Thread(OneSubject one) {
        return one.validHeld();
    }

    @Benchmark
    @Threads(8)
    public BoxAccessToken monotonicCheck8Threads(OneSubject one) {
        return one.validHeld();
    }

    @Benchmark
    @Threads(64)
    public BoxAccessToken monotonicCheck64Threads(OneSubject one) {
        return one.validHeld();
    }
}
