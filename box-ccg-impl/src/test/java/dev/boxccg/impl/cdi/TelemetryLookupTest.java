package dev.boxccg.impl.cdi;

import dev.boxccg.BoxApp;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.impl.runtime.BoxCcgRuntime;
import dev.boxccg.impl.runtime.BoxCcgTelemetry;
import dev.boxccg.impl.telemetry.OpenTelemetrySupport;
import dev.boxccg.testkit.BoxSimulatorExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where box-ccg's metrics go when OpenTelemetry has none (Payara's tracing-only MicroProfile Telemetry): MicroProfile
 * Metrics, with the same names and tags an exporter accepts; and that only the adapters name an optional API, so an
 * application on a server without them never loads one.
 */
class TelemetryLookupTest {

    static final String CLIENT_ID = "mp-metrics-client";
    static final String SECRET = "mp-metrics-secret-51c";
    static final String ENTERPRISE = "64021";

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    static OpenTelemetry openTelemetry;
    static RecordingRegistry registry;

    @BeforeAll
    static void registerApp() {
        BOX.simulator().registerApp(CLIENT_ID, SECRET, ENTERPRISE);
    }

    /** Acts as a server with MicroProfile Telemetry (tracing only) and MicroProfile Metrics. */
    public static class ServerBeans {
        @Produces
        OpenTelemetry openTelemetry() {
            return openTelemetry;
        }

        /** Reads its injection point, as Payara's producer does (for {@code @RegistryScope}). */
        @Produces
        MetricRegistry metricRegistry(InjectionPoint injectionPoint) {
            injectionPoint.getAnnotated().getAnnotation(jakarta.inject.Named.class);
            return registry.proxy;
        }
    }

    public static class Tokens {
        @Inject
        BoxTokenProvider box;
        @Inject
        @BoxApp("hr")
        BoxTokenProvider hr;
    }

    private static OpenTelemetrySdk tracingOnly(InMemorySpanExporter spans) {
        return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    }

