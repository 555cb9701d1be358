package dev.boxccg.benchmarks.harness;

import dev.boxccg.benchmarks.support.BoxFixture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark 4: how long callers wait for a usable token while tokens roll over, with every token request delayed
 * {@value #DELAY_MS} ms by the simulator.
 *
 * <p>{@value #THREADS} threads each ask every {@value #PERIOD_MS} ms. One ask = the library's own call for a token
 * (timed); then, untimed, the simulator's API is asked whether it accepts that token; if it answers 401, the
 * library's own recovery is timed as well, and so is the rejected API call, since a real caller pays for it. Latency
 * is corrected for coordinated omission (see {@link Latencies}).
 *
 * <p>Every library replaces its token about every 4 s: box-ccg's simulator issues 8 s tokens and box-ccg renews
 * them in the background from half their life; the classic SDK's issues 64 s tokens, which it renews, in the
 * caller's thread, 60 s before their end; the generated SDK's issues 4 s tokens, which it replaces after the API
 * rejects one; Spring Security's, like the classic SDK's, issues 64 s tokens, which its manager renews in the
 * caller's thread once within its default clock skew of 60 s of their end. (Box's real tokens live about an hour:
 * here time is compressed, which makes a stall a far larger share of the run than in production. What matters is
 * whether callers stall at a rollover at all, and how long.)
 */
public final class RolloverHarness {

    static final int THREADS = 8;
    static final long PERIOD_MS = 5;
    static final long DELAY_MS = 500;

    /**
     * @param library        whose
     * @param tokenLifetime  the simulator's token lifetime for it
     * @param latencies      of asks during the measurement
     * @param tokenRequests  token requests the simulator received during the measurement
     * @param tokensSeen     different tokens handed out during the measurement (rollovers + 1)
     * @param rejected       asks answered with a token the API rejected
     * @param failed         asks that ended without a usable token (the library does not recover from a 401)
     */
    public record Result(String library, Duration tokenLifetime, Latencies.Summary latencies, int tokenRequests,
                         int tokensSeen, int rejected, int failed) {
    }

    private RolloverHarness() {
    }

    public static List<Result> runAll(Duration warmup, Duration measurement) {
        return List.of(
                run(Library.BOX_CCG, Duration.ofSeconds(8), Duration.ofSeconds(4), warmup, measurement),
                run(Library.BOX_SDK_CLASSIC, Duration.ofSeconds(64), null, warmup, measurement),
                run(Library.BOX_SDK_GEN, Duration.ofSeconds(4), null, warmup, measurement),
                run(Library.SPRING_SECURITY, Duration.ofSeconds(64), null, warmup, measurement));
    }

    /**
     * The Quarkus peer, if built: 6 s tokens renewed within {@value #QUARKUS_SKEW_S} s ({@code
     * refresh-token-time-skew}) of their end, so about every 4 to 5 s (Quarkus compares whole seconds), with and
     * without {@code refresh-interval}; and, as its baseline, the same loopback hop to the same application's
     * {@code /noop} with an hour-long token. Its latencies include that hop, which box-ccg does not pay in-process.
     */
    public static List<Result> runQuarkus(Duration warmup, Duration measurement) {
        if (!Library.QUARKUS_OIDC_CLIENT.available()) {
            return List.of();
        }
        Duration skew = Duration.ofSeconds(QUARKUS_SKEW_S);
        Duration lifetime = Duration.ofSeconds(6);
        return List.of(
                run(Library.QUARKUS_OIDC_CLIENT, lifetime, skew, warmup, measurement),
                run(Library.QUARKUS_OIDC_CLIENT_REFRESH_INTERVAL, lifetime, skew, warmup, measurement),
                run(QUARKUS_BASELINE, "quarkus-noop", Duration.ofHours(1), box -> QuarkusPeer.loopbackBaseline(box,
                        new QuarkusPeer.Configuration(QUARKUS_BASELINE, skew, null)), warmup, measurement));
    }

    static final long QUARKUS_SKEW_S = 2;
    /** The label of the Quarkus peer's loopback baseline. */
    public static final String QUARKUS_BASELINE = "Quarkus peer `/noop` (loopback baseline, 1 h token)";

    static Result run(Library library, Duration lifetime, Duration refreshAhead, Duration warmup,
                      Duration measurement) {
        return run(library.label(), library.name().toLowerCase(), lifetime, box -> library.connect(box, refreshAhead),
                warmup, measurement);
    }

    private static Result run(String label, String name, Duration lifetime,
                              java.util.function.Function<BoxFixture, TokenClient> connect, Duration warmup,
                              Duration measurement) {
        try (BoxFixture box = BoxFixture.start("rollover-" + name, "4000", lifetime, 64);
             TokenClient client = connect.apply(box)) {
            box.simulator().tokenEndpointDelay(Duration.ofMillis(DELAY_MS));
            ApiCheck api = new ApiCheck(box.simulator().baseUrl());
            client.token();
            long start = System.nanoTime();
            long measureFrom = start + warmup.toNanos();
            long end = measureFrom + measurement.toNanos();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            AtomicInteger rejected = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger requestsBefore = new AtomicInteger(-1);
            List<Latencies> recorders = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Latencies recorder = new Latencies();
                recorders.add(recorder);
                long offset = i * PERIOD_MS * 1_000_000L / THREADS; // spread the threads over the period
                Thread thread = new Thread(() -> ask(client, api, start + offset, measureFrom, end, recorder, seen,
                        rejected, failed, requestsBefore, box), "rollover-" + i);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            int requests = box.tokenRequests() - Math.max(0, requestsBefore.get());
            return new Result(label, lifetime, Latencies.summarize(recorders), requests, seen.size(),
                    rejected.get(), failed.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void ask(TokenClient client, ApiCheck api, long first, long measureFrom, long end,
                            Latencies recorder, Set<String> seen, AtomicInteger rejected, AtomicInteger failed,
                            AtomicInteger requestsBefore, BoxFixture box) {
        long period = PERIOD_MS * 1_000_000L;
        long next = first;
        while (true) {
            long now = System.nanoTime();
            if (next > now) {
                LockSupport.parkNanos(next - now);
                now = System.nanoTime();
            }
            if (now >= end) {
                return;
            }
            boolean measuring = now >= measureFrom;
            if (measuring) {
                requestsBefore.compareAndSet(-1, box.tokenRequests());
            }
            long t0 = System.nanoTime();
            String token = client.token();
            long waited = System.nanoTime() - t0;
            long c0 = System.nanoTime();
            if (!api.accepts(token)) {
                long recovery = System.nanoTime();
                waited += recovery - c0; // the rejected call is paid by the caller
                if (measuring) {
                    rejected.incrementAndGet();
                }
                token = client.afterUnauthorized(token);
                waited += System.nanoTime() - recovery;
                if (token == null && measuring) {
                    failed.incrementAndGet();
                }
            }
            if (measuring) {
                recorder.record(waited, period);
                if (token != null) {
                    seen.add(token);
                }
            }
            next += period;
            long after = System.nanoTime();
            if (next < after) {
                next = after; // behind: the missed asks were counted by record(); don't rush to catch up
            }
        }
    }
}
