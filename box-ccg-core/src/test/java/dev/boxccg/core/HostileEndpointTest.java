package dev.boxccg.core;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promise against a hostile token endpoint: a caller never waits longer than the retry deadline (plus a
 * tolerance), and one attempt never longer than the read timeout (plus a tolerance), whatever the endpoint does at the
 * byte level. The read timeout covers connect, headers and the whole body.
 *
 * <p>Every wait is printed with the prefix {@code [hostile]} so the longest ones can be reported.
 */
class HostileEndpointTest {

    static final Duration READ_TIMEOUT = Duration.ofMillis(700);
    static final Duration DEADLINE = Duration.ofSeconds(2);
    /** Generous: a noisy 2-core machine, a cold HTTP client, a JIT. */
    static final Duration TOLERANCE = Duration.ofMillis(1500);
    static final Duration SINGLE_ATTEMPT_TOLERANCE = Duration.ofMillis(1200);
    /** How much longer than the bound to wait before calling it a hang (the test then fails at once, not at 30 s). */
    static final Duration HANG_MARGIN = Duration.ofMillis(1500);

    private final HostileTokenServer server = HostileTokenServer.start();
    private BoxCcgEngine engine;

    @AfterEach
    void close() {
        server.close(); // first: it unblocks anything the engine still waits on
        if (engine != null) {
            engine.close();
        }
    }

    static Stream<Arguments> hostileBehaviours() {
        return Stream.of(
                Arguments.of("acceptAndNeverAnswer", HostileTokenServer.acceptAndNeverAnswer()),
                Arguments.of("slowHeaders(50ms/byte)", HostileTokenServer.slowHeaders(50)),
                Arguments.of("headersThenNothing", HostileTokenServer.headersThenNothing()),
                Arguments.of("stallMidBody", HostileTokenServer.stallMidBody()),
                Arguments.of("shortBody", HostileTokenServer.shortBody()),
                Arguments.of("chunkedThenNothing", HostileTokenServer.chunkedThenNothing()),
                Arguments.of("drip(100ms/byte)", HostileTokenServer.drip(100)));
    }

    static BoxCcgSettings.Builder settings(HostileTokenServer server) {
        return BoxCcgSettings.builder()
                .clientId("c").clientSecret("s").tokenUrl(server.tokenUrl())
                .connectTimeout(Duration.ofMillis(500)).readTimeout(READ_TIMEOUT)
                .retry(new RetrySettings(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), DEADLINE, 3))
                .refreshAhead(Duration.ZERO);
    }

    private BoxTokenProvider provider(BoxCcgSettings settings) {
        engine = BoxCcgEngine.builder(settings).build();
        return engine.provider(BoxSubject.enterprise("1"));
    }

    /** The control: the server speaks HTTP/1.1 well enough for the engine when it behaves. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void aWellBehavedServerIssuesTokens() {
        String token = HostileTokenServer.randomToken();
        server.enqueue(HostileTokenServer.ok(token, 3600));
        BoxTokenProvider tokens = provider(settings(server).build());

        assertEquals(token, tokens.token().value());
        assertEquals(token, tokens.token().value(), "cached");
        assertEquals(1, server.requests());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBehaviours")
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void aColdCallFailsWithinTheRetryDeadline(String name, HostileTokenServer.Behaviour behaviour) {
        server.setDefault(behaviour);
        BoxTokenProvider tokens = provider(settings(server).build());
        Duration bound = DEADLINE.plus(TOLERANCE);

        TimedCall.Outcome<?> outcome = TimedCall.run("cold-" + name, tokens::token, bound.plus(HANG_MARGIN));

        report("retried (deadline 2 s)", name, outcome.elapsed(), bound, outcome.describe());
        assertTrue(outcome.finished() && outcome.elapsed().compareTo(bound) < 0,
                name + ": token() must end within " + bound.toMillis() + " ms but " + outcome.describe());
        assertFailedClearly(name, outcome);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBehaviours")
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void oneAttemptNeverOutlastsTheReadTimeout(String name, HostileTokenServer.Behaviour behaviour) {
        server.setDefault(behaviour);
        BoxTokenProvider tokens = provider(settings(server)
                .retry(new RetrySettings(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                        Duration.ofSeconds(10), 1))
                .build());
        Duration bound = READ_TIMEOUT.plus(SINGLE_ATTEMPT_TOLERANCE);

        TimedCall.Outcome<?> outcome = TimedCall.run("single-" + name, tokens::token, bound.plus(HANG_MARGIN));

        report("one attempt (read timeout 700 ms)", name, outcome.elapsed(), bound, outcome.describe());
        assertTrue(outcome.finished() && outcome.elapsed().compareTo(bound) < 0,
                name + ": one attempt must end within " + bound.toMillis() + " ms but " + outcome.describe());
        assertFailedClearly(name, outcome);
        assertTrue(server.requests() == 1, name + ": max-attempts 1 means one request, the server saw "
                + server.requests());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void sixteenCallersOnOneColdKeyAllEndWithinTheDeadline() {
        server.setDefault(HostileTokenServer.stallMidBody());
        BoxTokenProvider tokens = provider(settings(server).build());
        Duration bound = DEADLINE.plus(TOLERANCE);

        List<TimedCall.Outcome<Object>> outcomes =
                TimedCall.runAll("stall16", 16, tokens::token, bound.plus(HANG_MARGIN));

        Duration longest = TimedCall.longest(outcomes);
        long hung = outcomes.stream().filter(o -> !o.finished()).count();
        report("16 callers, one cold key", "stallMidBody", longest, bound,
                hung + " of 16 still waiting; server saw " + server.requests() + " requests");
        List<String> late = outcomes.stream()
                .filter(o -> !o.finished() || o.elapsed().compareTo(bound) >= 0)
                .map(TimedCall.Outcome::describe).collect(Collectors.toList());
        assertTrue(late.isEmpty(), () -> "every caller must end within " + bound.toMillis() + " ms; " + late.size()
                + " of 16 did not, e.g. one " + late.get(0));
        for (TimedCall.Outcome<Object> outcome : outcomes) {
            assertFailedClearly("stallMidBody x16", outcome);
        }
    }

    private static void assertFailedClearly(String name, TimedCall.Outcome<?> outcome) {
        assertTrue(outcome.failure() instanceof BoxAuthenticationException,
                name + ": a hostile endpoint gives no token, so token() must throw BoxAuthenticationException, but "
                        + outcome.describe());
    }

    static void report(String what, String name, Duration longest, Duration bound, String detail) {
        System.out.printf("[hostile] %-36s %-24s longest wait %5d ms (bound %d ms) %s%n", what, name,
                longest.toMillis(), bound.toMillis(), detail);
    }
}
