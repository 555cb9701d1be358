package dev.boxccg.store.jcache;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.core.BoxCcgEngine;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.core.InMemoryTokenStore;
import dev.boxccg.core.SharedTokenStore;
import dev.boxccg.core.Ticker;
import dev.boxccg.core.TokenGrid;
import dev.boxccg.core.TokenStore;
import dev.boxccg.testkit.BoxSimulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On demand, not a test: N engines ("nodes", N = 2, 4, 8) each on its own member of an N-member embedded Hazelcast
 * cluster, against the Box simulator over HTTP, doing renewal rounds; and the same N engines without the grid, in the
 * same run. Prints one line per (N, mode, kind of round):
 * <ul>
 *   <li><b>renewal</b> rounds: every node's token is past its renewal time and still valid; one caller per node asks
 *       at once (each gets the valid token at once, renewal runs in the background); measured: token requests per
 *       round, and the time from the callers' release until every node holds the new token;</li>
 *   <li><b>expiry</b> rounds: every node's token has expired; one caller per node asks at once and waits; measured:
 *       token requests per round and each caller's latency (the cost of waiting on another node's lease).</li>
 * </ul>
 * Also grid calls per round (shared mode). Run from the worktree root, see BENCHMARKS.md ("Shared token store").
 *
 * <p>Arguments: {@code [rounds per kind, default 8] [endpoint delay ms, default 100]}.
 */
public final class ClusterRenewalHarness {

    private static final String CLIENT_ID = "harness-client";
    private static final String SECRET = "harness-secret-5e2d";
    private static final BoxSubject SUBJECT = BoxSubject.enterprise("777");
    /** Tokens live 2 s: renewed from half their life on (1 s), expired after 2 s. */
    private static final Duration LIFETIME = Duration.ofSeconds(2);

    /** Counts grid calls, to report what the sharing costs the grid. */
    private record CountingGrid(TokenGrid grid, AtomicLong calls) implements TokenGrid {
        @Override
        public String get(String key) {
            calls.incrementAndGet();
            return grid.get(key);
        }

        @Override
        public boolean putIfAbsent(String key, String value) {
            calls.incrementAndGet();
            return grid.putIfAbsent(key, value);
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            calls.incrementAndGet();
            return grid.replace(key, expected, value);
        }

        @Override
        public boolean remove(String key, String expected) {
            calls.incrementAndGet();
            return grid.remove(key, expected);
        }
    }

    record RoundStats(String kind, int rounds, double requestsPerRound, int minRequests, int maxRequests,
                      double p50Millis, double maxMillis, double gridCallsPerRound) {
    }

