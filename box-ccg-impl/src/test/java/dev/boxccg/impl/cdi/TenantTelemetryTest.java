package dev.boxccg.impl.cdi;

import dev.boxccg.BoxCalls;
import dev.boxccg.BoxCredentials;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTenantCredentials;
import dev.boxccg.BoxTenants;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.BoxSimulatorExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static dev.boxccg.impl.cdi.TelemetryTest.longPoints;
import static dev.boxccg.impl.cdi.TelemetryTest.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metrics and traces per tenant (Weld SE, Jersey's REST client, the simulator over HTTP): the default configuration
 * serves four tenants in four Box apps (one refused, one with a label of the application's), "hr" has credentials of
 * its own. Every tenant's token is labelled with the configuration's name and the tenant's label, never its key, and
 * nothing exported holds a tenant key, client ID, enterprise ID, secret or token. Through OpenTelemetry (an in-memory
 * SDK) and MicroProfile Metrics (a registry that refuses conflicting tag names, as Payara's does).
 */
class TenantTelemetryTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    static final String ACME = "Acme Corporation";
    static final String GLOBEX = "Globex Inc";
    static final String UMBRELLA = "Umbrella Ltd";
    static final String INITECH = "Initech LLC";
    static final String UMBRELLA_LABEL = "customer-0042";
    /** Client ID, secret and enterprise of each tenant's Box app, and of "hr"'s. */
    static final Map<String, List<String>> APPS = Map.of(
            ACME, List.of("acme-app-c1", "acme-secret-c1", "5510071"),
            GLOBEX, List.of("globex-app-c2", "globex-secret-c2", "5510072"),
            UMBRELLA, List.of("umbrella-app-c3", "umbrella-secret-c3", "5510073"),
            INITECH, List.of("initech-app-c4", "initech-secret-c4", "5510074"),
            "hr", List.of("hr-app-c5", "hr-secret-c5", "5510075"));

    static final Map<String, BoxCredentials> DATABASE = new ConcurrentHashMap<>();
    /** The simulator's apps, by owner. */
    static final Map<String, BoxSimulator.App> REGISTERED = new ConcurrentHashMap<>();
    static OpenTelemetry openTelemetry;

    @ApplicationScoped
    public static class TenantDatabase implements BoxTenantCredentials {
        @Override
        public Optional<BoxCredentials> resolve(String tenant) {
            return Optional.ofNullable(DATABASE.get(tenant));
        }
    }

    /** Acts as MicroProfile Telemetry: the container's OpenTelemetry bean. */
    public static class OpenTelemetryProducer {
        @Produces
        OpenTelemetry openTelemetry() {
            return openTelemetry;
        }
    }

    public static class Clients {
        @Inject
        @RestClient
        BoxApis.Users users;
        @Inject
        BoxTenants tenants;
    }

    private InMemorySpanExporter spans;
    private InMemoryMetricReader metrics;
    private OpenTelemetrySdk sdk;

    @BeforeEach
    void fourCustomersAndHr() {
        APPS.forEach((owner, app) -> REGISTERED.put(owner, BOX.simulator()
                .registerApp(app.get(0), app.get(1), app.get(2)).authorizedByAdmin(!owner.equals(INITECH))));
        DATABASE.clear();
        for (String tenant : List.of(ACME, GLOBEX, UMBRELLA, INITECH)) {
            List<String> app = APPS.get(tenant);
            BoxCredentials credentials = BoxCredentials.of(app.get(0), app.get(1), BoxSubject.enterprise(app.get(2)));
            DATABASE.put(tenant, tenant.equals(UMBRELLA) ? credentials.withLabel(UMBRELLA_LABEL) : credentials);
        }
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

    static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("box.ccg.tenants", "true");
        config.put("box.ccg.token-url", BOX.simulator().tokenUrl().toString());
        config.put("box.ccg.retry.initial-backoff", "10ms");
        config.put("box.ccg.failure-cooldown.initial", "30s");
        config.put("box.ccg.hr.client-id", APPS.get("hr").get(0));
        config.put("box.ccg.hr.client-secret", APPS.get("hr").get(1));
        config.put("box.ccg.hr.enterprise-id", APPS.get("hr").get(2));
        config.put("box.ccg.hr.token-url", BOX.simulator().tokenUrl().toString());
        config.put("box/mp-rest/url", BOX.simulator().baseUrl().toString());
        return config;
    }

    private static CdiContainer start(Class<?>... serverBeans) {
        List<Class<?>> beans = new ArrayList<>(List.of(Clients.class, TenantDatabase.class));
        beans.addAll(List.of(serverBeans));
        return CdiContainer.start(config(), BoxApis.with(beans.toArray(Class<?>[]::new)));
    }

    /** Each tenant's call, Initech's refused, and one call of "hr". */
    private static void callAsEveryone(Clients clients) {
        for (String tenant : List.of(ACME, GLOBEX, UMBRELLA)) {
            assertEquals(REGISTERED.get(tenant).serviceAccount().id(),
                    BoxCalls.asTenant(tenant, () -> clients.users.me()).getString("id"), "its own token");
        }
        assertThrows(RuntimeException.class, () -> BoxCalls.asTenant(INITECH, () -> clients.users.me()));
        clients.users.meAsHr();
    }

    private static Map<String, String> labels(Clients clients) {
        Map<String, String> labels = new HashMap<>();
        for (String tenant : List.of(ACME, GLOBEX, UMBRELLA, INITECH)) {
            labels.put(tenant, clients.tenants.label(tenant).orElseThrow(() -> new AssertionError(tenant)));
        }
        return labels;
    }

    @Test
    void eachTenantsMetricsAndSpansCarryTheConfigurationAndTheTenantsLabel() {
        try (CdiContainer cdi = start(OpenTelemetryProducer.class)) {
            Clients clients = cdi.select(Clients.class);
            callAsEveryone(clients);
            Map<String, String> labels = labels(clients);
            assertTrue(labels.get(ACME).matches("t-[0-9a-f]{12}"), labels.get(ACME));
            assertTrue(labels.get(GLOBEX).matches("t-[0-9a-f]{12}"), labels.get(GLOBEX));
            assertEquals(UMBRELLA_LABEL, labels.get(UMBRELLA), "the application's own label");
            assertEquals(4, Set.copyOf(labels.values()).size(), "distinct: " + labels);

            Collection<MetricData> collected = metrics.collectAllMetrics();
            Map<Attributes, Long> expected = new HashMap<>();
            for (String tenant : List.of(ACME, GLOBEX, UMBRELLA)) {
                expected.put(tokenOf("default", labels.get(tenant)).put("box.ccg.outcome", "issued").build(), 1L);
            }
            expected.put(tokenOf("default", labels.get(INITECH)).put("box.ccg.outcome", "refused")
                    .put("error.type", "invalid_grant").build(), 1L);
            expected.put(tokenOf("hr", null).put("box.ccg.outcome", "issued").build(), 1L);
            assertEquals(expected, longPoints(metric(collected, "box.ccg.token.requests")));
            assertEquals(Map.of(tokenOf("default", labels.get(INITECH)).put("error.type", "invalid_grant").build(), 1L),
                    longPoints(metric(collected, "box.ccg.cooldowns")));

            Map<Attributes, Long> held = new HashMap<>();
            for (String tenant : List.of(ACME, GLOBEX, UMBRELLA)) {
                held.put(tokenOf("default", labels.get(tenant)).build(), 1L);
            }
            held.put(tokenOf("default", labels.get(INITECH)).build(), 0L);
            held.put(tokenOf("hr", null).build(), 1L);
            assertEquals(held, longPoints(metric(collected, "box.ccg.tokens.held")));

            Map<Attributes, Double> expiresIn = doublePoints(metric(collected, "box.ccg.token.expires_in"));
            assertEquals(5, expiresIn.size(), "four tenants and hr: " + expiresIn);
            assertEquals(0.0, expiresIn.get(expiryOf(labels.get(INITECH))));
            double acme = expiresIn.get(expiryOf(labels.get(ACME)));
            assertTrue(acme > 3000 && acme <= 3600, "seconds: " + acme);
            assertTrue(expiresIn.containsKey(Attributes.of(AttributeKey.stringKey("box.ccg.configuration"), "hr")));

            Map<String, String> spanTenants = new HashMap<>();
            for (SpanData span : spans.getFinishedSpanItems()) {
                if (span.getName().equals("box-ccg token request")) {
                    spanTenants.put(span.getAttributes().get(AttributeKey.stringKey("box.ccg.configuration")) + " "
                                    + span.getAttributes().get(AttributeKey.stringKey("box.ccg.tenant")),
                            span.getAttributes().get(AttributeKey.stringKey("box.ccg.outcome")));
                }
            }
            Map<String, String> expectedSpans = new HashMap<>();
            for (String tenant : List.of(ACME, GLOBEX, UMBRELLA)) {
                expectedSpans.put("default " + labels.get(tenant), "issued");
            }
            expectedSpans.put("default " + labels.get(INITECH), "refused");
            expectedSpans.put("hr null", "issued");
            assertEquals(expectedSpans, spanTenants, "one span per request; a tenant's carries its label");

            assertNothingRevealing(exported(metrics.collectAllMetrics(), spans.getFinishedSpanItems()));
        }
    }

    @Test
    void theSameCredentialsGiveTheSameLabelAfterARestart() {
        String first;
        try (CdiContainer cdi = start(OpenTelemetryProducer.class)) {
            Clients clients = cdi.select(Clients.class);
            callAsEveryone(clients);
            first = clients.tenants.label(ACME).orElseThrow();
        }
        try (CdiContainer cdi = start(OpenTelemetryProducer.class)) { // another runtime: another node, or a restart
            Clients clients = cdi.select(Clients.class);
            assertEquals(Optional.empty(), clients.tenants.label(ACME), "not live until used");
            BoxCalls.asTenant(ACME, () -> clients.users.me());
            assertEquals(Optional.of(first), clients.tenants.label(ACME));
        }
    }

    @Test
    void theGaugesOfAForgottenTenantAreNoLongerReported() {
        try (CdiContainer cdi = start(OpenTelemetryProducer.class)) {
            Clients clients = cdi.select(Clients.class);
            callAsEveryone(clients);
            Map<String, String> labels = labels(clients);
            assertTrue(gaugeTenants(metrics.collectAllMetrics()).contains(labels.get(ACME)));

            clients.tenants.forget(ACME);

            Collection<MetricData> after = metrics.collectAllMetrics();
            Set<String> reported = gaugeTenants(after);
            assertFalse(reported.contains(labels.get(ACME)), "forgotten: " + reported);
            assertTrue(reported.containsAll(List.of(labels.get(GLOBEX), labels.get(UMBRELLA), labels.get(INITECH))),
                    "the others stay: " + reported);
        }
    }

    @Test
    void aRecoveryFrom401IsCountedForItsTenant() {
        try (CdiContainer cdi = start(OpenTelemetryProducer.class)) {
            Clients clients = cdi.select(Clients.class);
            BoxCalls.asTenant(ACME, () -> clients.users.me());
            BOX.simulator().revokeAllTokens();
            Span caller = sdk.getTracer("test").spanBuilder("caller").startSpan();
            try (Scope ignored = caller.makeCurrent()) {
                BoxCalls.asTenant(ACME, () -> clients.users.me());
            } finally {
                caller.end();
            }
            String acme = clients.tenants.label(ACME).orElseThrow();

            Attributes recovered = Attributes.builder().put("box.ccg.configuration", "default")
                    .put("box.ccg.tenant", acme).build();
            assertEquals(Map.of(recovered, 1L),
                    longPoints(metric(metrics.collectAllMetrics(), "box.ccg.unauthorized.recoveries")));
            SpanData callerSpan = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("caller"))
                    .findFirst().orElseThrow();
            assertEquals(List.of(recovered), callerSpan.getEvents().stream()
                    .filter(event -> event.getName().equals("box-ccg.unauthorized_recovery"))
                    .map(EventData::getAttributes).toList(), "the event on the caller's span names the tenant");
            assertNothingRevealing(exported(metrics.collectAllMetrics(), spans.getFinishedSpanItems()));
        }
    }

    @Test
    void microProfileMetricsTagEveryMetricWithTheTenantNoneWhereThereIsNone() {
        TelemetryLookupTest.openTelemetry = OpenTelemetry.noop(); // no OpenTelemetry metrics: MicroProfile Metrics
        TelemetryLookupTest.RecordingRegistry registry = new TelemetryLookupTest.RecordingRegistry();
        TelemetryLookupTest.registry = registry;
        try (CdiContainer cdi = start(TelemetryLookupTest.ServerBeans.class)) {
            Clients clients = cdi.select(Clients.class);
            callAsEveryone(clients);
            Map<String, String> labels = labels(clients);

            assertEquals(1, registry.count("box.ccg.token.requests", Map.of("configuration", "default",
                    "tenant", labels.get(ACME), "subject_type", "enterprise", "outcome", "issued",
                    "error_type", "none")));
            assertEquals(1, registry.count("box.ccg.token.requests", Map.of("configuration", "default",
                    "tenant", labels.get(INITECH), "subject_type", "enterprise", "outcome", "refused",
                    "error_type", "invalid_grant")));
            assertEquals(1, registry.count("box.ccg.token.requests", Map.of("configuration", "hr",
                    "tenant", "none", "subject_type", "enterprise", "outcome", "issued", "error_type", "none")));
            assertEquals(1L, registry.gauge("box.ccg.tokens.held", Map.of("configuration", "default",
                    "tenant", labels.get(ACME), "subject_type", "enterprise")).longValue());
            assertEquals(0L, registry.gauge("box.ccg.tokens.held", Map.of("configuration", "default",
                    "tenant", labels.get(INITECH), "subject_type", "enterprise")).longValue());
            double acme = registry.gauge("box.ccg.token.expires_in", Map.of("configuration", "default",
                    "tenant", labels.get(ACME))).doubleValue();
            assertTrue(acme > 3000 && acme <= 3600, "seconds: " + acme);
            assertEquals(Set.of("configuration", "subject_type", "tenant", "outcome", "error_type"),
                    registry.tagNames.get("box.ccg.token.requests"));
            assertEquals(Set.of("configuration", "subject_type", "tenant"),
                    registry.tagNames.get("box.ccg.tokens.held"));
            assertEquals(Set.of("configuration", "tenant"), registry.tagNames.get("box.ccg.token.expires_in"));
            assertEquals(Set.of("configuration", "subject_type", "tenant", "error_type"),
                    registry.tagNames.get("box.ccg.cooldowns"));

            clients.tenants.forget(ACME);
            List<String> acmeGauges = registry.gauges.keySet().stream()
                    .filter(gauge -> gauge.contains(labels.get(ACME))).toList();
            assertEquals(List.of(), acmeGauges, "a forgotten tenant's gauges are removed");
            assertEquals(1L, registry.gauge("box.ccg.tokens.held", Map.of("configuration", "default",
                    "tenant", labels.get(GLOBEX), "subject_type", "enterprise")).longValue(), "the others stay");
            assertNothingRevealing(List.copyOf(registry.tagValues));
        }
        assertTrue(registry.gauges.isEmpty(), "all gauges go with the application: " + registry.gauges.keySet());
    }

    private static AttributesBuilderLike tokenOf(String configuration, String tenant) {
        return new AttributesBuilderLike(configuration, tenant);
    }

    /** The attributes of a metric about a token of the configuration's own subject (enterprise). */
    private static final class AttributesBuilderLike {
        private final io.opentelemetry.api.common.AttributesBuilder builder = Attributes.builder();

        AttributesBuilderLike(String configuration, String tenant) {
            builder.put("box.ccg.configuration", configuration).put("box.ccg.subject.type", "enterprise");
            if (tenant != null) {
                builder.put("box.ccg.tenant", tenant);
            }
        }

        AttributesBuilderLike put(String key, String value) {
            builder.put(key, value);
            return this;
        }

        Attributes build() {
            return builder.build();
        }
    }

    private static Attributes expiryOf(String tenant) {
        return Attributes.builder().put("box.ccg.configuration", "default").put("box.ccg.tenant", tenant).build();
    }

    private static Map<Attributes, Double> doublePoints(MetricData metric) {
        Map<Attributes, Double> points = new HashMap<>();
        for (DoublePointData point : metric.getDoubleGaugeData().getPoints()) {
            points.put(point.getAttributes(), point.getValue());
        }
        return points;
    }

    /** The tenant labels of the gauges' points now. */
    private static Set<String> gaugeTenants(Collection<MetricData> collected) {
        return collected.stream()
                .filter(m -> m.getName().equals("box.ccg.tokens.held") || m.getName().equals("box.ccg.token.expires_in"))
                .flatMap(m -> m.getData().getPoints().stream())
                .map(point -> point.getAttributes().get(AttributeKey.stringKey("box.ccg.tenant")))
                .filter(label -> label != null)
                .collect(Collectors.toSet());
    }

    /** Every exported name, attribute, event and status. */
    private static List<String> exported(Collection<MetricData> collected, List<SpanData> finished) {
        List<String> exported = new ArrayList<>();
        for (MetricData metric : collected) {
            exported.add(metric.getName());
            for (PointData point : metric.getData().getPoints()) {
                point.getAttributes().forEach((key, value) -> exported.add(key.getKey() + "=" + value));
            }
        }
        for (SpanData span : finished) {
            exported.add(span.getName());
            exported.add(span.getStatus().getDescription());
            span.getAttributes().forEach((key, value) -> exported.add(key.getKey() + "=" + value));
            for (EventData event : span.getEvents()) {
                exported.add(event.getName());
                event.getAttributes().forEach((key, value) -> exported.add(key.getKey() + "=" + value));
            }
        }
        return exported;
    }

    /** No tenant key (nor a word of it), client ID, secret, enterprise ID or token; no "other" configuration. */
    static void assertNothingRevealing(List<String> exported) {
        List<String> forbidden = new ArrayList<>(List.of("Acme", "Globex", "Umbrella", "Initech", "other"));
        APPS.values().forEach(forbidden::addAll);
        forbidden.addAll(BOX.simulator().issuedTokens());
        assertFalse(BOX.simulator().issuedTokens().isEmpty(), "the scan knows the tokens Box issued");
        assertTrue(exported.size() > 10, "something was exported: " + exported);
        for (String value : exported) {
            for (String secret : forbidden) {
                assertFalse(value.contains(secret), "'" + value + "' holds '" + secret + "'");
            }
        }
    }
}
