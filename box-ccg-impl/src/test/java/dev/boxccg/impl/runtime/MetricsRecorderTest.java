package dev.boxccg.impl.runtime;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.core.EngineListener;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The words metrics and spans use for outcomes and errors: from small fixed sets, so an attribute's cardinality stays
 * low and nothing Box (or a fake Box) writes into its answer reaches an attribute unless it looks like an error code.
 */
class MetricsRecorderTest {

    private static BoxAuthenticationException failure(int status, String error) {
        return new BoxAuthenticationException("test", status, error, "echoes client_secret=xyz", null,
                status >= 500 || status == BoxAuthenticationException.NO_RESPONSE, null);
    }

    @Test
    void theErrorTypeIsBoxsCodeWhenItLooksLikeOne() {
        assertEquals("invalid_grant", MetricsRecorder.errorType(failure(400, "invalid_grant")));
        assertEquals("unavailable", MetricsRecorder.errorType(failure(503, "unavailable")));
    }

    @Test
    void anythingElseBoxWritesIsReplacedByTheStatus() {
        assertEquals("400", MetricsRecorder.errorType(failure(400, "Grant credentials are invalid")));
        assertEquals("400", MetricsRecorder.errorType(failure(400, "token=abc123")));
        assertEquals("502", MetricsRecorder.errorType(failure(502, "x".repeat(100))));
        assertEquals("429", MetricsRecorder.errorType(failure(429, null)));
    }

    @Test
    void noAnswerIsNoResponse() {
        assertEquals("no_response", MetricsRecorder.errorType(failure(BoxAuthenticationException.NO_RESPONSE, null)));
        assertEquals("unknown", MetricsRecorder.errorType(null));
    }

    @Test
    void outcomesAreLowerCaseWords() {
        assertEquals("issued", MetricsRecorder.outcomeLabel(EngineListener.Outcome.ISSUED));
        assertEquals("from_store", MetricsRecorder.outcomeLabel(EngineListener.Outcome.FROM_STORE));
        assertEquals("refused", MetricsRecorder.outcomeLabel(EngineListener.Outcome.REFUSED));
        assertEquals("failed", MetricsRecorder.outcomeLabel(EngineListener.Outcome.FAILED));
    }
}
