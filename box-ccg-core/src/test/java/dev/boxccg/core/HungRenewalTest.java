package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.boxccg.core.InterruptTest.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A background renewal whose answer never completes (the body stalls mid-way) must not hold anyone hostage: not the
 * callers of its own subject once the old token has expired, and not the renewals of other subjects.
 *
 * <p>Tokens live 2 s ({@code expires_in=2}) and are renewed 1 s ahead, so the renewal starts 1 s after issue.
 */
class HungRenewalTest {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(700);
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration TOLERANCE = Duration.ofMillis(1500);

    private final HostileTokenServer server = HostileTokenServer.start();
    private BoxCcgEngine engine;

    @AfterEach
    void close() {
        server.close();
        if (engine != null) {
            engine.close();
        }
    }

    private BoxCcgEngine engine() {
        BoxCcgSettings settings = BoxCcgSettings.builder()
                .clientId("c").clientSecret("s").tokenUrl(server.tokenUrl())
                .connectTimeout(Duration.ofMillis(500)).readTimeout(READ_TIMEOUT)
                .retry(new RetrySettings(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), DEADLINE, 3))
                .refreshAhead(Duration.ofSeconds(1)).build();
        engine = BoxCcgEngine.builder(settings).build();
        return engine;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void aCallerAfterExpiryIsNotHeldByTheHungRenewal() throws Exception {
        // Request 1: a 2-second token. Request 2 (the renewal): stalls mid-body for ever. Later requests: fine.
        server.route(request -> request.number() == 2 ? HostileTokenServer.stallMidBody() : HostileTokenServer.ok(2));
        BoxTokenProvider tokens = engine().provider(BoxSubject.enterprise("1"));

        BoxAccessToken first = tokens.token();
        sleepUntil(first.issuedAt().plusMillis(1100));
        tokens.token(); // due for renewal: starts it in the background, still returns the valid token
        awaitCondition(() -> server.requests() >= 2, Duration.ofSeconds(3), "the renewal request reached the server");
        sleepUntil(first.expiresAt().plusMillis(100));

        Duration bound = DEADLINE.plus(TOLERANCE);
        TimedCall.Outcome<BoxAccessToken> outcome =
                TimedCall.run("after-expiry", tokens::token, bound.plus(Duration.ofMillis(1500)));

        HostileEndpointTest.report("caller after expiry, renewal hung", "stallMidBody renewal", outcome.elapsed(),
                bound, outcome.describe() + "; server saw " + server.requests() + " requests");
        assertTrue(outcome.finished() && outcome.elapsed().compareTo(bound) < 0,
                "once the old token expired, a caller must get a new token or a clear failure within "
                        + bound.toMillis() + " ms, not wait on the hung renewal; it " + outcome.describe());
        if (outcome.returned()) {
            assertNotEquals(first, outcome.value(), "the expired token must not be handed out");
            assertTrue(outcome.value().isValidAt(Instant.now()), "the token handed out must be valid");
        }
        assertTrue(server.requests() >= 3, "a new request must start after the hung one; the server saw "
                + server.requests() + " requests in all");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
    void twoHungRenewalsDoNotDelayAThirdSubjectsRenewal() throws Exception {
        // Subjects 1 and 2: their first token is fine, every renewal stalls. Subject 3: always fine.
        server.route(request -> {
            String subject = request.subjectId();
            if ((subject.equals("1") || subject.equals("2")) && request.subjectNumber() > 1) {
                return HostileTokenServer.stallMidBody();
            }
            return HostileTokenServer.ok(2);
        });
        BoxCcgEngine engine = engine();
        BoxTokenProvider one = engine.provider(BoxSubject.enterprise("1"));
        BoxTokenProvider two = engine.provider(BoxSubject.enterprise("2"));
        BoxTokenProvider three = engine.provider(BoxSubject.enterprise("3"));

        one.token();
        two.token();
        BoxAccessToken firstOfThree = three.token();
        sleepUntil(firstOfThree.issuedAt().plusMillis(1100));
        one.token(); // both due for renewal: their renewals start, and hang
        two.token();
        awaitCondition(() -> server.requests("1") >= 2 && server.requests("2") >= 2, Duration.ofSeconds(3),
                "the renewals of subjects 1 and 2 reached the server");

        // Subject 3's callers for 4 s, i.e. two lifetimes of its token: none may fail or wait long.
        Duration perCallBound = Duration.ofMillis(1500);
        Set<String> tokensOfThree = new HashSet<>();
        tokensOfThree.add(firstOfThree.value());
        List<String> problems = new ArrayList<>();
        Duration longest = Duration.ZERO;
        int calls = 0;
        Instant end = Instant.now().plusSeconds(4);
        while (Instant.now().isBefore(end) && problems.isEmpty()) {
            TimedCall.Outcome<BoxAccessToken> outcome = TimedCall.run("subject-3", three::token, perCallBound);
            calls++;
            longest = outcome.elapsed().compareTo(longest) > 0 ? outcome.elapsed() : longest;
            if (!outcome.returned()) {
                problems.add("call " + calls + " " + outcome.describe());
            } else if (!outcome.value().isValidAt(Instant.now().minusMillis(100))) {
                problems.add("call " + calls + " got a token that expired at " + outcome.value().expiresAt());
            } else {
                tokensOfThree.add(outcome.value().value());
            }
            Thread.sleep(100);
        }

        HostileEndpointTest.report("healthy subject 3 beside 2 hung", "stallMidBody renewals", longest, perCallBound,
                calls + " calls, " + problems.size() + " failed; subject 3: " + server.requests("3") + " requests, "
                        + tokensOfThree.size() + " distinct tokens; requests " + server.requestsBySubject());
        assertTrue(problems.isEmpty(), () -> "subject 3's callers must never fail or wait while subjects 1 and 2"
                + " hang: " + problems.get(0));
        assertTrue(server.requests("3") >= 3 && tokensOfThree.size() >= 3, "subject 3's token must keep being"
                + " renewed: " + server.requests("3") + " requests, " + tokensOfThree.size() + " distinct tokens seen");
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
