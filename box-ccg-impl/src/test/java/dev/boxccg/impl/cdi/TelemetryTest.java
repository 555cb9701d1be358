package dev.boxccg.impl.cdi;

import dev.boxccg.BoxApp;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.testkit.BoxSimulatorExtension;
import dev.boxccg.testkit.TokenFault;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * box-ccg's metrics and traces with an in-memory OpenTelemetry SDK, given to the application as MicroProfile
 * Telemetry does (an {@code OpenTelemetry} CDI bean), in Weld SE against the Box simulator over HTTP: names, units,
 * attributes and counts, one span per token request with its attempts as events, the 401 recovery, and that no
 * secret, token, client ID, enterprise ID or user ID appears anywhere in what is exported.
 */
class TelemetryTest {

    static final String CLIENT_ID = "otel-client-3f9";
    static final String SECRET = "otel-secret-8c41d";
    static final String ENTERPRISE = "73914";
    static final String USER = "58213";
    static final String REFUSED_ENTERPRISE = "73915"; // not the app's: Box refuses the grant

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    /** What the "server" gives the application; set before each container starts. */
    static OpenTelemetry openTelemetry;

    private InMemorySpanExporter spans;
    private InMemoryMetricReader metrics;
    private OpenTelemetrySdk sdk;

    /** Acts as MicroProfile Telemetry: the container's OpenTelemetry bean. */
    public static class OpenTelemetryProducer {
        @Produces
        OpenTelemetry openTelemetry() {
            return openTelemetry;
        }
    }

    public static class Tokens {
        @Inject
        BoxTokenProvider box;
        @Inject
        @BoxApp("hr")
        BoxTokenProvider hr;
    }

    public static class Clients {
        @Inject
        @RestClient
        BoxApis.Users users;
    }

    @BeforeAll
    static void registerApp() {
        BOX.simulator().registerApp(CLIENT_ID, SECRET, ENTERPRISE).addUser(USER, "Grace Hopper", "grace@example.com");
    }

    @BeforeEach
    void startSdk() {
        spans = InMemorySpanExporter.create();
        metrics = InMemoryMetricReader.create();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
        openTelemetry = sdk;
    }

    @AfterEach
    void stopSdk() {
        sdk.getSdkTracerProvider().close();
        sdk.getSdkMeterProvider().close();
    }

