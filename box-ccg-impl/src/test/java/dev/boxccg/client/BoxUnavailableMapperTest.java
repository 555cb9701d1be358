package dev.boxccg.client;

import dev.boxccg.BoxAuthenticationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoxUnavailableMapperTest {

    static final String TOKEN_URL = "https://api.box.com/oauth2/token";
    static final String ENTERPRISE = "987654";
    static final String SECRET = "s3cr3t-client-secret";
    static final String HINT = "Check the app's Client Credentials Grant in the Box Developer Console";

    private final Logger logger = Logger.getLogger(BoxUnavailableMapper.class.getName());
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(handler);
    }

    @AfterEach
    void release() {
        logger.removeHandler(handler);
    }

    /** A failure shaped like the engine's, unique per call so earlier tests' log-once state does not interfere. */
    static BoxAuthenticationException refusal(String countdown, Duration retryAfter) {
        return refusal(UUID.randomUUID().toString(), countdown, retryAfter);
    }

    /** With a countdown: a remembered failure as the engine makes it, whose cause is the failure it repeats. */
    static BoxAuthenticationException refusal(String id, String countdown, Duration retryAfter) {
        String message = "Box did not issue a token for enterprise " + ENTERPRISE + " [" + id + "] at " + TOKEN_URL
                + ": invalid_client (The client credentials are invalid). " + HINT;
        BoxAuthenticationException first = new BoxAuthenticationException(message, 400, "invalid_client",
                "The client credentials are invalid", HINT, false, new IllegalStateException("cause " + SECRET),
                retryAfter);
        return countdown == null ? first : new BoxAuthenticationException(message
                + " (The last token request failed; no new request for another " + countdown + ".)", 400,
                "invalid_client", "The client credentials are invalid", HINT, false, first, retryAfter);
    }

    static void assertGeneric503(Response response, String retryAfter) {
        assertEquals(503, response.getStatus());
        assertEquals(retryAfter, response.getHeaderString("Retry-After"));
        assertEquals("no-store", response.getHeaderString("Cache-Control"));
        assertEquals("application/json", response.getMediaType().toString());
        String body = String.valueOf(response.getEntity());
        assertEquals(BoxUnavailableMapper.BODY, body);
        String everything = body + response.getStringHeaders();
        for (String leak : List.of(TOKEN_URL, "api.box.com", ENTERPRISE, SECRET, HINT, "invalid_client",
                "Developer Console")) {
            assertFalse(everything.contains(leak), leak + " in " + everything);
        }
    }

    @Test
    void aBoxFailureIsA503WithRetryAfterAndAGenericBody() {
        Response response = new BoxUnavailableMapper().toResponse(refusal("2.3 s", Duration.ofMillis(2300)));
        assertGeneric503(response, "3");
    }

    @Test
    void retryAfterIsRoundedUpAndAtLeastOneSecondAndOneWhenUnknown() {
        BoxUnavailableMapper mapper = new BoxUnavailableMapper();
        assertGeneric503(mapper.toResponse(refusal(null, Duration.ofSeconds(4))), "4");
        assertGeneric503(mapper.toResponse(refusal("0.0 s", Duration.ofMillis(1))), "1");
        assertGeneric503(mapper.toResponse(refusal("0.0 s", Duration.ZERO)), "1");
        assertGeneric503(mapper.toResponse(refusal(null, null)), "1");
    }

    @Test
    void aProcessingExceptionCausedByABoxFailureIsA503AndAnyOtherAnEmpty500() {
        BoxUnavailableMapper.OfProcessingException mapper = new BoxUnavailableMapper.OfProcessingException();
        assertGeneric503(mapper.toResponse(new ProcessingException(refusal(null, Duration.ofSeconds(8)))), "8");
        assertGeneric503(mapper.toResponse(new ProcessingException("outer",
                new RuntimeException(refusal(null, Duration.ofSeconds(2))))), "2");

        Response other = mapper.toResponse(new ProcessingException("connection refused to " + TOKEN_URL));
        assertEquals(500, other.getStatus());
        assertNull(other.getEntity());
    }

    @Test
    void aWebApplicationExceptionCausedByABoxFailureIsA503AndAnyOtherKeepsItsResponse() {
        BoxUnavailableMapper.OfWebApplicationException mapper = new BoxUnavailableMapper.OfWebApplicationException();
        assertGeneric503(mapper.toResponse(new WebApplicationException(refusal(null, Duration.ofSeconds(5)))), "5");

        assertEquals(404, mapper.toResponse(new NotFoundException()).getStatus());
    }

    @Test
    void tenFailingRequestsWithinACooldownLogTheDiagnosticOnce() {
        String id = UUID.randomUUID().toString();
        BoxUnavailableMapper mapper = new BoxUnavailableMapper();
        mapper.toResponse(refusal(id, null, Duration.ofSeconds(30))); // the failure that started the cooldown
        for (int i = 1; i < 10; i++) { // remembered failures, counting down
            mapper.toResponse(refusal(id, (30 - i) + ".0 s", Duration.ofSeconds(30 - i)));
        }
        List<LogRecord> logged = logged(id);
        assertEquals(1, logged.size(), "once per cooldown, not per request");
        assertEquals(Level.WARNING, logged.get(0).getLevel());
        String text = formatted(logged.get(0));
        assertTrue(text.contains("invalid_client"), text);
        assertTrue(text.contains(TOKEN_URL), "the diagnostic goes to the log: " + text);
        assertFalse(text.contains(SECRET), text);

        mapper.toResponse(new BoxAuthenticationException("Box did not answer [" + id + "]", 0, null, null, null,
                true, null, Duration.ofSeconds(30)));
        assertEquals(2, logged(id).size(), "another error is logged at once");
    }

    @Test
    void theSameFailureIsLoggedAgainOnceTheCooldownHasPassed() throws InterruptedException {
        String id = UUID.randomUUID().toString();
        BoxUnavailableMapper mapper = new BoxUnavailableMapper();
        mapper.toResponse(refusal(null, null)); // loads JAX-RS's RuntimeDelegate, which takes a while the first time
        mapper.toResponse(refusal(id, null, Duration.ofMillis(500)));
        mapper.toResponse(refusal(id, "0.4 s", Duration.ofMillis(400)));
        assertEquals(1, logged(id).size());
        Thread.sleep(600);
        mapper.toResponse(refusal(id, null, Duration.ofSeconds(2))); // the next request failed: a new cooldown
        mapper.toResponse(refusal(id, "1.9 s", Duration.ofMillis(1900)));
        assertEquals(2, logged(id).size());
    }

    private List<LogRecord> logged(String id) {
        synchronized (records) {
            return records.stream().filter(r -> formatted(r).contains(id)).toList();
        }
    }

    private static String formatted(LogRecord record) {
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }
}
