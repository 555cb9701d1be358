package dev.boxccg.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Box's {@code /oauth2/token} (Client Credentials and token exchange) and {@code /oauth2/revoke} on 127.0.0.1, on the
 * JDK's HTTP server: records every form, issues random tokens, and answers what a test scripts.
 */
final class FakeBoxOAuth implements AutoCloseable {

    /** One request as received. */
    record Received(String path, Map<String, String> form) {
        boolean isExchange() {
            return TokenRequest.TokenExchange.GRANT_TYPE.equals(form.get("grant_type"));
        }

        boolean isClientCredentials() {
            return "client_credentials".equals(form.get("grant_type"));
        }
    }

    /** A scripted answer: status and body (null body: none). */
    record Answer(int status, String body, long delayMillis) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fake-box-oauth");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final List<String> issued = Collections.synchronizedList(new ArrayList<>());
    final ConcurrentLinkedQueue<Answer> exchangeAnswers = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Answer> revokeAnswers = new ConcurrentLinkedQueue<>();
    volatile long parentExpiresIn = 3600;
    volatile long parentDelayMillis;
    volatile long exchangeExpiresIn = 3600;
    volatile long exchangeDelayMillis;
    /** Answered to every revocation not scripted in {@link #revokeAnswers}. */
    volatile Answer revokeDefault = new Answer(200, null, 0);

    FakeBoxOAuth() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/oauth2/token", this::token);
        server.createContext("/oauth2/revoke", this::revoke);
        server.start();
    }

    URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token");
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    long count(java.util.function.Predicate<Received> which) {
        return received().stream().filter(which).count();
    }

    List<Received> exchanges() {
        return received().stream().filter(Received::isExchange).toList();
    }

    List<Received> revocations() {
        return received().stream().filter(r -> r.path().endsWith("/revoke")).toList();
    }

    private void token(HttpExchange exchange) throws IOException {
        Received request = new Received(exchange.getRequestURI().getPath(), form(exchange));
        received.add(request);
        if (request.isExchange()) {
            Answer scripted = exchangeAnswers.poll();
            if (scripted != null) {
                answer(exchange, scripted);
                return;
            }
            pause(exchangeDelayMillis);
            String token = HostileTokenServer.randomToken();
            issued.add(token);
            String restricted = "[" + String.join(",", request.form().get("scope").lines()
                    .flatMap(line -> List.of(line.split(" ")).stream())
                    .map(scope -> "{\"scope\":\"" + scope + "\",\"object\":{\"type\":\"file\",\"id\":\"123\"}}")
                    .toList()) + "]";
            answer(exchange, new Answer(200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + exchangeExpiresIn
                    + ",\"token_type\":\"bearer\",\"restricted_to\":" + restricted
                    + ",\"issued_token_type\":\"" + TokenRequest.TokenExchange.ACCESS_TOKEN_TYPE + "\"}", 0));
            return;
        }
        pause(parentDelayMillis);
        String token = HostileTokenServer.randomToken();
        issued.add(token);
        answer(exchange, new Answer(200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + parentExpiresIn
                + ",\"token_type\":\"bearer\",\"restricted_to\":[]}", 0));
    }

    private void revoke(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestURI().getPath(), form(exchange)));
        Answer scripted = revokeAnswers.poll();
        answer(exchange, scripted != null ? scripted : revokeDefault);
    }

    private void answer(HttpExchange exchange, Answer answer) throws IOException {
        pause(answer.delayMillis());
        byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void pause(long millis) {
        try {
            closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.isEmpty() ? new String[0] : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
