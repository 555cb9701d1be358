package dev.boxccg.benchmarks.jmh;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.benchmarks.support.BoxFixture;
import dev.boxccg.benchmarks.support.CdiApp;
import dev.boxccg.benchmarks.support.JerseyRequest;
import dev.boxccg.impl.client.BoxCcgLocator;
import dev.boxccg.impl.runtime.BoxCcgRuntime;
import jakarta.ws.rs.core.HttpHeaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1, taken apart: the steps {@code BoxAuthenticationFilter.filter} takes on a cached token, each through
 * box-ccg's public classes, in the same Weld SE runtime. Says where the filter's time and allocation go.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterPartsBenchmark {

    @State(Scope.Benchmark)
    public static class Runtime {
        BoxFixture box;
        CdiApp app;
        BoxCcgRuntime runtime;
        BoxAccessToken token;
        final Clock clock = Clock.systemUTC();

        @Setup(Level.Trial)
        public void start() {
            box = BoxFixture.start();
            app = CdiApp.start(box.config());
            runtime = BoxCcgLocator.runtime(); // what the filter holds after its first call
            token = runtime.provider("").token();
        }

        @TearDown(Level.Trial)
        public void stop() {
            box.closeAfterWarmRun(app);
        }
    }

    @State(Scope.Thread)
    public static class Request {
        final JerseyRequest request = new JerseyRequest().reset();
    }

    /** The filter's first step: is there an Authorization header already? */
    @Benchmark
    public String headerCheck(Request request) {
        return request.request.getHeaderString(HttpHeaders.AUTHORIZATION);
    }

    /** The configuration's provider, looked up by name in the runtime. */
    @Benchmark
    public BoxTokenProvider providerLookup(Runtime runtime) {
        return runtime.runtime.provider("");
    }

    /** Lookup and {@code token()}: the engine's part. */
    @Benchmark
    public BoxAccessToken providerLookupAndToken(Runtime runtime) {
        return runtime.runtime.provider("").token();
    }

    /** {@code token.authorizationHeader()}: {@code "Bearer " + value}, built on every call. */
    @Benchmark
    public String authorizationHeader(Runtime runtime) {
        return runtime.token.authorizationHeader();
    }

    /** The wall clock the cache reads to check expiry: the floor of any expiry check. */
    @Benchmark
    public Instant clockRead(Runtime runtime) {
        return runtime.clock.instant();
    }
}
