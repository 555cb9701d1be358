package dev.boxccg.it;

/**
 * The test JVM's OTLP receiver ({@link OtlpReceiver}): started on first use (by the static {@code @Deployment}
 * method, which writes its endpoint into the WAR's configuration when the server exports over OTLP), on a random port
 * of 127.0.0.1; stopped when the test JVM exits.
 */
public final class ItTelemetry {

    private static OtlpReceiver receiver;

    private ItTelemetry() {
    }

    public static synchronized OtlpReceiver receiver() {
        if (receiver == null) {
            OtlpReceiver started = OtlpReceiver.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "otlp-receiver-stop"));
            receiver = started;
        }
        return receiver;
    }

    /**
     * MicroProfile Telemetry's settings for the test WAR (MicroProfile Config, as the specification reads them): the
     * OpenTelemetry SDK on, spans exported to {@code receiver} over OTLP/HTTP in protobuf after 200 ms, logs not
     * exported (the suite scans the server log itself). Metrics go over OTLP every second only where the module
     * reads them there ({@code box-ccg-it.telemetry-metrics=otlp}); elsewhere {@code otel.metrics.exporter=none}.
     * Payara 6.2025.9's OpenTelemetry SDK exports metrics too when {@code otel.metrics.exporter=otlp} is set, and
     * box-ccg records there. With {@code none} the SDK has no metric reader, its meter is the no-op one, and box-ccg
     * records to MicroProfile Metrics instead (box-ccg-it/README.md, scenario 22).
     */
    static String otelConfig(OtlpReceiver receiver) {
        return """

                # MicroProfile Telemetry, exporting to the test JVM's OTLP receiver (dev.boxccg.it.OtlpReceiver)
                otel.sdk.disabled=false
                otel.service.name=%1$s
                otel.exporter.otlp.endpoint=%2$s
                otel.exporter.otlp.protocol=http/protobuf
                otel.traces.exporter=otlp
                otel.metrics.exporter=%3$s
                otel.logs.exporter=none
                otel.metric.export.interval=1000
                otel.bsp.schedule.delay=200
                """.formatted(ItDeployments.APP, receiver.endpoint(),
                ItServer.telemetryMetrics() == ItServer.Export.OTLP ? "otlp" : "none");
    }
}
