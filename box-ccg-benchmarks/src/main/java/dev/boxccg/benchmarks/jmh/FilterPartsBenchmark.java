package dev.boxccg.benchmarks.jmh;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxCalls;
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

    static final String SENT_TOKEN = "dev.boxccg.impl.client.BoxClientFilter.sentToken";
    static final String SENT_BY = "dev.boxccg.impl.client.BoxClientFilter.sentBy";

    @State(Scope.Benchmark)
    public static class Runtime {
        BoxFixture box;
        CdiApp app;
        BoxCcgRuntime runtime;
        BoxAccessToken token;
        BoxTokenProvider provider;
        final Clock clock = Clock.systemUTC();

        @Setup(Level.Trial)
        public void start() {
            box = BoxFixture.start();
            app = CdiApp.start(box.config());
            runtime = BoxCcgLocator.runtime(); // what the filter holds after its first call
            provider = runtime.provider("");
            token = provider.token();
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

    /**
     * The filter's second step ({@code userFor}): an {@code As-User} header? If not, it is removed, and the thread's
     * {@code BoxCalls} user is read.
     */
    @Benchmark
    public Object asUserCheck(Request request) {
        String header = request.request.getHeaderString(BoxCalls.AS_USER_HEADER);
        if (header != null) {
            return header;
        }
        request.request.getHeaders().remove(BoxCalls.AS_USER_HEADER);
        return BoxCalls.currentUser().orElse(null);
    }

    /** The filter's last step: the token and its provider kept as request properties, for the 401 path. */
    @Benchmark
    public JerseyRequest requestProperties(Runtime runtime, Request request) {
        JerseyRequest r = request.request;
        r.removeProperty(SENT_TOKEN); // as the benchmark's reset does: a new entry each time, as on a new request
        r.setProperty(SENT_TOKEN, runtime.token);
        r.setProperty(SENT_BY, runtime.provider);
        return r;
    }

    /** The alternative to {@link #headerCheck}: Jersey's header map is case-insensitive, and this copies nothing. */
    @Benchmark
    public boolean headerCheckContainsKey(Request request) {
        return request.request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION);
    }

    /**
     * Both header checks of the filter on one {@code getHeaders()} map: says whether the cost of {@link #headerCheck}
     * and {@link #asUserCheck} is per lookup or per call into Jersey's request.
     */
    @Benchmark
    public boolean bothChecksOnOneHeaderMap(Request request) {
        var headers = request.request.getHeaders();
        boolean own = headers.containsKey(HttpHeaders.AUTHORIZATION);
        if (!headers.containsKey(BoxCalls.AS_USER_HEADER)) {
            headers.remove(BoxCalls.AS_USER_HEADER);
        }
        return own;
    }

    /** The monotonic clock the engine now reads to check expiry. */
    @Benchmark
    public long nanoTimeRead() {
        return System.nanoTime();
    }

    /** The wall clock the cache used to read to check expiry. */
    @Benchmark
    public Instant clockRead(Runtime runtime) {
        return runtime.clock.instant();
    }
}
