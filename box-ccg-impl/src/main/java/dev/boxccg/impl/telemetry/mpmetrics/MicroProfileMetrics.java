package dev.boxccg.impl.telemetry.mpmetrics;

import dev.boxccg.impl.runtime.BoxCcgMetric;
import dev.boxccg.impl.runtime.BoxCcgTelemetry;
import dev.boxccg.impl.runtime.MetricsRecorder;
import dev.boxccg.impl.runtime.TelemetrySource;
import dev.boxccg.impl.runtime.TokenLabels;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * box-ccg's metrics ({@link BoxCcgMetric}) through MicroProfile Metrics 5, for servers whose OpenTelemetry has no
 * metrics (Payara 6). Same names; tag names are the attribute names without {@code box.ccg.} and with {@code _} for
 * {@code .} ({@code configuration}, {@code subject_type}, {@code tenant}, {@code outcome}, {@code error_type}), as
 * MicroProfile Metrics requires. It wants one set of tag names per metric name (Payara 6 refuses another: "conflicting
 * tags"), so what OpenTelemetry leaves out is {@value #NONE} here: {@code tenant} on a token that is no tenant's
 * (every metric), {@code error_type} on a token request that succeeded. The request duration is a {@code Timer}, in
 * nanoseconds as timers are, which exporters show in seconds. A gauge is registered when its configuration, kind of
 * token or tenant is first seen, a tenant's removed when the tenant is dropped, and every one when the application
 * stops.
 *
 * <p>Called reflectively with the application's {@code MetricRegistry} bean as an {@code Object}, only after the
 * MicroProfile Metrics API was found visible.
 */
public final class MicroProfileMetrics extends MetricsRecorder {

    /** The {@code tenant} of a token that is no tenant's, and the {@code error_type} of a request that succeeded. */
    static final String NONE = "none";

    private final MetricRegistry registry;
    /** The gauges registered, with the labels they read. */
    private final Map<MetricID, TokenLabels> gauges = new ConcurrentHashMap<>();
    /** The configurations, subject types and tenants heard of so far: (configuration, subject type, tenant). */
    private final Set<List<String>> seen = ConcurrentHashMap.newKeySet();

    private MicroProfileMetrics(MetricRegistry registry, TelemetrySource source) {
        super(source);
        this.registry = registry;
    }

    /** @param registry the application's {@code org.eclipse.microprofile.metrics.MetricRegistry} */
    public static BoxCcgTelemetry metrics(Object registry, TelemetrySource source) {
        MicroProfileMetrics metrics = new MicroProfileMetrics((MetricRegistry) registry, source);
        metrics.updateGauges();
        return metrics;
    }

    @Override
    protected void increment(BoxCcgMetric metric, Map<String, String> attributes) {
        registry.counter(metadata(metric), tags(complete(metric, attributes))).inc();
        String subjectType = attributes.get(BoxCcgMetric.SUBJECT_TYPE);
        // Not on a renewal: the engine counts it holding the lock of its key, and the gauges read every key's state.
        // A renewal's labels were seen at that key's first request anyway.
        if (subjectType != null && metric != BoxCcgMetric.TOKEN_RENEWALS && seen.add(Arrays.asList(attributes.get(BoxCcgMetric.CONFIGURATION), subjectType,
                attributes.get(BoxCcgMetric.TENANT)))) {
            updateGauges(); // reads every key's state: only when a configuration, kind of token or tenant is new
        }
    }

    @Override
    protected void recordDuration(Duration duration, Map<String, String> attributes) {
        BoxCcgMetric metric = BoxCcgMetric.TOKEN_REQUEST_DURATION;
        registry.timer(metadata(metric), tags(complete(metric, attributes))).update(duration);
    }

    @Override
    public void tenantsDropped() {
        updateGauges();
    }

    @Override
    public synchronized void close() {
        gauges.keySet().forEach(registry::remove);
        gauges.clear();
    }

    /**
     * Registers the gauges of configurations, subject types and tenants not seen before, and removes those of tenants
     * no longer live; a gauge reads the runtime when read.
     */
    private synchronized void updateGauges() {
        Map<TokenLabels, Long> held = source.tokensHeld();
        Set<List<String>> liveTenants = new HashSet<>();
        for (TokenLabels labels : held.keySet()) {
            liveTenants.add(Arrays.asList(labels.configuration(), labels.tenant()));
            register(BoxCcgMetric.TOKENS_HELD, attributes(labels), labels,
                    () -> source.tokensHeld().getOrDefault(labels, 0L));
        }
        for (TokenLabels labels : source.secondsUntilExpiry().keySet()) {
            register(BoxCcgMetric.TOKEN_EXPIRES_IN, expiryAttributes(labels), labels,
                    () -> source.secondsUntilExpiry().getOrDefault(labels, 0.0));
        }
        gauges.entrySet().removeIf(gauge -> {
            TokenLabels labels = gauge.getValue();
            boolean gone = labels.tenant() != null
                    && !liveTenants.contains(Arrays.asList(labels.configuration(), labels.tenant()));
            if (gone) {
                registry.remove(gauge.getKey());
            }
            return gone;
        });
        seen.removeIf(labels -> labels.get(2) != null && !liveTenants.contains(List.of(labels.get(0), labels.get(2))));
    }

    private void register(BoxCcgMetric metric, Map<String, String> attributes, TokenLabels labels,
                          Supplier<Number> value) {
        Tag[] tags = tags(complete(metric, attributes));
        MetricID id = new MetricID(metric.metricName(), tags);
        if (gauges.putIfAbsent(id, labels) == null) {
            registry.gauge(metadata(metric), value, tags);
        }
    }

    /**
     * MicroProfile Metrics refuses a second set of tag names under one name, so every metric carries
     * {@code tenant} ({@value #NONE} on a token that is no tenant's), and the requests and their durations
     * {@code error_type} ({@value #NONE} when the request succeeded).
     */
    private static Map<String, String> complete(BoxCcgMetric metric, Map<String, String> attributes) {
        Map<String, String> complete = new LinkedHashMap<>(attributes);
        complete.putIfAbsent(BoxCcgMetric.TENANT, NONE);
        if (metric == BoxCcgMetric.TOKEN_REQUESTS || metric == BoxCcgMetric.TOKEN_REQUEST_DURATION) {
            complete.putIfAbsent(BoxCcgMetric.ERROR_TYPE, NONE);
        }
        return complete;
    }

    /**
     * A timer records nanoseconds and its exporter turns them into seconds from the unit in its metadata: declared
     * in seconds, Payara 6 showed nanoseconds under a {@code _seconds} name. So the timer keeps the nanoseconds unit
     * a timer has by default; a gauge in seconds says seconds.
     */
    private static Metadata metadata(BoxCcgMetric metric) {
        String unit = metric == BoxCcgMetric.TOKEN_REQUEST_DURATION ? MetricUnits.NANOSECONDS
                : "s".equals(metric.unit()) ? MetricUnits.SECONDS : MetricUnits.NONE;
        return Metadata.builder().withName(metric.metricName()).withDescription(metric.description())
                .withUnit(unit).build();
    }

    private static Tag[] tags(Map<String, String> attributes) {
        return attributes.entrySet().stream().map(a -> new Tag(tagName(a.getKey()), a.getValue())).toArray(Tag[]::new);
    }

    /** {@code box.ccg.subject.type} → {@code subject_type}: MicroProfile Metrics allows letters, digits and _. */
    static String tagName(String attribute) {
        String name = attribute.startsWith("box.ccg.") ? attribute.substring("box.ccg.".length()) : attribute;
        return name.replace('.', '_');
    }
}
