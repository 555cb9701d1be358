package dev.boxccg.impl.telemetry;

import dev.boxccg.impl.runtime.BoxCcgTelemetry;
import dev.boxccg.impl.runtime.TelemetrySource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;

/**
 * The entry to box-ccg's OpenTelemetry adapter. Called reflectively, with the container's {@code OpenTelemetry} bean
 * as an {@code Object}, and only after the OpenTelemetry API was found visible: an application on a server without it
 * never loads this package ({@code dev.boxccg.impl.cdi.TelemetryLookup}).
 */
public final class OpenTelemetrySupport {

    /** The instrumentation scope of box-ccg's tracer and meter. */
    public static final String SCOPE = "dev.boxccg";

    private OpenTelemetrySupport() {
    }

    /** @return spans of token requests and events of 401 recoveries, through {@code openTelemetry}'s tracer */
    public static BoxCcgTelemetry tracing(Object openTelemetry, TelemetrySource source) {
        return new OpenTelemetryTracing(((OpenTelemetry) openTelemetry).getTracer(SCOPE), source);
    }

    /**
     * OpenTelemetry's metrics count as available when the meter provider gives a meter that is not the API's no-op
     * meter. A server with tracing only (Payara's MicroProfile Telemetry 1.1), an SDK without a metric reader, and
     * MicroProfile Telemetry with {@code otel.sdk.disabled} left at {@code true} all give the no-op meter.
     *
     * @return true if metrics recorded through {@code openTelemetry} go somewhere
     */
    public static boolean hasMetrics(Object openTelemetry) {
        Meter meter = ((OpenTelemetry) openTelemetry).getMeterProvider().get(SCOPE);
        return meter != MeterProvider.noop().get(SCOPE);
    }

    /** @return box-ccg's metrics through {@code openTelemetry}'s meter; see {@link #hasMetrics(Object)} */
    public static BoxCcgTelemetry metrics(Object openTelemetry, TelemetrySource source) {
        return new OpenTelemetryMetrics(((OpenTelemetry) openTelemetry).getMeterProvider().get(SCOPE), source);
    }
}
