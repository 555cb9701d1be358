package dev.boxccg.it;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test JVM's OTLP receiver, fed by hand with what an OpenTelemetry SDK's OTLP/HTTP exporter sends. */
class OtlpReceiverTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final OtlpReceiver receiver = OtlpReceiver.start();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void decodesGzippedMetricsAndAnswersAnEmptyProtobuf() throws Exception {
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "box-ccg-it")))
                        .addScopeMetrics(ScopeMetrics.newBuilder()
                                .addMetrics(Metric.newBuilder().setName("box.ccg.token.requests").setUnit("{request}")
                                        .setSum(Sum.newBuilder().setIsMonotonic(true)
                                                .setAggregationTemporality(
                                                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                                                .addDataPoints(NumberDataPoint.newBuilder().setAsInt(3)
                                                        .addAttributes(attribute("box.ccg.outcome", "success")))))
                                .addMetrics(Metric.newBuilder().setName("box.ccg.token.request.duration").setUnit("s")
                                        .setHistogram(Histogram.newBuilder().addDataPoints(
                                                HistogramDataPoint.newBuilder().setCount(2).setSum(0.25))))))
                .build();

        HttpResponse<byte[]> answer = post("/v1/metrics", gzip(request.toByteArray()), true);

        assertEquals(200, answer.statusCode());
        assertEquals(0, answer.body().length, "an empty ExportMetricsServiceResponse");
        assertEquals("application/x-protobuf", answer.headers().firstValue("Content-Type").orElse(null));
        assertEquals(List.of(
                new OtlpReceiver.MetricPoint("box-ccg-it", "box.ccg.token.requests", "{request}",
                        Map.of("box.ccg.outcome", "success"), 3),
                new OtlpReceiver.MetricPoint("box-ccg-it", "box.ccg.token.request.duration", "s", Map.of(), 2)),
                receiver.metricPoints());
        assertTrue(receiver.anyExportContains("box.ccg.outcome"), "the gzip was undone before the bytes were kept");
        assertFalse(receiver.anyExportContains("box.ccg.outcome=failure"));
    }

    @Test
    void decodesSpansAndRefusesOtherSignals() throws Exception {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "box-ccg-it")))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder()
                                .setName("box-ccg token request").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                                .addAttributes(attribute("box.ccg.configuration", "hr")))))
                .build();

        assertEquals(200, post("/v1/traces", request.toByteArray(), false).statusCode());
        assertEquals(404, post("/v1/logs", new byte[0], false).statusCode());

        assertEquals(List.of(new OtlpReceiver.SpanSeen("box-ccg-it", "box-ccg token request", "SPAN_KIND_CLIENT",
                Map.of("box.ccg.configuration", "hr"))), receiver.spans());
        assertEquals(List.of("POST /v1/logs"), receiver.refused());
        assertTrue(receiver.await(r -> r.spans().size() == 1, Duration.ZERO));
        assertFalse(receiver.await(r -> r.spans().size() == 2, Duration.ZERO));
        receiver.clear();
        assertEquals(List.of(), receiver.exports());
    }

    private HttpResponse<byte[]> post(String path, byte[] body, boolean gzipped) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(receiver.endpoint().resolve(path))
                .header("Content-Type", "application/x-protobuf")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzipped) {
            request.header("Content-Encoding", "gzip");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
