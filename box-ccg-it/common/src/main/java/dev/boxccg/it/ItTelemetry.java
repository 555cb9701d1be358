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
     * OpenTelemetry SDK on, every signal the suite reads exported to {@code receiver} over OTLP/HTTP in protobuf,
     * metrics every second and spans after 200 ms, logs not exported (the suite scans the server log itself).
     * Metrics are asked for on every server that exports over OTLP, also where the suite expects box-ccg's metrics
     * elsewhere: there the scenario checks none of box-ccg's arrive this way.
     */
    static String otelConfig(OtlpReceiver receiver) {
        return """

                # MicroProfile Telemetry, exporting to the test JVM's OTLP receiver (dev.boxccg.it.OtlpReceiver)
                otel.sdk.disabled=false
                otel.service.name=%1$s
                otel.exporter.otlp.endpoint=%2$s
                otel.exporter.otlp.protocol=http/protobuf
                otel.traces.exporter=otlp
                otel.metrics.exporter=otlp
                otel.logs.exporter=none
                otel.metric.export.interval=1000
                otel.bsp.schedule.delay=200
                """.formatted(ItDeployments.APP, receiver.endpoint());
    }
}
