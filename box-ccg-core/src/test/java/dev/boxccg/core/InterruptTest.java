package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Interrupts: an interrupted caller stops waiting at once and keeps its interrupt flag; and one caller's interrupt
 * fails only that caller, never the others waiting for the same token.
 *
 * <p>The read timeout here is long (5 s) so that only the interrupt can end a wait early.
 */
class InterruptTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final HostileTokenServer server = HostileTokenServer.start();
    private BoxCcgEngine engine;
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        server.close();
        if (engine != null) {
            engine.close();
        }
        for (Thread thread : started) {
            thread.interrupt();
            thread.join(2000);
        }
    }

    private BoxTokenProvider provider() {
        BoxCcgSettings settings = BoxCcgSettings.builder()
                .clientId("c").clientSecret("s").tokenUrl(server.tokenUrl())
                .connectTimeout(Duration.ofMillis(500)).readTimeout(READ_TIMEOUT)
                .retry(new RetrySettings(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), DEADLINE, 3))
                .refreshAhead(Duration.ZERO).build();
        engine = BoxCcgEngine.builder(settings).build();
        return engine.provider(BoxSubject.enterprise("1"));
    }

    /** How one caller ended, seen from inside its own thread. */
    private record Result(BoxAccessToken token, RuntimeException failure, boolean interruptedAfterwards, long endNanos) {
        String describe() {
            return failure != null ? "threw " + failure : "got a token";
        }
    }

    private CompletableFuture<Result> caller(String name, BoxTokenProvider tokens) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            BoxAccessToken token = null;
            RuntimeException failure = null;
            try {
                token = tokens.token();
            } catch (RuntimeException e) {
                failure = e;
            }
            // Read, not cleared: isInterrupted() leaves the flag as it is.
            result.complete(new Result(token, failure, Thread.currentThread().isInterrupted(), System.nanoTime()));
        }, name);
        thread.setDaemon(true);
        started.add(thread);
        thread.start();
        return result;
    }

    private Thread thread(String name) {
        return started.stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    static Stream<Arguments> stalls() {
        return Stream.of(
                Arguments.of("acceptAndNeverAnswer", HostileTokenServer.acceptAndNeverAnswer()),
                Arguments.of("stallMidBody", HostileTokenServer.stallMidBody()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stalls")
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void anInterruptedCallerStopsWaitingAndKeepsItsFlag(String name, HostileTokenServer.Behaviour stall)
            throws Exception {
        server.setDefault(stall);
        BoxTokenProvider tokens = provider();

        CompletableFuture<Result> result = caller("interrupted", tokens);
        awaitCondition(() -> server.requests() >= 1, Duration.ofSeconds(3), "the request reached the server");
        Thread.sleep(300); // the caller now waits inside token(), on the stalling endpoint
        long interruptedAt = System.nanoTime();
        thread("interrupted").interrupt();

        Result outcome;
        try {
            outcome = result.get(3, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            HostileEndpointTest.report("interrupted caller", name, Duration.ofSeconds(3), Duration.ofSeconds(1),
                    "still waiting 3 s after the interrupt (hang)");
            throw new AssertionError(name + ": the interrupted caller was still waiting 3 s after the interrupt");
        }
        Duration afterInterrupt = Duration.ofNanos(outcome.endNanos() - interruptedAt);
        HostileEndpointTest.report("interrupted caller", name, afterInterrupt, Duration.ofSeconds(1),
                outcome.describe() + ", interrupt flag afterwards: " + outcome.interruptedAfterwards());
        assertTrue(afterInterrupt.compareTo(Duration.ofSeconds(1)) < 0,
                name + ": token() must end within 1 s of the interrupt, it took " + afterInterrupt.toMillis() + " ms");
        assertTrue(outcome.failure() instanceof BoxAuthenticationException,
                name + ": the endpoint never answers, so token() must throw BoxAuthenticationException, but it "
                        + outcome.describe());
        assertTrue(outcome.interruptedAfterwards(), name + ": the caller's interrupt flag must still be set");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void oneCallersInterruptFailsNobodyElse() throws Exception {
        server.setDefault(HostileTokenServer.okAfter(Duration.ofMillis(800), 3600));
        BoxTokenProvider tokens = provider();

        CompletableFuture<Result> first = caller("first", tokens);
        awaitCondition(() -> server.requests() >= 1, Duration.ofSeconds(3), "the first caller's request");
        List<CompletableFuture<Result>> others = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            others.add(caller("other-" + i, tokens));
        }
        awaitCondition(() -> started.stream().filter(t -> t.getName().startsWith("other-"))
                        .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING),
                Duration.ofSeconds(3), "the 7 other callers waiting for the same key");
        Thread.sleep(50);
        thread("first").interrupt();

        List<String> problems = new ArrayList<>();
        long latest = 0;
        long start = System.nanoTime();
        for (int i = 0; i < others.size(); i++) {
            try {
                Result result = others.get(i).get(Math.max(1, TimeUnit.SECONDS.toNanos(5) - (System.nanoTime() - start)),
                        TimeUnit.NANOSECONDS);
                latest = Math.max(latest, result.endNanos());
                if (result.token() == null) {
                    problems.add("other-" + (i + 1) + " " + result.describe());
                }
            } catch (TimeoutException e) {
                problems.add("other-" + (i + 1) + " still waiting after 5 s (hang)");
            }
        }
        Result firstResult = first.getNow(null);
        HostileEndpointTest.report("7 others after 1 interrupt", "okAfter(800ms)",
                Duration.ofNanos(Math.max(0, latest - start)), Duration.ofSeconds(5),
                (7 - problems.size()) + " of 7 got a token; server saw " + server.requests() + " request(s); first caller "
                        + (firstResult == null ? "still waiting" : firstResult.describe()
                        + " (interrupt flag " + firstResult.interruptedAfterwards() + ")"));
        assertTrue(problems.isEmpty(), () -> "all 7 other callers must get the token despite the first caller's"
                + " interrupt; " + problems.size() + " did not: " + problems.get(0));
        assertEquals(1, server.requests(), "the endpoint must see exactly 1 request");
    }

    static void awaitCondition(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("Not seen within " + limit.toMillis() + " ms: " + what);
            }
            Thread.sleep(10);
        }
    }
}
