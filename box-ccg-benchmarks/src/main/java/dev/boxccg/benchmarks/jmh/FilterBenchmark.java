package dev.boxccg.benchmarks.jmh;

import dev.boxccg.benchmarks.support.BoxFixture;
import dev.boxccg.benchmarks.support.CdiApp;
import dev.boxccg.benchmarks.support.ConstantBearerFilter;
import dev.boxccg.benchmarks.support.JerseyRequest;
import dev.boxccg.client.BoxAuthenticationFilter;
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

import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1: what box-ccg's {@link BoxAuthenticationFilter} costs per request once a token is cached, against a
 * filter that adds a constant header. Both run on the same real Jersey request object, reset before each call.
 *
 * <p>Ours is the plain JAX-RS usage, {@code new BoxAuthenticationFilter()}, inside a Weld SE container with SmallRye
 * Config: it finds box-ccg's runtime through {@code CDI.current()} on first use, as in a server, so the measured path
 * is the real one (header check, configuration lookup, token cache, header, request property).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterBenchmark {

    @State(Scope.Benchmark)
    public static class Runtime {
        BoxFixture box;
        CdiApp app;
        BoxAuthenticationFilter ours;
        ConstantBearerFilter constant;

        @Setup(Level.Trial)
        public void start() {
            box = BoxFixture.start();
            app = CdiApp.start(box.config());
            ours = new BoxAuthenticationFilter();
            JerseyRequest first = new JerseyRequest();
            ours.filter(first); // fetches and caches the token: from here on the cache is warm
            String header = first.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.startsWith("Bearer ") || box.tokenRequests() != 1) {
                throw new IllegalStateException("box-ccg's filter did not authenticate the request");
            }
            constant = new ConstantBearerFilter(header); // the same header value, so both put the same string
        }

        @TearDown(Level.Trial)
        public void stop() {
            box.closeAfterWarmRun(app);
        }
    }

    @State(Scope.Thread)
    public static class Request {
        final JerseyRequest request = new JerseyRequest();
    }

    @Benchmark
    public JerseyRequest ours(Runtime runtime, Request request) {
        JerseyRequest r = request.request.reset();
        runtime.ours.filter(r);
        return r;
    }

    @Benchmark
    public JerseyRequest constantHeader(Runtime runtime, Request request) {
        JerseyRequest r = request.request.reset();
        runtime.constant.filter(r);
        return r;
    }

    /** What both of the above pay besides the filter: resetting the request. */
    @Benchmark
    public JerseyRequest resetOnly(Request request) {
        return request.request.reset();
    }
}
