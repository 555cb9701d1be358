package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.TokenFault;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Neither the client secret nor any token the simulator issued appears in any log record (every level), exception
 * message, hint or {@code toString()} produced while the engine succeeds, retries, renews, fails and is refused.
 */
class RedactionTest {

    private static final String SECRET = "redaction-secret-4f9a";
    private static final String WRONG_SECRET = "wrong-secret-77c1";

    @Test
    void noSecretOrTokenIsEverPrintedOrThrown() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (LogCapture capture = new LogCapture(); BoxSimulator box = BoxSimulator.builder().clock(clock).start()) {
            box.registerApp("redaction-client", SECRET, "1").addUser("2", "Grace", "grace@example.com");
            BoxCcgSettings settings = BoxCcgSettings.builder().tokenUrl(box.tokenUrl()).clientId("redaction-client")
                    .clientSecret(SECRET)
                    .retry(new RetrySettings(new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)), Duration.ofSeconds(5), 3))
                    .build();
            capture.add(settings.toString());
            try (BoxCcgEngine engine = BoxCcgEngine.builder(settings).clock(clock).ticker(clock.ticker())
                    .retryWaits(MutableClock.recordingWaits(new java.util.ArrayList<>())).build()) {
                BoxTokenProvider enterprise = engine.provider(BoxSubject.enterprise("1"));
                capture.add(enterprise.toString());

                // success after retried faults
                box.failNextTokenRequests(1, TokenFault.status(503).withRetryAfter("0"));
                box.failNextTokenRequests(1, TokenFault.connectionReset());
                BoxAccessToken first = enterprise.token();
                capture.add(first.toString());

                // a failed background renewal (logged as a warning), then a successful one
                clock.advance(Duration.ofMinutes(56));
                box.failNextTokenRequests(3, TokenFault.status(500));
                enterprise.token();
                EngineAgainstSimulatorTest.awaitTrue(() -> box.tokenRequests() >= 6, "the renewal fails");
                EngineAgainstSimulatorTest.awaitTrue(() -> capture.records().stream()
                        .anyMatch(r -> r.getLevel() == Level.WARNING), "the failed renewal is logged");
                clock.advance(Duration.ofSeconds(2));
                enterprise.token();
                EngineAgainstSimulatorTest.awaitTrue(() -> !enterprise.token().equals(first), "the renewal succeeds");

                // failures that end in exceptions
                box.failNextTokenRequests(1, TokenFault.malformedJson());
                capture.add(assertThrows(BoxAuthenticationException.class,
                        () -> engine.provider(BoxSubject.user("2")).token()));
                clock.advance(Duration.ofSeconds(2)); // past the cooldown after that failure
                box.failNextTokenRequests(3, TokenFault.status(502)); // all 3 attempts
                capture.add(assertThrows(BoxAuthenticationException.class,
                        () -> engine.provider(BoxSubject.user("2")).token()));
            }
            BoxCcgSettings wrong = BoxCcgSettings.builder().tokenUrl(box.tokenUrl()).clientId("redaction-client")
                    .clientSecret(WRONG_SECRET).build();
            try (BoxCcgEngine engine = BoxCcgEngine.builder(wrong).build()) {
                capture.add(assertThrows(BoxAuthenticationException.class,
                        () -> engine.provider(BoxSubject.enterprise("1")).token()));
            }

            assertTrue(capture.records().size() >= 3, "retries and the failed renewal were logged: " + capture.records().size());
            assertTrue(box.issuedTokens().size() >= 2, "tokens were issued: " + box.issuedTokens().size());
            List<String> secrets = new ArrayList<>(box.issuedTokens());
            secrets.add(SECRET);
            secrets.add(WRONG_SECRET);
            assertEquals(List.of(), capture.leaks(secrets));
        }
    }
}
