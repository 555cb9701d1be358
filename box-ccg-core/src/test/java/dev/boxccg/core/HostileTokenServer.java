package dev.boxccg.core;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A tiny HTTP/1.1 token endpoint on 127.0.0.1 that misbehaves at the byte level: answers that stall mid-body, drip
 * one byte at a time, promise more bytes than they send, send headers and then nothing, or never answer at all.
 *
 * <p>Each request is read completely (request line, headers, {@code Content-Length} body, the form parsed), then
 * served by a {@link Behaviour}: the {@linkplain #route router}'s choice if it makes one, else the next one
 * {@linkplain #enqueue queued}, else the {@linkplain #setDefault default} ({@link #ok(long)} unless set).
 *
 * <p>Connections are served by at most {@link #MAX_CONNECTIONS} daemon threads; a connection past that is closed at
 * once. {@link #close()} closes the listening socket and every connection, so every behaviour, however hostile, ends
 * promptly.
 */
final class HostileTokenServer implements AutoCloseable {

    static final int MAX_CONNECTIONS = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the server does with one request. Runs on the connection's handler thread. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Exchange exchange) throws IOException, InterruptedException;
    }

    /**
     * One request as the server read it.
     *
     * @param number        1 for the first request the server read, counting all subjects
     * @param subjectNumber 1 for the first request for this subject ({@code box_subject_type:box_subject_id})
     * @param form          the form-encoded body, decoded
     */
    record Request(int number, int subjectNumber, String method, String path, Map<String, String> form) {

        String subjectType() {
            return form.getOrDefault("box_subject_type", "");
        }

        String subjectId() {
            return form.getOrDefault("box_subject_id", "");
        }

        String subjectKey() {
            return subjectType() + ":" + subjectId();
        }
    }

    private final ServerSocket listener;
    private final ThreadPoolExecutor handlers;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<Behaviour> queue = new ConcurrentLinkedQueue<>();
    private volatile Behaviour fallback = ok(3600);
    private volatile Function<Request, Behaviour> router = request -> null;

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger rejectedConnections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> requestsBySubject = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlightBySubject = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlightBySubject = new ConcurrentHashMap<>();

    private HostileTokenServer() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        AtomicInteger threads = new AtomicInteger();
        handlers = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "hostile-token-server-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        acceptor = new Thread(this::acceptLoop, "hostile-token-server-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static HostileTokenServer start() {
        try {
            return new HostileTokenServer();
        } catch (IOException e) {
            throw new IllegalStateException("Could not open a server socket on 127.0.0.1", e);
        }
    }

    URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/oauth2/token");
    }

    /** Serves the next requests with these behaviours, in order (after the router, before the default). */
    HostileTokenServer enqueue(Behaviour... behaviours) {
        for (Behaviour behaviour : behaviours) {
            queue.add(Objects.requireNonNull(behaviour));
        }
        return this;
    }

    /** Serves every request neither the router nor the queue serves. */
    HostileTokenServer setDefault(Behaviour behaviour) {
        fallback = Objects.requireNonNull(behaviour);
        return this;
    }

    /** Chooses a behaviour per request (e.g. by {@link Request#subjectId()}); returning null falls through. */
    HostileTokenServer route(Function<Request, Behaviour> router) {
        this.router = Objects.requireNonNull(router);
        return this;
    }

    /** @return how many requests the server has read */
    int requests() {
        return requests.get();
    }

    /** @return how many requests the server has read for this subject id (any subject type) */
    int requests(String subjectId) {
        return requestsBySubject.entrySet().stream()
                .filter(e -> e.getKey().endsWith(":" + subjectId))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** @return requests read per subject key {@code type:id} */
    Map<String, Integer> requestsBySubject() {
        Map<String, Integer> copy = new LinkedHashMap<>();
        requestsBySubject.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** @return the most requests in flight at once, all subjects together */
    int maxInFlight() {
        return maxInFlight.get();
    }

    /**
     * @return the most requests in flight at once for one subject key. A request counts as in flight from when the
     * server has read it until it starts writing the final bytes of its answer (or gives up on the connection): a
     * window always inside the client's own, so an overlap here is an overlap at the client.
     */
    Map<String, Integer> maxInFlightBySubject() {
        Map<String, Integer> copy = new LinkedHashMap<>();
        maxInFlightBySubject.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    int connections() {
        return connections.get();
    }

    int rejectedConnections() {
        return rejectedConnections.get();
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    @Override
    public void close() {
        closed.countDown();
        closeQuietly(listener);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        handlers.shutdownNow();
        try {
            acceptor.join(2000);
            if (!handlers.awaitTermination(2, TimeUnit.SECONDS)) {
                System.out.println("[hostile-server] some handler threads did not end within 2 s of close()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- behaviours

    /** A valid answer with a fresh random token; the connection is kept alive. */
    static Behaviour ok(long expiresIn) {
        return exchange -> exchange.answerOk(randomToken(), expiresIn);
    }

    /** A valid answer with this token; the connection is kept alive. */
    static Behaviour ok(String token, long expiresIn) {
        return exchange -> exchange.answerOk(token, expiresIn);
    }

    /** A valid answer with a fresh token after {@code delay}; the connection is kept alive. */
    static Behaviour okAfter(Duration delay, long expiresIn) {
        return exchange -> {
            if (exchange.pause(delay.toMillis())) {
                exchange.answerOk(randomToken(), expiresIn);
            }
        };
    }

    /** A valid answer with a fresh token after a random 1 to 5 ms; the connection is kept alive. */
    static Behaviour okAfterFewMillis(long expiresIn) {
        return exchange -> {
            if (exchange.pause(ThreadLocalRandom.current().nextInt(1, 6))) {
                exchange.answerOk(randomToken(), expiresIn);
            }
        };
    }

    /** Headers with a {@code Content-Length}, half the body, then nothing until the client or the server closes. */
    static Behaviour stallMidBody() {
        return exchange -> {
            byte[] body = tokenBody(randomToken(), 3600);
            OutputStream out = exchange.out();
            out.write(headers(200, "Content-Length: " + body.length));
            out.write(body, 0, body.length / 2);
            out.flush();
            exchange.holdUntilClosed();
        };
    }

    /**
     * A valid answer whose body (over 2 KB: the token JSON after leading white space) is sent one byte every
     * {@code intervalMillis}: at 100 ms that is several minutes.
     */
    static Behaviour drip(long intervalMillis) {
        return exchange -> {
            byte[] body = (" ".repeat(2048) + new String(tokenBody(randomToken(), 3600), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = exchange.out();
            out.write(headers(200, "Content-Length: " + body.length));
            out.flush();
            for (byte b : body) {
                if (!exchange.pause(intervalMillis)) {
                    return;
                }
                out.write(b);
                out.flush();
            }
        };
    }

    /** A {@code Content-Length} 100 bytes larger than the body sent; the connection stays open. */
    static Behaviour shortBody() {
        return exchange -> {
            byte[] body = tokenBody(randomToken(), 3600);
            OutputStream out = exchange.out();
            out.write(headers(200, "Content-Length: " + (body.length + 100)));
            out.write(body);
            out.flush();
            exchange.holdUntilClosed();
        };
    }

    /** Status line and headers (with a {@code Content-Length}), then nothing until closed. */
    static Behaviour headersThenNothing() {
        return exchange -> {
            OutputStream out = exchange.out();
            out.write(headers(200, "Content-Length: 120"));
            out.flush();
            exchange.holdUntilClosed();
        };
    }

    /** A chunked answer: one chunk with half the body, then nothing until closed. */
    static Behaviour chunkedThenNothing() {
        return exchange -> {
            byte[] body = tokenBody(randomToken(), 3600);
            int half = body.length / 2;
            OutputStream out = exchange.out();
            out.write(headers(200, "Transfer-Encoding: chunked"));
            out.write((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            exchange.holdUntilClosed();
        };
    }

    /** Reads the request and never writes a byte; the connection stays open. */
    static Behaviour acceptAndNeverAnswer() {
        return Exchange::holdUntilClosed;
    }

    /** The status line and headers one byte every {@code intervalMillis} (about 100 bytes), then a valid body. */
    static Behaviour slowHeaders(long intervalMillis) {
        return exchange -> {
            byte[] body = tokenBody(randomToken(), 3600);
            byte[] head = headers(200, "Content-Length: " + body.length);
            OutputStream out = exchange.out();
            for (byte b : head) {
                if (!exchange.pause(intervalMillis)) {
                    return;
                }
                out.write(b);
                out.flush();
            }
            exchange.answered();
            out.write(body);
            out.flush();
        };
    }

    /** Box's token answer, as its OpenAPI describes it. */
    static byte[] tokenBody(String token, long expiresIn) {
        return ("{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn
                + ",\"token_type\":\"bearer\",\"restricted_to\":[]}").getBytes(StandardCharsets.UTF_8);
    }

    static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] headers(int status, String... extra) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : " Status")
                .append("\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n");
        for (String header : extra) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- the exchange a behaviour sees

    /** One request on one connection, as a behaviour sees it. */
    final class Exchange {
        private final Request request;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final AtomicBoolean answered = new AtomicBoolean();
        private boolean keepAlive;

        private Exchange(Request request, Socket socket, InputStream in, OutputStream out) {
            this.request = request;
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        Request request() {
            return request;
        }

        OutputStream out() {
            return out;
        }

        /**
         * Waits {@code millis}, or less if the server closes.
         *
         * @return true if the server is still open
         */
        boolean pause(long millis) throws InterruptedException {
            return !closed.await(millis, TimeUnit.MILLISECONDS);
        }

        /** Blocks until the client closes the connection or the server closes; whatever the client sends is dropped. */
        void holdUntilClosed() {
            byte[] sink = new byte[512];
            try {
                while (!isClosed() && in.read(sink) >= 0) {
                    // discard
                }
            } catch (IOException e) {
                // the connection is gone
            }
        }

        /** Marks the request as no longer in flight at the server; call just before writing the final bytes. */
        void answered() {
            if (answered.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                inFlightBySubject.get(request.subjectKey()).decrementAndGet();
            }
        }

        void answerOk(String token, long expiresIn) throws IOException {
            byte[] body = tokenBody(token, expiresIn);
            byte[] head = headers(200, "Content-Length: " + body.length);
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            answered();
            out.write(all);
            out.flush();
            keepAlive = true;
        }

        @Override
        public String toString() {
            return "Exchange[" + request + ", " + socket + "]";
        }
    }

    // ---------------------------------------------------------------- plumbing

    private void acceptLoop() {
        while (!isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            sockets.add(socket);
            if (isClosed()) {
                closeQuietly(socket);
                return;
            }
            try {
                handlers.execute(() -> serveConnection(socket));
            } catch (RejectedExecutionException e) {
                rejectedConnections.incrementAndGet();
                sockets.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serveConnection(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!isClosed()) {
                Request request = readRequest(in);
                if (request == null) {
                    return; // the client closed the connection
                }
                Exchange exchange = new Exchange(request, socket, in, out);
                track(request);
                try {
                    behaviourFor(request).serve(exchange);
                } finally {
                    exchange.answered();
                }
                if (!exchange.keepAlive) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or the server closed: either way this connection is done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sockets.remove(socket);
        }
    }

    private Behaviour behaviourFor(Request request) {
        Behaviour chosen = router.apply(request);
        if (chosen == null) {
            chosen = queue.poll();
        }
        return chosen != null ? chosen : fallback;
    }

    private void track(Request request) {
        String key = request.subjectKey();
        raiseMax(maxInFlight, inFlight.incrementAndGet());
        int now = inFlightBySubject.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        raiseMax(maxInFlightBySubject.computeIfAbsent(key, k -> new AtomicInteger()), now);
    }

    private static void raiseMax(AtomicInteger max, int value) {
        max.accumulateAndGet(value, Math::max);
    }

    /** @return the request, or null if the connection ended before a request line */
    private Request readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        int contentLength = 0;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                contentLength = Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        byte[] body = in.readNBytes(contentLength);
        if (body.length < contentLength) {
            return null;
        }
        Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
        int number = requests.incrementAndGet();
        String key = form.getOrDefault("box_subject_type", "") + ":" + form.getOrDefault("box_subject_id", "");
        int subjectNumber = requestsBySubject.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return new Request(number, subjectNumber, parts[0], parts.length > 1 ? parts[1] : "", form);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() > 8192) {
                throw new IOException("request line or header longer than 8 KiB");
            }
            line.write(b);
        }
        return null;
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return "HostileTokenServer[" + tokenUrl() + ", requests=" + requests() + "]";
    }
}
