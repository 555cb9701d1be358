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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * box-ccg's metrics ({@link BoxCcgMetric}) through MicroProfile Metrics 5, for servers whose OpenTelemetry has no
 * metrics (Payara 6). Same names; tag names are the attribute names without {@code box.ccg.} and with {@code _} for
 * {@code .} ({@code configuration}, {@code subject_type}, {@code outcome}, {@code error_type}), as MicroProfile
 * Metrics requires; {@code error_type} is {@code none} on a token request that succeeded, since MicroProfile Metrics
 * wants one set of tag names per metric. The request duration is a {@code Timer}, in nanoseconds as timers are, which
 * exporters show in seconds. A gauge is registered when its configuration is first
 * seen, and removed when the application stops.
 *
 * <p>Called reflectively with the application's {@code MetricRegistry} bean as an {@code Object}, only after the
 * MicroProfile Metrics API was found visible.
 */
public final class MicroProfileMetrics extends MetricsRecorder {

    /** The {@code error_type} of a token request that succeeded. */
    static final String NO_ERROR = "none";

    private final MetricRegistry registry;
    private final Set<MetricID> gauges = ConcurrentHashMap.newKeySet();
    /** The configurations and subject types heard of so far. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    private MicroProfileMetrics(MetricRegistry registry, TelemetrySource source) {
        super(source);
        this.registry = registry;
    }

    /** @param registry the application's {@code org.eclipse.microprofile.metrics.MetricRegistry} */
    public static BoxCcgTelemetry metrics(Object registry, TelemetrySource source) {
        MicroProfileMetrics metrics = new MicroProfileMetrics((MetricRegistry) registry, source);
        metrics.registerNewGauges();
        return metrics;
    }

    @Override
    protected void increment(BoxCcgMetric metric, Map<String, String> attributes) {
        registry.counter(metadata(metric), tags(withErrorType(metric, attributes))).inc();
        String subjectType = attributes.get(BoxCcgMetric.SUBJECT_TYPE);
        if (subjectType != null && seen.add(attributes.get(BoxCcgMetric.CONFIGURATION) + " " + subjectType)) {
            registerNewGauges(); // reads every key's state: only when a configuration or kind of token is new
        }
    }

    @Override
    protected void recordDuration(Duration duration, Map<String, String> attributes) {
        registry.timer(metadata(BoxCcgMetric.TOKEN_REQUEST_DURATION),
                tags(withErrorType(BoxCcgMetric.TOKEN_REQUEST_DURATION, attributes))).update(duration);
    }

    @Override
    public void close() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    /** Registers the gauges of configurations and subject types not seen before; they read the runtime when read. */
    private void registerNewGauges() {
        for (TokenLabels labels : source.tokensHeld().keySet()) {
            Tag[] tags = tags(attributes(labels));
            if (gauges.add(new MetricID(BoxCcgMetric.TOKENS_HELD.metricName(), tags))) {
                registry.gauge(metadata(BoxCcgMetric.TOKENS_HELD),
                        () -> source.tokensHeld().getOrDefault(labels, 0L), tags);
            }
        }
        for (String configuration : source.secondsUntilExpiry().keySet()) {
            Tag[] tags = {new Tag(tagName(BoxCcgMetric.CONFIGURATION), configuration)};
            if (gauges.add(new MetricID(BoxCcgMetric.TOKEN_EXPIRES_IN.metricName(), tags))) {
                registry.gauge(metadata(BoxCcgMetric.TOKEN_EXPIRES_IN),
                        () -> source.secondsUntilExpiry().getOrDefault(configuration, 0.0), tags);
            }
        }
    }

    /**
     * MicroProfile Metrics refuses a second set of tag names under one name (Payara 6: "conflicting tags"), so a
     * request that succeeded carries {@code error_type="none"} beside the refused ones' {@code error_type}.
     */
    private static Map<String, String> withErrorType(BoxCcgMetric metric, Map<String, String> attributes) {
        if (metric != BoxCcgMetric.TOKEN_REQUESTS && metric != BoxCcgMetric.TOKEN_REQUEST_DURATION
                || attributes.containsKey(BoxCcgMetric.ERROR_TYPE)) {
            return attributes;
        }
        Map<String, String> withNone = new LinkedHashMap<>(attributes);
        withNone.put(BoxCcgMetric.ERROR_TYPE, NO_ERROR);
        return withNone;
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
