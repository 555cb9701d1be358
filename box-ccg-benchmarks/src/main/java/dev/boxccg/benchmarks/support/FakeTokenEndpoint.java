package dev.boxccg.benchmarks.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.boxccg.core.BoxCcgSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The least a token endpoint can be: the JDK's HttpServer on 127.0.0.1 answering every {@code POST /oauth2/token}
 * with a token of Box's shape (32 characters, {@code expires_in}, {@code restricted_to}, {@code token_type}), made
 * from a counter. It reads no form and checks no secret. For the scale benchmarks, where 100,000 token requests must
 * take seconds, not the minutes the WireMock-based simulator would.
 */
public final class FakeTokenEndpoint implements AutoCloseable {

    static {
        // As in UsersMeServer: without it, Nagle's algorithm and delayed ACKs hold each answer about 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();
    private final long expiresInSeconds;

    private FakeTokenEndpoint(int threads, Duration tokenLifetime) throws IOException {
        this.expiresInSeconds = tokenLifetime.toSeconds();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "fake-token-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/oauth2/token", this::answer);
        server.start();
    }

    /** A fake issuing tokens that live {@code tokenLifetime} (at most a day: the engine believes no more). */
    public static FakeTokenEndpoint start(int threads, Duration tokenLifetime) {
        try {
            return new FakeTokenEndpoint(threads, tokenLifetime);
        } catch (IOException e) {
            throw new IllegalStateException("Could not listen on 127.0.0.1", e);
        }
    }

    /** Four threads, tokens living 20 hours: nothing is renewed while a benchmark measures. */
    public static FakeTokenEndpoint start() {
        return start(4, Duration.ofHours(20));
    }

    public URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token");
    }

    /** @return the token requests answered so far */
    public long requests() {
        return requests.get();
    }

    /** box-ccg's engine settings for an app at this endpoint (default refresh-ahead). */
    public BoxCcgSettings settings() {
        return BoxCcgSettings.builder()
                .tokenUrl(tokenUrl())
                .clientId("scale-client")
                .clientSecret("scale-secret-77a")
                .build();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            long n = requests.incrementAndGet();
            byte[] json = ("{\"access_token\":\"T" + String.format("%031d", n) + "\",\"expires_in\":"
                    + expiresInSeconds + ",\"restricted_to\":[],\"token_type\":\"bearer\"}")
                    .getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            out.write(json);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
