package dev.boxccg.benchmarks.harness;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.benchmarks.jmh.ScaleBenchmark;
import dev.boxccg.benchmarks.support.FakeTokenEndpoint;
import dev.boxccg.core.BoxCcgEngine;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.core.TokenKey;
import dev.boxccg.core.TokenStore;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark 7, the scale figures JMH does not fit: retained heap per cached token, a working set twice the subject
 * bound, and the first token of a cold engine. All against a {@link FakeTokenEndpoint} on 127.0.0.1.
 */
public final class ScaleHarness {

    private ScaleHarness() {
    }

    /**
     * Retained heap of {@code subjects} cached tokens, by difference of the used heap after full GCs.
     *
     * @param withStore  the engine's default {@code InMemoryTokenStore}, or a store that keeps nothing
     * @param perToken   bytes retained per cached token
     */
    public record Memory(int subjects, boolean withStore, long before, long after, double perToken, Duration fill) {
    }

    /** Fills {@code subjects} users into a fresh engine and measures what stays on the heap. */
    public static Memory memory(int subjects, boolean withStore) throws InterruptedException {
        try (FakeTokenEndpoint endpoint = FakeTokenEndpoint.start()) {
            BoxCcgSettings settings = endpoint.settings();
            BoxCcgEngine.Builder builder = BoxCcgEngine.builder(settings).maxSubjects(subjects + 1);
            if (!withStore) {
                builder.store(NO_STORE);
            }
            BoxCcgEngine engine = builder.build();
            try {
                BoxTokenProvider app = engine.provider(BoxSubject.enterprise("9000"));
                app.token(); // the app, its HTTP client and every class loaded before the first measure
                BoxTokenProvider[] providers = new BoxTokenProvider[subjects];
                long before = usedAfterGc();
                long started = System.nanoTime();
                for (int i = 0; i < subjects; i++) {
                    providers[i] = app.forUser(Integer.toString(100_000_000 + i));
                }
                ScaleBenchmark.fill(providers, null);
                Duration fill = Duration.ofNanos(System.nanoTime() - started);
                providers = null; // only the engine may hold them
                long after = usedAfterGc();
                if (engine.cachedKeys() != subjects + 1) {
                    throw new IllegalStateException("Cached " + engine.cachedKeys() + " keys, not " + (subjects + 1));
                }
                return new Memory(subjects, withStore, before, after, (after - before) / (double) subjects, fill);
            } finally {
                engine.close();
            }
        }
    }

    private static final TokenStore NO_STORE = new TokenStore() {
        @Override
        public Optional<BoxAccessToken> get(TokenKey key) {
            return Optional.empty();
        }

        @Override
        public boolean replaceIfNewer(TokenKey key, BoxAccessToken token) {
            return false;
        }

        @Override
        public boolean removeIfSame(TokenKey key, BoxAccessToken token) {
            return false;
        }
    };

    /** Used heap once it stops shrinking between full GCs. */
    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (i >= 3 && Math.abs(now - used) < 64 * 1024) {
                return now;
            }
            used = now;
        }
        return used;
    }

    /**
     * A working set of {@code users} users, each asked {@code asks} times in random order by {@code threads}
     * threads, on an engine bounded to {@code maxSubjects}.
     */
    public record WorkingSet(String variant, int maxSubjects, int users, int asks, int threads, long requests,
                             Duration elapsed, int failed) {
        public double requestsPerUser() {
            return requests / (double) users;
        }
    }

    public static WorkingSet workingSet(String variant, int maxSubjects, boolean withStore, int users, int asks,
                                        int threads, long seed) throws InterruptedException {
        try (FakeTokenEndpoint endpoint = FakeTokenEndpoint.start()) {
            BoxCcgEngine.Builder builder = BoxCcgEngine.builder(endpoint.settings()).maxSubjects(maxSubjects);
            if (!withStore) {
                builder.store(NO_STORE);
            }
            try (BoxCcgEngine engine = builder.build()) {
                BoxTokenProvider app = engine.provider(BoxSubject.enterprise("9000"));
                List<BoxTokenProvider> order = new ArrayList<>(users * asks);
                for (int i = 0; i < users; i++) {
                    BoxTokenProvider user = app.forUser(Integer.toString(200_000_000 + i));
                    for (int k = 0; k < asks; k++) {
                        order.add(user);
                    }
                }
                Collections.shuffle(order, new Random(seed));
                AtomicInteger next = new AtomicInteger();
                AtomicInteger failed = new AtomicInteger();
                List<Thread> running = new ArrayList<>();
                long started = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    Thread thread = new Thread(() -> {
                        for (int i = next.getAndIncrement(); i < order.size(); i = next.getAndIncrement()) {
                            try {
                                order.get(i).token();
                            } catch (RuntimeException e) {
                                failed.incrementAndGet();
                            }
                        }
                    });
                    thread.start();
                    running.add(thread);
                }
                for (Thread thread : running) {
                    thread.join();
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                return new WorkingSet(variant, maxSubjects, users, asks, threads, endpoint.requests(), elapsed,
                        failed.get());
            }
        }
    }

    /** Latencies of a cold start, in nanoseconds, sorted. */
    public record ColdStart(String what, long[] nanos) {
        public long percentile(double p) {
            int rank = (int) Math.ceil(p / 100 * nanos.length);
            return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))];
        }
    }

    /**
     * {@code repetitions} times (after {@code warmups} unmeasured): build an engine, time its first {@code token()},
     * close it. Baseline, in turn with each: a new JDK HttpClient and one POST to the same endpoint, the body read as a
     * string, the least any library does for its first token.
     *
     * @return box-ccg's first token, then the baseline
     */
    public static List<ColdStart> coldStart(int warmups, int repetitions) throws Exception {
        try (FakeTokenEndpoint endpoint = FakeTokenEndpoint.start()) {
            BoxCcgSettings settings = endpoint.settings();
            long[] ours = new long[repetitions];
            long[] bare = new long[repetitions];
            HttpRequest post = HttpRequest.newBuilder(endpoint.tokenUrl())
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=scale-client"
                            + "&client_secret=scale-secret-77a&box_subject_type=enterprise&box_subject_id=9000"))
                    .build();
            for (int i = -warmups; i < repetitions; i++) {
                long took;
                try (BoxCcgEngine engine = BoxCcgEngine.builder(settings).build()) {
                    BoxTokenProvider provider = engine.provider(BoxSubject.enterprise("9000"));
                    long started = System.nanoTime();
                    provider.token();
                    took = System.nanoTime() - started;
                }
                long started = System.nanoTime();
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> answer = client.send(post, HttpResponse.BodyHandlers.ofString());
                long bareTook = System.nanoTime() - started;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("The fake answered " + answer.statusCode());
                }
                if (i >= 0) {
                    ours[i] = took;
                    bare[i] = bareTook;
                }
                if (i % 50 == 0) {
                    System.gc(); // the JDK 17 HttpClient has no close(): let the abandoned ones' selector threads go
                }
            }
            java.util.Arrays.sort(ours);
            java.util.Arrays.sort(bare);
            return List.of(new ColdStart("box-ccg: engine built, first `token()`", ours),
                    new ColdStart("new JDK `HttpClient` + one POST (baseline)", bare));
        }
    }
}
