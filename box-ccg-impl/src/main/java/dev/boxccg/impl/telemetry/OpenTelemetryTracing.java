package dev.boxccg.impl.telemetry;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.core.TokenKey;
import dev.boxccg.impl.runtime.BoxCcgMetric;
import dev.boxccg.impl.runtime.BoxCcgTelemetry;
import dev.boxccg.impl.runtime.MetricsRecorder;
import dev.boxccg.impl.runtime.TelemetrySource;
import dev.boxccg.impl.runtime.TokenLabels;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One span per token request ({@value #SPAN_NAME}, kind CLIENT), each attempt an event, and the 401 recovery an event
 * on the span current where the call is retried. Every request starts on the thread of a caller wanting a token. One
 * the caller waits for (none valid) is a child of the caller's current span, though it runs on the engine's executor.
 * A renewal ahead of expiry is started by the first caller that finds the token due, who does not wait for it: it is
 * a root span of its own, linked to that caller's span, so a caller's trace does not hold work it never waited for.
 * Attributes name the
 * configuration, the subject type, a tenant's label (for a tenant's token) and the token endpoint's host and port:
 * never an ID, a token, a secret, a tenant key, or Box's error description (which may echo what was sent).
 */
final class OpenTelemetryTracing implements BoxCcgTelemetry {

    static final String SPAN_NAME = "box-ccg token request";
    static final String ATTEMPT_EVENT = "box-ccg.attempt";
    static final String RECOVERY_EVENT = "box-ccg.unauthorized_recovery";

    static final AttributeKey<String> CONFIGURATION = AttributeKey.stringKey(BoxCcgMetric.CONFIGURATION);
    static final AttributeKey<String> SUBJECT_TYPE = AttributeKey.stringKey(BoxCcgMetric.SUBJECT_TYPE);
    static final AttributeKey<String> TENANT = AttributeKey.stringKey(BoxCcgMetric.TENANT);
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey(BoxCcgMetric.OUTCOME);
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey(BoxCcgMetric.ERROR_TYPE);
    static final AttributeKey<Boolean> RENEWAL = AttributeKey.booleanKey("box.ccg.renewal");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("box.ccg.attempt");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("box.ccg.attempts");
    /** {@code retried}, or the request's outcome for its last attempt: {@code issued}, {@code refused}, {@code failed}. */
    static final AttributeKey<String> ATTEMPT_RESULT = AttributeKey.stringKey("box.ccg.attempt.result");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracer tracer;
    private final TelemetrySource source;
    /** The request in flight per key: the engine runs at most one per key. */
    private final Map<TokenKey, InFlight> inFlight = new ConcurrentHashMap<>();

    OpenTelemetryTracing(Tracer tracer, TelemetrySource source) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.source = Objects.requireNonNull(source, "source");
    }

    private static final class InFlight {
        final Span span;
        int retried;

        InFlight(Span span) {
            this.span = span;
        }
    }

    @Override
    public void requestStarted(TokenKey key, boolean renewal) {
        TokenLabels labels = source.labels(key);
        URI tokenUrl = key.app().tokenUrl();
        var span = tracer.spanBuilder(SPAN_NAME).setSpanKind(SpanKind.CLIENT);
        if (renewal) {
            SpanContext caller = Span.current().getSpanContext();
            span.setNoParent();
            if (caller.isValid()) {
                span.addLink(caller);
            }
        } else {
            span.setParent(Context.current());
        }
        span.setAttribute(CONFIGURATION, labels.configuration());
        span.setAttribute(SUBJECT_TYPE, labels.subjectType());
        if (labels.tenant() != null) {
            span.setAttribute(TENANT, labels.tenant());
        }
        span.setAttribute(RENEWAL, renewal);
        if (tokenUrl.getHost() != null) {
            span.setAttribute(SERVER_ADDRESS, tokenUrl.getHost());
            span.setAttribute(SERVER_PORT, (long) port(tokenUrl));
        }
        InFlight earlier = inFlight.put(key, new InFlight(span.startSpan()));
        if (earlier != null) { // not heard to finish (the engine was cleared meanwhile): end it rather than leak it
            earlier.span.end();
        }
    }

    @Override
    public void attemptFailed(TokenKey key, int attempt, BoxAuthenticationException failure) {
        InFlight request = inFlight.get(key);
        if (request == null) {
            return;
        }
        synchronized (request) {
            request.retried = Math.max(request.retried, attempt);
        }
        request.span.addEvent(ATTEMPT_EVENT, failed(Attributes.builder().put(ATTEMPT, (long) attempt)
                .put(ATTEMPT_RESULT, "retried"), failure).build());
    }

    @Override
    public void requestFinished(TokenKey key, Outcome outcome, Duration duration, BoxAuthenticationException failure) {
        InFlight request = inFlight.remove(key);
        if (request == null) {
            return;
        }
        Span span = request.span;
        String result = MetricsRecorder.outcomeLabel(outcome);
        span.setAttribute(OUTCOME, result);
        if (outcome != Outcome.FROM_STORE) { // the store answered: Box was not asked
            long last;
            synchronized (request) {
                last = request.retried + 1L;
            }
            span.setAttribute(ATTEMPTS, last);
            span.addEvent(ATTEMPT_EVENT, failed(Attributes.builder().put(ATTEMPT, last).put(ATTEMPT_RESULT, result),
                    failure).build());
        }
        if (failure != null) {
            String errorType = MetricsRecorder.errorType(failure);
            span.setAttribute(ERROR_TYPE, errorType);
            span.setStatus(StatusCode.ERROR, errorType);
        }
        span.end();
    }

    @Override
    public void unauthorizedRecovery(String configurationName, String tenant) {
        AttributesBuilder event = Attributes.builder()
                .put(CONFIGURATION, TokenLabels.configurationLabel(configurationName));
        if (tenant != null) {
            event.put(TENANT, tenant);
        }
        Span.current().addEvent(RECOVERY_EVENT, event.build());
    }

    @Override
    public void close() {
        inFlight.values().forEach(request -> request.span.end());
        inFlight.clear();
    }

    /** Box's status and error code, if the attempt failed. */
    private static AttributesBuilder failed(AttributesBuilder attributes, BoxAuthenticationException failure) {
        if (failure != null) {
            attributes.put(ERROR_TYPE, MetricsRecorder.errorType(failure));
            if (failure.status() != BoxAuthenticationException.NO_RESPONSE) {
                attributes.put(HTTP_STATUS, (long) failure.status());
            }
        }
        return attributes;
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
    }
}