    /** The default configuration (the service account) and "hr", which Box refuses. */
    static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("box.ccg.client-id", CLIENT_ID);
        config.put("box.ccg.client-secret", SECRET);
        config.put("box.ccg.enterprise-id", ENTERPRISE);
        config.put("box.ccg.token-url", BOX.simulator().tokenUrl().toString());
        config.put("box.ccg.retry.initial-backoff", "10ms");
        config.put("box.ccg.failure-cooldown.initial", "30s");
        config.put("box.ccg.hr.client-id", CLIENT_ID);
        config.put("box.ccg.hr.client-secret", SECRET);
        config.put("box.ccg.hr.enterprise-id", REFUSED_ENTERPRISE);
        config.put("box.ccg.hr.token-url", BOX.simulator().tokenUrl().toString());
        config.put("box.ccg.hr.retry.initial-backoff", "10ms");
        config.put("box.ccg.hr.failure-cooldown.initial", "30s");
        config.put("box/mp-rest/url", BOX.simulator().baseUrl().toString());
        return config;
    }

    private static CdiContainer start() {
        return CdiContainer.start(config(), BoxApis.with(Tokens.class, Clients.class, OpenTelemetryProducer.class));
    }

    @Test
    void oneRequestForManyCallersWithItsNamesUnitsAttributesAndSpan() throws Exception {
        try (CdiContainer cdi = start()) {
            BoxTokenProvider tokens = cdi.select(Tokens.class).box;
            int callers = 8;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(callers);
            try {
                List<Future<String>> got = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    got.add(threads.submit(() -> {
                        go.await();
                        return tokens.token().value();
                    }));
                }
                go.countDown();
                for (Future<String> token : got) {
                    assertNotNull(token.get(30, TimeUnit.SECONDS));
                }
            } finally {
                threads.shutdownNow();
            }
            assertEquals(1, BOX.simulator().tokenRequests(), "one request for " + callers + " callers");

            Collection<MetricData> collected = metrics.collectAllMetrics();
            Attributes issued = Attributes.builder().put("box.ccg.configuration", "default")
                    .put("box.ccg.subject.type", "enterprise").put("box.ccg.outcome", "issued").build();
            MetricData requests = metric(collected, "box.ccg.token.requests");
            assertEquals("{request}", requests.getUnit());
            assertTrue(requests.getLongSumData().isMonotonic());
            assertEquals(Map.of(issued, 1L), longPoints(requests));

            MetricData duration = metric(collected, "box.ccg.token.request.duration");
            assertEquals("s", duration.getUnit());
            HistogramPointData took = duration.getHistogramData().getPoints().iterator().next();
            assertEquals(issued, took.getAttributes());
            assertEquals(1, took.getCount());
            assertTrue(took.getSum() > 0 && took.getSum() < 30, "seconds, not milliseconds: " + took.getSum());

            MetricData held = metric(collected, "box.ccg.tokens.held");
            assertEquals("{token}", held.getUnit());
            assertFalse(held.getLongSumData().isMonotonic(), "an up-down count");
            assertEquals(1L, longPoints(held).get(Attributes.builder().put("box.ccg.configuration", "default")
                    .put("box.ccg.subject.type", "enterprise").build()));

            MetricData expiresIn = metric(collected, "box.ccg.token.expires_in");
            assertEquals("s", expiresIn.getUnit());
            double seconds = expiresIn.getDoubleGaugeData().getPoints().stream()
                    .filter(p -> p.getAttributes().equals(Attributes.of(AttributeKey.stringKey(
                            "box.ccg.configuration"), "default")))
                    .findFirst().orElseThrow().getValue();
            assertTrue(seconds > 3000 && seconds <= 3600, "the simulator's hour, in seconds: " + seconds);

            assertTrue(collected.stream().allMatch(m -> m.getName().startsWith("box.ccg.")
                    && m.getName().equals(m.getName().toLowerCase())), "lower case, dot separated, box.ccg.*");

            List<SpanData> finished = spans.getFinishedSpanItems();
            assertEquals(1, finished.size(), "one span per token request: " + finished);
            SpanData span = finished.get(0);
            assertEquals("box-ccg token request", span.getName());
            assertEquals(SpanKind.CLIENT, span.getKind());
            assertEquals("default", span.getAttributes().get(AttributeKey.stringKey("box.ccg.configuration")));
            assertEquals("enterprise", span.getAttributes().get(AttributeKey.stringKey("box.ccg.subject.type")));
            assertEquals("issued", span.getAttributes().get(AttributeKey.stringKey("box.ccg.outcome")));
            assertEquals(BOX.simulator().tokenUrl().getHost(),
                    span.getAttributes().get(AttributeKey.stringKey("server.address")));
            assertEquals((long) BOX.simulator().tokenUrl().getPort(),
                    span.getAttributes().get(AttributeKey.longKey("server.port")));
            assertEquals(List.of("box-ccg.attempt"), span.getEvents().stream().map(EventData::getName).toList());
            assertEquals(1L, span.getEvents().get(0).getAttributes().get(AttributeKey.longKey("box.ccg.attempt")));
            assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());

            assertNothingSecret();
        }
    }

    @Test
    void aRefusalIsCountedWithItsCooldownAndTheSpanIsAnError() {
        try (CdiContainer cdi = start()) {
            BoxTokenProvider hr = cdi.select(Tokens.class).hr;
            BoxAuthenticationException refused = assertThrows(BoxAuthenticationException.class, hr::token);
            assertEquals("invalid_grant", refused.error().orElseThrow());
            assertThrows(BoxAuthenticationException.class, hr::token); // in cooldown: fails fast, no new request
            assertEquals(1, BOX.simulator().tokenRequests());

            Collection<MetricData> collected = metrics.collectAllMetrics();
            Attributes hrEnterprise = Attributes.builder().put("box.ccg.configuration", "hr")
                    .put("box.ccg.subject.type", "enterprise").build();
            assertEquals(Map.of(hrEnterprise.toBuilder().put("box.ccg.outcome", "refused")
                            .put("error.type", "invalid_grant").build(), 1L),
                    longPoints(metric(collected, "box.ccg.token.requests")));
            MetricData cooldowns = metric(collected, "box.ccg.cooldowns");
            assertEquals("{cooldown}", cooldowns.getUnit());
            assertEquals(Map.of(hrEnterprise.toBuilder().put("error.type", "invalid_grant").build(), 1L),
                    longPoints(cooldowns));
            assertEquals(0L, longPoints(metric(collected, "box.ccg.tokens.held")).get(hrEnterprise),
                    "no token held by hr");

            SpanData span = spans.getFinishedSpanItems().get(0);
            assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
            assertEquals("invalid_grant", span.getStatus().getDescription(), "Box's code, not its description");
            assertEquals("refused", span.getAttributes().get(AttributeKey.stringKey("box.ccg.outcome")));
            EventData attempt = span.getEvents().get(0);
            assertEquals(400L, attempt.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
            assertEquals("invalid_grant", attempt.getAttributes().get(AttributeKey.stringKey("error.type")));

            assertNothingSecret();
        }
    }

    @Test
    void aRetriedAttemptIsCountedAndIsAnEventOfTheOneSpan() {
        try (CdiContainer cdi = start()) {
            BOX.simulator().failNextTokenRequests(1, TokenFault.status(503));
            cdi.select(Tokens.class).box.token();
            assertEquals(2, BOX.simulator().tokenRequests());

            Collection<MetricData> collected = metrics.collectAllMetrics();
            MetricData retries = metric(collected, "box.ccg.token.retries");
            assertEquals("{attempt}", retries.getUnit());
            assertEquals(Map.of(Attributes.builder().put("box.ccg.configuration", "default")
                    .put("box.ccg.subject.type", "enterprise").put("error.type", "unavailable").build(), 1L),
                    longPoints(retries));

            List<SpanData> finished = spans.getFinishedSpanItems();
            assertEquals(1, finished.size(), "one span for the request, however many attempts");
            List<EventData> attempts = finished.get(0).getEvents();
            assertEquals(2, attempts.size(), attempts.toString());
            assertEquals(List.of(1L, 2L), attempts.stream()
                    .map(e -> e.getAttributes().get(AttributeKey.longKey("box.ccg.attempt"))).toList());
            assertEquals(List.of("retried", "issued"), attempts.stream()
                    .map(e -> e.getAttributes().get(AttributeKey.stringKey("box.ccg.attempt.result"))).toList());
            assertEquals(503L, attempts.get(0).getAttributes().get(AttributeKey.longKey("http.response.status_code")));
            assertEquals(2L, finished.get(0).getAttributes().get(AttributeKey.longKey("box.ccg.attempts")));

            assertNothingSecret();
        }
    }

    @Test
    void aRenewalAheadOfExpiryIsCounted() throws Exception {
        BOX.simulator().tokenLifetime(Duration.ofSeconds(2)); // renewed when half of it is left
        try (CdiContainer cdi = start()) {
            BoxTokenProvider tokens = cdi.select(Tokens.class).box;
            tokens.token();
            Span caller = sdk.getTracer("test").spanBuilder("caller").startSpan();
            long renewals;
            try (Scope ignored = caller.makeCurrent()) {
                renewals = poll(() -> {
                    tokens.token(); // the first call that finds the token due starts the renewal, and does not wait
                    return sum(metric(metrics.collectAllMetrics(), "box.ccg.token.renewals"));
                });
            } finally {
                caller.end();
            }
            assertEquals(1, renewals);
            assertEquals(1, poll(() -> renewalSpans().count()), "the renewal's span");
            SpanData renewal = renewalSpans().findFirst().orElseThrow();
            assertFalse(renewal.getParentSpanContext().isValid(), "a root span: the caller did not wait for it");
            assertEquals(List.of(caller.getSpanContext()), renewal.getLinks().stream()
                    .map(io.opentelemetry.sdk.trace.data.LinkData::getSpanContext).toList(), "linked to the caller");
            assertNothingSecret();
        } finally {
            BOX.simulator().tokenLifetime(Duration.ofHours(1));
        }
    }

    @Test
    void aRecoveryFrom401IsCountedAndAnEventOnTheCallersSpan() {
        try (CdiContainer cdi = start()) {
            Clients clients = cdi.select(Clients.class);
            clients.users.me();
            BOX.simulator().revokeAllTokens();
            Span caller = sdk.getTracer("test").spanBuilder("caller").startSpan();
            try (Scope ignored = caller.makeCurrent()) {
                assertEquals("user", clients.users.me().getString("type"));
            } finally {
                caller.end();
            }
            assertEquals(2, BOX.simulator().tokenRequests());

            MetricData recoveries = metric(metrics.collectAllMetrics(), "box.ccg.unauthorized.recoveries");
            assertEquals("{call}", recoveries.getUnit());
            assertEquals(Map.of(Attributes.of(AttributeKey.stringKey("box.ccg.configuration"), "default"), 1L),
                    longPoints(recoveries));

            SpanData callerSpan = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("caller"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("box-ccg.unauthorized_recovery"),
                    callerSpan.getEvents().stream().map(EventData::getName).toList());
            SpanData renewed = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals("box-ccg token request")
                            && s.getParentSpanId().equals(callerSpan.getSpanId()))
                    .findFirst().orElseThrow(() -> new AssertionError("the new token's request is a child of the"
                            + " caller's span: " + spans.getFinishedSpanItems()));
            assertEquals(callerSpan.getTraceId(), renewed.getTraceId());

            assertNothingSecret();
        }
    }

    @Test
    void tokensOfAUserAndDownscopedTokensAreLabelledByKindNeverByTheirIds() {
        try (CdiContainer cdi = start()) {
            BoxTokenProvider box = cdi.select(Tokens.class).box;
            box.forUser(USER).token();
            box.downscoped(BoxDownscope.of("item_preview"));
            assertEquals(1, BOX.simulator().tokenRequests("user", USER));

            Collection<MetricData> collected = metrics.collectAllMetrics();
            Map<Attributes, Long> requests = longPoints(metric(collected, "box.ccg.token.requests"));
            assertEquals(Map.of(
                    issuedTo("as_user"), 1L,
                    issuedTo("enterprise"), 1L, // the service account's, which the downscoped one narrows
                    issuedTo("token_exchange"), 1L), requests);
            Map<Attributes, Long> held = longPoints(metric(collected, "box.ccg.tokens.held"));
            for (String kind : List.of("as_user", "enterprise", "token_exchange")) {
                assertEquals(1L, held.get(Attributes.builder().put("box.ccg.configuration", "default")
                        .put("box.ccg.subject.type", kind).build()), kind + " in " + held);
            }
            assertEquals(3, spans.getFinishedSpanItems().size());

            assertNothingSecret();
        }
    }

    @Test
    void withoutAnOpenTelemetryBeanTheApplicationWorksAsBefore() {
        try (CdiContainer cdi = CdiContainer.start(config(), BoxApis.with(Tokens.class, Clients.class))) {
            Clients clients = cdi.select(Clients.class);
            clients.users.me();
            BOX.simulator().revokeAllTokens();
            assertEquals("user", clients.users.me().getString("type"), "the 401 recovery as before");
            assertThrows(BoxAuthenticationException.class, () -> cdi.select(Tokens.class).hr.token());
            assertEquals(3, BOX.simulator().tokenRequests());
        }
        assertTrue(metrics.collectAllMetrics().isEmpty(), "nothing recorded anywhere");
        assertTrue(spans.getFinishedSpanItems().isEmpty());
    }

    private java.util.stream.Stream<SpanData> renewalSpans() {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> Boolean.TRUE.equals(span.getAttributes().get(AttributeKey.booleanKey("box.ccg.renewal"))));
    }

    /** Every exported name, unit, description, attribute, event and status: none holds a secret, token or ID. */
    private void assertNothingSecret() {
        List<String> forbidden = new ArrayList<>(List.of(SECRET, CLIENT_ID, ENTERPRISE, USER, REFUSED_ENTERPRISE));
        forbidden.addAll(BOX.simulator().issuedTokens());
        assertFalse(BOX.simulator().issuedTokens().isEmpty(), "the scan knows the tokens Box issued");
        List<String> exported = new ArrayList<>();
        for (MetricData metric : metrics.collectAllMetrics()) {
            exported.add(metric.getName());
            exported.add(metric.getUnit());
            exported.add(metric.getDescription());
            for (PointData point : metric.getData().getPoints()) {
                point.getAttributes().forEach((key, value) -> exported.add(key.getKey() + "=" + value));
            }
        }
        for (SpanData span : spans.getFinishedSpanItems()) {
            exported.add(span.getName());
            exported.add(span.getStatus().getDescription());
            span.getAttributes().forEach((key, value) -> exported.add(key.getKey() + "=" + value));
            for (EventData event : span.getEvents()) {
                exported.add(event.getName());
                event.getAttributes().forEach((key, value) -> exported.add(key.getKey() + "=" + value));
            }
        }
        assertTrue(exported.size() > 10, "something was exported: " + exported);
        for (String value : exported) {
            for (String secret : forbidden) {
                assertFalse(value.contains(secret), "'" + value + "' holds '" + secret + "'");
            }
        }
    }

    private static Attributes issuedTo(String subjectType) {
        return Attributes.builder().put("box.ccg.configuration", "default").put("box.ccg.subject.type", subjectType)
                .put("box.ccg.outcome", "issued").build();
    }

    static MetricData metric(Collection<MetricData> collected, String name) {
        return collected.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + collected));
    }

    static Map<Attributes, Long> longPoints(MetricData metric) {
        Map<Attributes, Long> points = new HashMap<>();
        for (LongPointData point : metric.getLongSumData().getPoints()) {
            points.put(point.getAttributes(), point.getValue());
        }
        return points;
    }

    private static long sum(MetricData metric) {
        return longPoints(metric).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Polls until the count is positive, at most 15 s (the token lives 2 s); fails if it stays 0. */
    private static long poll(Callable<Long> count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() - deadline < 0) {
            Optional<Long> seen = Optional.empty();
            try {
                seen = Optional.of(count.call());
            } catch (AssertionError notYet) {
                // the metric appears with its first renewal
            }
            if (seen.isPresent() && seen.get() > 0) {
                return seen.get();
            }
            Thread.sleep(50);
        }
        fail("still 0 after 15 s");
        return 0;
    }
}
