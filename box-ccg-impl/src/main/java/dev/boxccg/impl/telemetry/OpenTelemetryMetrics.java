package dev.boxccg.impl.telemetry;

import dev.boxccg.impl.runtime.BoxCcgMetric;
import dev.boxccg.impl.runtime.MetricsRecorder;
import dev.boxccg.impl.runtime.TelemetrySource;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * box-ccg's metrics ({@link BoxCcgMetric}) through the OpenTelemetry metrics API. The gauges are observed when the
 * SDK collects, from the runtime's state; {@link #close()} stops that when the application stops.
 */
final class OpenTelemetryMetrics extends MetricsRecorder {

    /**
     * Bucket boundaries, in seconds, for the request duration: OpenTelemetry's advice for HTTP client durations. The
     * SDK's default boundaries (0 to 10,000) suit milliseconds and would put every request in the first bucket.
     */
    static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0, 30.0, 60.0);
    private static final System.Logger LOG = System.getLogger(OpenTelemetryMetrics.class.getName());

    private final Map<BoxCcgMetric, LongCounter> counters = new EnumMap<>(BoxCcgMetric.class);
    private final DoubleHistogram duration;
    private final List<AutoCloseable> observers = new ArrayList<>();

    OpenTelemetryMetrics(Meter meter, TelemetrySource source) {
        super(source);
        for (BoxCcgMetric metric : BoxCcgMetric.values()) {
            if (metric.kind() == BoxCcgMetric.Kind.COUNTER) {
                counters.put(metric, meter.counterBuilder(metric.metricName()).setUnit(metric.unit())
                        .setDescription(metric.description()).build());
            }
        }
        BoxCcgMetric requestDuration = BoxCcgMetric.TOKEN_REQUEST_DURATION;
        DoubleHistogramBuilder histogram = meter.histogramBuilder(requestDuration.metricName())
                .setUnit(requestDuration.unit()).setDescription(requestDuration.description());
        this.duration = withBuckets(histogram).build();
        BoxCcgMetric held = BoxCcgMetric.TOKENS_HELD;
        observers.add(meter.upDownCounterBuilder(held.metricName()).setUnit(held.unit())
                .setDescription(held.description())
                .buildWithCallback(measurement -> source.tokensHeld().forEach((labels, count) ->
                        measurement.record(count, attributes(attributes(labels))))));
        BoxCcgMetric expiresIn = BoxCcgMetric.TOKEN_EXPIRES_IN;
        observers.add(meter.gaugeBuilder(expiresIn.metricName()).setUnit(expiresIn.unit())
                .setDescription(expiresIn.description())
                .buildWithCallback(measurement -> source.secondsUntilExpiry().forEach((labels, seconds) ->
                        measurement.record(seconds, attributes(expiryAttributes(labels))))));
    }

    @Override
    protected void increment(BoxCcgMetric metric, Map<String, String> attributes) {
        counters.get(metric).add(1, attributes(attributes));
    }

    @Override
    protected void recordDuration(Duration took, Map<String, String> attributes) {
        duration.record(took.toNanos() / 1e9, attributes(attributes));
    }

    @Override
    public void close() {
        for (AutoCloseable observer : observers) {
            try {
                observer.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "box-ccg could not stop observing a gauge: {0}", e.toString());
            }
        }
        observers.clear();
    }

    private static Attributes attributes(Map<String, String> attributes) {
        AttributesBuilder builder = Attributes.builder();
        attributes.forEach(builder::put);
        return builder.build();
    }

    /**
     * The bucket advice where the server's API has it (OpenTelemetry 1.32 and later, e.g. WildFly 39's 1.48); box-ccg
     * compiles against 1.29 (Payara's), which lacks it, hence reflection. Without it the SDK's defaults apply.
     */
    private static DoubleHistogramBuilder withBuckets(DoubleHistogramBuilder histogram) {
        try {
            Method advice = DoubleHistogramBuilder.class.getMethod("setExplicitBucketBoundariesAdvice", List.class);
            return (DoubleHistogramBuilder) advice.invoke(histogram, DURATION_BUCKETS);
        } catch (NoSuchMethodException e) {
            return histogram;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "box-ccg could not advise duration buckets: {0}", e.toString());
            return histogram;
        }
    }
}