    @Test
    void openTelemetryMetricsCountOnlyWhenItsMeterIsNotTheNoOpOne() {
        assertFalse(OpenTelemetrySupport.hasMetrics(OpenTelemetry.noop()), "MicroProfile Telemetry disabled");
        assertFalse(OpenTelemetrySupport.hasMetrics(tracingOnly(InMemorySpanExporter.create())), "tracing only");
        OpenTelemetrySdk withMetrics = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create())
                        .build()).build();
        assertTrue(OpenTelemetrySupport.hasMetrics(withMetrics));
    }

    @Test
    void withTracingOnlyOpenTelemetryTheMetricsGoToMicroProfileMetricsAndTheSpansToOpenTelemetry() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        openTelemetry = tracingOnly(spans);
        registry = new RecordingRegistry();
        Map<String, String> config = Map.of(
                "box.ccg.client-id", CLIENT_ID,
                "box.ccg.client-secret", SECRET,
                "box.ccg.enterprise-id", ENTERPRISE,
                "box.ccg.token-url", BOX.simulator().tokenUrl().toString(),
                "box.ccg.hr.client-id", "not-registered",
                "box.ccg.hr.client-secret", SECRET,
                "box.ccg.hr.enterprise-id", ENTERPRISE,
                "box.ccg.hr.token-url", BOX.simulator().tokenUrl().toString());
        String token;
        try (CdiContainer cdi = CdiContainer.start(config, Tokens.class, ServerBeans.class)) {
            Tokens tokens = cdi.select(Tokens.class);
            token = tokens.box.token().value();
            assertThrows(BoxAuthenticationException.class, tokens.hr::token);

            assertEquals(1, registry.count("box.ccg.token.requests", Map.of("configuration", "default",
                    "tenant", "none", "subject_type", "enterprise", "outcome", "issued", "error_type", "none")),
                    "one set of tag names per metric, as MicroProfile Metrics wants: error_type none when"
                            + " issued, tenant none for a configuration's own token");
            assertEquals(1, registry.count("box.ccg.token.requests", Map.of("configuration", "hr",
                    "tenant", "none", "subject_type", "enterprise", "outcome", "refused",
                    "error_type", "invalid_client")));
            assertEquals(1, registry.count("box.ccg.cooldowns", Map.of("configuration", "hr", "tenant", "none",
                    "subject_type", "enterprise", "error_type", "invalid_client")));
            assertEquals(1, registry.timed("box.ccg.token.request.duration", Map.of("configuration", "default",
                    "tenant", "none", "subject_type", "enterprise", "outcome", "issued", "error_type", "none")));
            assertEquals("nanoseconds", registry.units.get("box.ccg.token.request.duration"),
                    "a timer records nanoseconds; the exporter shows seconds");
            assertEquals("seconds", registry.units.get("box.ccg.token.expires_in"));
            assertEquals(1L, registry.gauge("box.ccg.tokens.held",
                    Map.of("configuration", "default", "tenant", "none", "subject_type", "enterprise")).longValue());
            assertEquals(0L, registry.gauge("box.ccg.tokens.held",
                    Map.of("configuration", "hr", "tenant", "none", "subject_type", "enterprise")).longValue());
            double expiresIn = registry.gauge("box.ccg.token.expires_in",
                    Map.of("configuration", "default", "tenant", "none")).doubleValue();
            assertTrue(expiresIn > 3000 && expiresIn <= 3600, "seconds: " + expiresIn);
            assertEquals(2, spans.getFinishedSpanItems().size(), "the spans still go to OpenTelemetry");

            for (String shown : registry.tagValues) {
                for (String secret : List.of(SECRET, token, CLIENT_ID, "not-registered", ENTERPRISE)) {
                    assertFalse(shown.contains(secret), shown);
                }
            }
        }
        assertTrue(registry.gauges.isEmpty(), "the gauges, which read the runtime, are removed when it stops: "
                + registry.gauges.keySet());
    }

    @Test
    void onlyTheAdaptersNameTheOptionalApis() throws IOException, URISyntaxException {
        Path classes = Path.of(BoxCcgRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> naming = new ArrayList<>();
        int adapters = 0;
        int scanned;
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
            scanned = classFiles.size();
            for (Path file : classFiles) {
                String relative = classes.relativize(file).toString().replace('\\', '/');
                String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                boolean names = constants.contains("io/opentelemetry/")
                        || constants.contains("org/eclipse/microprofile/metrics/");
                if (names && !relative.startsWith("dev/boxccg/impl/telemetry/")) {
                    naming.add(relative);
                } else if (names) {
                    adapters++;
                }
            }
        }
        assertTrue(scanned > 30, "scanned box-ccg-impl's classes in " + classes);
        assertTrue(adapters >= 4, "the scan sees the adapters' links: " + adapters);
        assertEquals(List.of(), naming, "classes loaded without the optional APIs must not link to them");
    }

    @Test
    void withTheApisHiddenNoAdapterIsUsedThoughTheBeansExist() {
        openTelemetry = tracingOnly(InMemorySpanExporter.create());
        registry = new RecordingRegistry();
        ClassLoader test = getClass().getClassLoader();
        ClassLoader withoutApis = new ClassLoader(test) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.opentelemetry.") || name.startsWith("org.eclipse.microprofile.metrics.")) {
                    throw new ClassNotFoundException(name + " (hidden, as on a server without it)");
                }
                return super.loadClass(name, resolve);
            }
        };
        try (CdiContainer cdi = CdiContainer.start(Map.of(), ServerBeans.class)) {
            var beans = jakarta.enterprise.inject.spi.CDI.current();
            assertTrue(TelemetryLookup.lookUp(beans, test) != BoxCcgTelemetry.Factory.NONE, "visible: used");
            assertEquals(BoxCcgTelemetry.Factory.NONE, TelemetryLookup.lookUp(beans, withoutApis));
        }
    }

    /** A MicroProfile MetricRegistry that records counters, timers and gauges; nothing else is called. */
    static final class RecordingRegistry {
        final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> timers = new ConcurrentHashMap<>();
        final Map<String, Supplier<? extends Number>> gauges = new ConcurrentHashMap<>();
        final Map<String, String> units = new ConcurrentHashMap<>();
        final List<String> tagValues = new ArrayList<>();
        final MetricRegistry proxy = (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{MetricRegistry.class}, (self, method, args) -> switch (method.getName()) {
                    case "counter" -> counter((Metadata) args[0], (Tag[]) args[1]);
                    case "timer" -> timer((Metadata) args[0], (Tag[]) args[1]);
                    case "gauge" -> {
                        @SuppressWarnings("unchecked")
                        Supplier<? extends Number> value = (Supplier<? extends Number>) args[1];
                        gauges.put(key(((Metadata) args[0]).getName(), (Tag[]) args[2]), value);
                        units.put(((Metadata) args[0]).getName(), ((Metadata) args[0]).getUnit());
                        yield (Gauge<?>) value::get;
                    }
                    case "remove" -> gauges.remove(key(((MetricID) args[0]).getName(),
                            ((MetricID) args[0]).getTagsAsArray())) != null;
                    case "toString" -> "RecordingRegistry";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> throw new UnsupportedOperationException(method.toString());
                });

        /** The tag names each metric name was first used with: MicroProfile Metrics allows no other set. */
        final Map<String, java.util.Set<String>> tagNames = new ConcurrentHashMap<>();

        private synchronized String key(String name, Tag[] tags) {
            Map<String, String> sorted = new java.util.TreeMap<>();
            for (Tag tag : tags) {
                sorted.put(tag.getTagName(), tag.getTagValue());
                tagValues.add(tag.getTagValue());
            }
            java.util.Set<String> first = tagNames.putIfAbsent(name, sorted.keySet());
            if (first != null && !first.equals(sorted.keySet())) { // what Payara 6's registry throws
                throw new IllegalArgumentException("Tried to lookup a metric id with conflicting tags: " + name
                        + " " + sorted.keySet() + ", first " + first);
            }
            return name + sorted;
        }

        private Counter counter(Metadata metadata, Tag[] tags) {
            units.put(metadata.getName(), metadata.getUnit());
            AtomicLong count = counters.computeIfAbsent(key(metadata.getName(), tags), k -> new AtomicLong());
            return (Counter) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Counter.class},
                    (self, method, args) -> {
                        if (method.getName().equals("inc") && (args == null || args.length == 0)) {
                            count.incrementAndGet();
                            return null;
                        }
                        throw new UnsupportedOperationException(method.toString());
                    });
        }

        private Timer timer(Metadata metadata, Tag[] tags) {
            units.put(metadata.getName(), metadata.getUnit());
            AtomicLong count = timers.computeIfAbsent(key(metadata.getName(), tags), k -> new AtomicLong());
            return (Timer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Timer.class},
                    (self, method, args) -> {
                        if (method.getName().equals("update") && args[0] instanceof Duration) {
                            count.incrementAndGet();
                            return null;
                        }
                        throw new UnsupportedOperationException(method.toString());
                    });
        }

        long count(String name, Map<String, String> tags) {
            AtomicLong count = counters.get(name + new java.util.TreeMap<>(tags));
            return count == null ? 0 : count.get();
        }

        long timed(String name, Map<String, String> tags) {
            AtomicLong count = timers.get(name + new java.util.TreeMap<>(tags));
            return count == null ? 0 : count.get();
        }

        Number gauge(String name, Map<String, String> tags) {
            Supplier<? extends Number> value = gauges.get(name + new java.util.TreeMap<>(tags));
            if (value == null) {
                throw new AssertionError("no gauge " + name + tags + " in " + gauges.keySet());
            }
            return value.get();
        }
    }
}
