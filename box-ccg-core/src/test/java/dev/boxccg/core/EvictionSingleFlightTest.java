package dev.boxccg.core;

import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single flight survives eviction: with more subjects than the engine keeps, 8 threads asking for every user token in
 * their own order never have two requests in flight for one user, and the churn costs at most two requests per user.
 *
 * <p>The server answers every request with a fresh token after 1 to 5 ms and counts, per subject, the requests and
 * the most in flight at once (see {@link HostileTokenServer#maxInFlightBySubject()}).
 */
class EvictionSingleFlightTest {

    /** The bound of the report: 1,100 users over a bound of 1,000. */
    private static final int MAX_SUBJECTS = 1000;
    private static final int USERS = MAX_SUBJECTS + 100;
    private static final int THREADS = 8;

    private final HostileTokenServer server = HostileTokenServer.start();
    private BoxCcgEngine engine;

    @AfterEach
    void close() {
        server.close();
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void evictionNeverBreaksSingleFlight() {
        server.setDefault(HostileTokenServer.okAfterFewMillis(3600));
        BoxCcgSettings settings = BoxCcgSettings.builder()
                .clientId("c").clientSecret("s").tokenUrl(server.tokenUrl())
                .connectTimeout(Duration.ofMillis(500)).readTimeout(Duration.ofSeconds(5))
                .retry(new RetrySettings(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), Duration.ofSeconds(10), 3))
                .refreshAhead(Duration.ZERO).build();
        engine = BoxCcgEngine.builder(settings).maxSubjects(MAX_SUBJECTS).build();
        BoxTokenProvider enterprise = engine.provider(BoxSubject.enterprise("1"));

        long seed = System.nanoTime();
        AtomicInteger nextThread = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        List<TimedCall.Outcome<Integer>> outcomes = TimedCall.runAll("user-tokens", THREADS, () -> {
            int index = nextThread.getAndIncrement();
            List<Integer> order = IntStream.rangeClosed(1, USERS).boxed().collect(Collectors.toCollection(ArrayList::new));
            Collections.shuffle(order, new Random(seed + index));
            int done = 0;
            for (int id : order) {
                try {
                    enterprise.forUser(Integer.toString(id)).token();
                    done++;
                } catch (RuntimeException e) {
                    failures.add("user " + id + ": " + e);
                }
            }
            return done;
        }, Duration.ofSeconds(45));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Map<String, Integer> maxInFlight = server.maxInFlightBySubject();
        Map<String, Integer> overlapping = maxInFlight.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        int requests = server.requests();
        long hung = outcomes.stream().filter(o -> !o.finished()).count();
        System.out.printf("[hostile] eviction %d users x %d threads, bound %d: %d token requests (limit %d), "
                        + "%d users with 2+ requests in flight at once (worst %d), %d failed calls, %d threads hung, "
                        + "%d ms, seed %d, connections %d%n",
                USERS, THREADS, MAX_SUBJECTS, requests, 2 * USERS, overlapping.size(),
                maxInFlight.values().stream().mapToInt(Integer::intValue).max().orElse(0), failures.size(), hung,
                took.toMillis(), seed, server.connections());

        assertEquals(0, hung, "every thread must finish its " + USERS + " calls within 45 s");
        assertTrue(failures.isEmpty(), () -> failures.size() + " calls failed, e.g. " + failures.peek());
        assertTrue(overlapping.isEmpty(), () -> "never 2 requests in flight for one user, but " + overlapping.size()
                + " users had: " + overlapping.entrySet().stream().limit(10).collect(Collectors.toList()));
        assertTrue(requests <= 2 * USERS, "at most 2 token requests per user (" + 2 * USERS + "), but there were "
                + requests);
    }
}