    private ClusterRenewalHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Duration delay = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 100);
        Logger.getLogger("com.hazelcast").setLevel(Level.SEVERE);
        System.out.printf("# %d rounds per kind; token endpoint delay %d ms; token lifetime %d s; %d cores; %s%n",
                rounds, delay.toMillis(), LIFETIME.toSeconds(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        System.out.println("# N | mode | round | rounds | token requests per round (min-max) | latency p50 / max ms"
                + " | grid calls per round");
        try (BoxSimulator box = BoxSimulator.builder().tokenLifetime(LIFETIME).start()) {
            box.registerApp(CLIENT_ID, SECRET, "777");
            int port = 15801;
            for (int n : new int[] {2, 4, 8}) {
                for (boolean shared : new boolean[] {false, true}) {
                    HazelcastGrid grid = shared ? new HazelcastGrid(n, port) : null;
                    port += 20;
                    try {
                        for (RoundStats stats : run(box, delay, n, grid, rounds)) {
                            System.out.printf("%d | %s | %s | %d | %.2f (%d-%d) | %.1f / %.1f | %s%n", n,
                                    shared ? "shared (Hazelcast JCache)" : "each node alone", stats.kind,
                                    stats.rounds, stats.requestsPerRound, stats.minRequests, stats.maxRequests,
                                    stats.p50Millis, stats.maxMillis,
                                    shared ? String.format("%.1f", stats.gridCallsPerRound) : "-");
                        }
                    } finally {
                        if (grid != null) {
                            grid.close();
                        }
                    }
                }
            }
        }
    }

    private static List<RoundStats> run(BoxSimulator box, Duration delay, int n, HazelcastGrid grid, int rounds)
            throws Exception {
        box.reset(); // also clears the delay: set it after
        box.tokenEndpointDelay(delay);
        AtomicLong gridCalls = new AtomicLong();
        BoxCcgSettings settings = BoxCcgSettings.builder().tokenUrl(box.tokenUrl()).clientId(CLIENT_ID)
                .clientSecret(SECRET).build();
        List<BoxCcgEngine> engines = new ArrayList<>();
        List<AutoCloseable> stores = new ArrayList<>();
        List<BoxTokenProvider> nodes = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(n);
        try {
            for (int i = 0; i < n; i++) {
                TokenStore store;
                if (grid == null) {
                    store = new InMemoryTokenStore(100, Clock.systemUTC(), Ticker.SYSTEM);
                } else {
                    SharedTokenStore shared = SharedTokenStore.withLocalStore(100);
                    shared.share(settings, new CountingGrid(JCacheTokenGrid.open(grid.manager(i),
                            JCacheTokenGrid.DEFAULT_CACHE), gridCalls), SharedTokenStore.Options.DEFAULTS);
                    stores.add(shared);
                    store = shared;
                }
                BoxCcgEngine engine = BoxCcgEngine.builder(settings).store(store).build();
                engines.add(engine);
                nodes.add(engine.provider(SUBJECT));
            }
            release(callers, nodes, new ArrayList<>()); // warm up: first tokens, connections, grid partitions
            Thread.sleep(LIFETIME.toMillis() + 200);

            List<Integer> expiryRequests = new ArrayList<>();
            List<Double> expiryLatencies = new ArrayList<>();
            long expiryGrid = 0;
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(LIFETIME.toMillis() + 100); // every node's token has expired
                int before = box.tokenRequests();
                long gridBefore = gridCalls.get();
                expiryLatencies.addAll(release(callers, nodes, new ArrayList<>()));
                expiryRequests.add(box.tokenRequests() - before);
                expiryGrid += gridCalls.get() - gridBefore;
            }

            List<Integer> renewalRequests = new ArrayList<>();
            List<Double> renewalCompletion = new ArrayList<>();
            long renewalGrid = 0;
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(LIFETIME.toMillis() / 2 + 200); // past every node's renewal time, before expiry
                int before = box.tokenRequests();
                long gridBefore = gridCalls.get();
                long started = System.nanoTime();
                // Each caller gets its node's valid token at once and starts the node's background renewal.
                List<BoxAccessToken> old = new ArrayList<>();
                release(callers, nodes, old);
                long giveUp = started + TimeUnit.SECONDS.toNanos(5);
                for (int i = 0; i < n; i++) {
                    while (nodes.get(i).token().equals(old.get(i)) && System.nanoTime() < giveUp) {
                        Thread.sleep(1);
                    }
                }
                renewalCompletion.add((System.nanoTime() - started) / 1e6);
                Thread.sleep(300); // let any straggling renewal land before counting
                renewalRequests.add(box.tokenRequests() - before);
                renewalGrid += gridCalls.get() - gridBefore;
            }
            return List.of(stats("expiry (callers wait)", expiryRequests, expiryLatencies, expiryGrid),
                    stats("renewal (valid token; time until every node renewed)", renewalRequests, renewalCompletion,
                            renewalGrid));
        } finally {
            callers.shutdownNow();
            engines.forEach(BoxCcgEngine::close);
            for (AutoCloseable store : stores) {
                store.close();
            }
        }
    }

    /**
     * One caller per node, released together.
     *
     * @param tokens receives the token each caller got, in the nodes' order
     * @return each caller's latency in ms
     */
    private static List<Double> release(ExecutorService callers, List<BoxTokenProvider> nodes,
                                        List<BoxAccessToken> tokens) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<BoxAccessToken>> calls = new ArrayList<>();
        double[] latencies = new double[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            BoxTokenProvider node = nodes.get(i);
            int index = i;
            calls.add(callers.submit(() -> {
                go.await();
                long started = System.nanoTime();
                BoxAccessToken token = node.token();
                latencies[index] = (System.nanoTime() - started) / 1e6;
                return token;
            }));
        }
        go.countDown();
        for (Future<BoxAccessToken> call : calls) {
            tokens.add(call.get(30, TimeUnit.SECONDS));
        }
        return Arrays.stream(latencies).boxed().toList();
    }

    private static RoundStats stats(String kind, List<Integer> requests, List<Double> millis, long gridCalls) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new RoundStats(kind, requests.size(), requests.stream().mapToInt(Integer::intValue).average().orElse(0),
                requests.stream().mapToInt(Integer::intValue).min().orElse(0),
                requests.stream().mapToInt(Integer::intValue).max().orElse(0),
                sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2],
                sorted.length == 0 ? 0 : sorted[sorted.length - 1], (double) gridCalls / requests.size());
    }
}
