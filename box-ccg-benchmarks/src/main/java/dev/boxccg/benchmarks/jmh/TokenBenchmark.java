package dev.boxccg.benchmarks.jmh;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.benchmarks.support.BoxFixture;
import dev.boxccg.core.BoxCcgEngine;
import dev.boxccg.core.BoxCcgSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 2: {@code BoxTokenProvider.token()} of the engine on a warm cache (an hour-long token, so nothing is
 * renewed), from 1 and from 8 threads. Baselines: reading a volatile field that holds the same token, the least a
 * thread-safe cache can do; and the same plus the expiry check against the wall clock, the least a cache that never
 * hands out an expired token can do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenBenchmark {

    @State(Scope.Benchmark)
    public static class Engine {
        BoxFixture box;
        BoxCcgEngine engine;
        BoxTokenProvider provider;
        volatile BoxAccessToken held;
        final Clock clock = Clock.systemUTC();

        /** The least a cache that checks expiry does: one volatile read, one wall-clock read, one comparison. */
        BoxAccessToken validHeld() {
            BoxAccessToken token = held;
            return token.isValidAt(clock.instant()) ? token : null;
        }

        @Setup(Level.Trial)
        public void start() {
            box = BoxFixture.start();
            engine = BoxCcgEngine.builder(box.settings(BoxCcgSettings.DEFAULT_REFRESH_AHEAD)).build();
            provider = engine.provider(box.subject());
            held = provider.token();
        }

        @TearDown(Level.Trial)
        public void stop() {
            box.closeAfterWarmRun(engine);
        }
    }

    @Benchmark
    @Threads(1)
    public BoxAccessToken ours1Thread(Engine engine) {
        return engine.provider.token();
    }

    @Benchmark
    @Threads(8)
    public BoxAccessToken ours8Threads(Engine engine) {
        return engine.provider.token();
    }

    @Benchmark
    @Threads(1)
    public BoxAccessToken volatileReadAndExpiryCheck1Thread(Engine engine) {
        return engine.validHeld();
    }

    @Benchmark
    @Threads(8)
    public BoxAccessToken volatileReadAndExpiryCheck8Threads(Engine engine) {
        return engine.validHeld();
    }

    @Benchmark
    @Threads(1)
    public BoxAccessToken volatileRead1Thread(Engine engine) {
        return engine.held;
    }

    @Benchmark
    @Threads(8)
    public BoxAccessToken volatileRead8Threads(Engine engine) {
        return engine.held;
    }
}
