package dev.boxccg.benchmarks.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny loopback stand-in for Box's {@code GET /2.0/users/me}: answers 200 with a fixed user when the request has a
 * bearer token, 401 otherwise. Used instead of the (WireMock-based) simulator where the server's own cost would hide
 * the client's: it answers in a few microseconds, so a client-side difference shows.
 */
public final class UsersMeServer implements AutoCloseable {

    static final byte[] USER = ("{\"type\":\"user\",\"id\":\"9001\",\"name\":\"bench-client Service Account\","
            + "\"login\":\"AutomationUser_9001@boxdevedition.com\",\"created_at\":\"2026-01-01T00:00:00-08:00\","
            + "\"modified_at\":\"2026-01-01T00:00:00-08:00\",\"language\":\"en\",\"timezone\":\"America/Los_Angeles\","
            + "\"space_amount\":10737418240,\"space_used\":0,\"max_upload_size\":2147483648,\"status\":\"active\","
            + "\"job_title\":\"\",\"phone\":\"\",\"address\":\"\",\"avatar_url\":\"\"}").getBytes(StandardCharsets.UTF_8);

    static {
        // Without it the JDK's server writes headers and body as two small TCP segments under Nagle's algorithm, and
        // the client's delayed ACK holds every response about 40 ms. Read once, when the server class initializes.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private UsersMeServer(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "users-me-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/2.0/users/me", UsersMeServer::answer);
        server.start();
    }

    public static UsersMeServer start(int threads) {
        try {
            return new UsersMeServer(threads);
        } catch (IOException e) {
            throw new IllegalStateException("Could not listen on 127.0.0.1", e);
        }
    }

    /** @return {@code http://127.0.0.1:PORT}, the base of {@code /2.0/users/me} */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, USER.length);
            out.write(USER);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
