package dev.boxccg.it;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector just big enough for the tests: an OTLP/HTTP receiver in the test JVM (the JDK's
 * {@code HttpServer} on a random port of 127.0.0.1) that accepts {@code POST /v1/metrics} and {@code POST /v1/traces},
 * keeps every body as it arrived after undoing {@code Content-Encoding: gzip}, and answers 200 with an empty body of
 * the request's content type (an empty protobuf message is zero bytes: "everything accepted").
 *
 * <p>The server exports what its MicroProfile Telemetry (OpenTelemetry SDK) collects: the tests decode the bodies with
 * the OTLP protobuf classes ({@link #metricRequests()}, {@link #traceRequests()}) to check names and attributes,
 * and scan the raw bytes ({@link #anyExportContains(String)}) to prove a secret or token was exported nowhere,
 * whatever field it could have hidden in.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** What was exported, where to. */
    public enum Signal {
        METRICS("/v1/metrics"), TRACES("/v1/traces");

        private final String path;

        Signal(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** One export request as it arrived: its signal, content type and (decompressed) body. */
    public record Export(Signal signal, String contentType, byte[] body) {

        /** @return whether the body is OTLP protobuf (the default) rather than OTLP JSON */
        public boolean protobuf() {
            return contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json");
        }
    }

    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Export> exports = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    private OtlpReceiver(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** @return a receiver listening on a random port of 127.0.0.1 */
    public static OtlpReceiver start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the OTLP receiver's port", e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "otlp-receiver");
            thread.setDaemon(true);
            return thread;
        });
        OtlpReceiver receiver = new OtlpReceiver(server, threads);
        server.createContext("/", receiver::handle);
        server.setExecutor(threads);
        server.start();
        return receiver;
    }

    /** @return what to give {@code otel.exporter.otlp.endpoint}: {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Signal signal = null;
            for (Signal candidate : Signal.values()) {
                if (candidate.path().equals(path)) {
                    signal = candidate;
                }
            }
            if (signal == null || !"POST".equals(exchange.getRequestMethod())) {
                synchronized (this) {
                    refused.add(exchange.getRequestMethod() + " " + path);
                }
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY);
            }
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = unzipped.readNBytes(MAX_BODY);
                }
            }
            synchronized (this) {
                exports.add(new Export(signal, contentType, body));
                notifyAll();
            }
            exchange.getResponseHeaders().set("Content-Type",
                    contentType == null ? "application/x-protobuf" : contentType);
            byte[] answer = contentType != null && contentType.contains("json")
                    ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** @return every export received so far, in order of arrival */
    public synchronized List<Export> exports() {
        return List.copyOf(exports);
    }

    /** @return the requests this receiver answered 404 (another path, another method), e.g. {@code POST /v1/logs} */
    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    /** Forgets what was received so far (a scenario's own exports then start from nothing). */
    public synchronized void clear() {
        exports.clear();
        refused.clear();
    }

    /** @return the metric exports received so far, decoded */
    public List<ExportMetricsServiceRequest> metricRequests() {
        List<ExportMetricsServiceRequest> decoded = new ArrayList<>();
        for (Export export : exports(Signal.METRICS)) {
            try {
                decoded.add(ExportMetricsServiceRequest.parseFrom(export.body()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("An export to /v1/metrics is not OTLP protobuf", e);
            }
        }
        return decoded;
    }

    /** @return the trace exports received so far, decoded */
    public List<ExportTraceServiceRequest> traceRequests() {
        List<ExportTraceServiceRequest> decoded = new ArrayList<>();
        for (Export export : exports(Signal.TRACES)) {
            try {
                decoded.add(ExportTraceServiceRequest.parseFrom(export.body()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("An export to /v1/traces is not OTLP protobuf", e);
            }
        }
        return decoded;
    }

    /** One data point of an exported metric, flattened: what the assertions need. */
    public record MetricPoint(String service, String name, String unit, Map<String, String> attributes,
                              double value) {
    }

    /** One exported span, flattened. */
    public record SpanSeen(String service, String name, String kind, Map<String, String> attributes) {
    }

    /**
     * @return every data point of every metric exported so far, with its resource's {@code service.name}; a sum's or
     *         gauge's value is its value, a histogram's its count
     */
    public List<MetricPoint> metricPoints() {
        List<MetricPoint> points = new ArrayList<>();
        for (ExportMetricsServiceRequest request : metricRequests()) {
            for (ResourceMetrics resource : request.getResourceMetricsList()) {
                String service = attributes(resource.getResource().getAttributesList()).get("service.name");
                for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                    for (Metric metric : scope.getMetricsList()) {
                        List<NumberDataPoint> numbers = metric.hasSum() ? metric.getSum().getDataPointsList()
                                : metric.hasGauge() ? metric.getGauge().getDataPointsList() : List.of();
                        for (NumberDataPoint point : numbers) {
                            double value = point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
                                    ? point.getAsInt() : point.getAsDouble();
                            points.add(new MetricPoint(service, metric.getName(), metric.getUnit(),
                                    attributes(point.getAttributesList()), value));
                        }
                        if (metric.hasHistogram()) {
                            for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                                points.add(new MetricPoint(service, metric.getName(), metric.getUnit(),
                                        attributes(point.getAttributesList()), point.getCount()));
                            }
                        }
                    }
                }
            }
        }
        return points;
    }

    /** @return every span exported so far, with its resource's {@code service.name} */
    public List<SpanSeen> spans() {
        List<SpanSeen> spans = new ArrayList<>();
        for (ExportTraceServiceRequest request : traceRequests()) {
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = attributes(resource.getResource().getAttributesList()).get("service.name");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        spans.add(new SpanSeen(service, span.getName(), span.getKind().name(),
                                attributes(span.getAttributesList())));
                    }
                }
            }
        }
        return spans;
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new TreeMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            map.put(attribute.getKey(), switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> Long.toString(value.getIntValue());
                case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                default -> value.toString().trim();
            });
        }
        return map;
    }

    private List<Export> exports(Signal signal) {
        List<Export> of = exports().stream().filter(export -> export.signal() == signal).toList();
        for (Export export : of) {
            if (!export.protobuf()) {
                throw new IllegalStateException("The server exported " + export.contentType() + " to "
                        + signal.path() + "; the suite configures otel.exporter.otlp.protocol=http/protobuf");
            }
        }
        return of;
    }

    /**
     * @return whether any body received holds {@code text} as UTF-8 bytes: protobuf stores every string (metric and
     *         span names, attribute keys and values) as plain UTF-8, so a secret or token exported anywhere is found
     */
    public boolean anyExportContains(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return exports().stream().anyMatch(export -> indexOf(export.body(), needle) >= 0);
    }

    /**
     * Waits until the exports received satisfy {@code condition}, at most {@code timeout} (servers export on a timer).
     *
     * @return whether the condition was met
     */
    public boolean await(Predicate<OtlpReceiver> condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                // The condition reads exports() (synchronized too, reentrant): evaluated while holding the lock, it
                // cannot miss an export that arrives between the test and the wait.
                if (condition.test(this)) {
                    return true;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "OTLP receiver at " + endpoint();
    }
}
