package dev.boxccg.benchmarks.harness;

import dev.boxccg.benchmarks.support.BoxFixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Quarkus peer: the small Quarkus application of {@code box-ccg-benchmarks/quarkus-peer} (quarkus-oidc-client and
 * quarkus-rest-client-oidc-filter, configured as Quarkus' OIDC client guide shows), started as a subprocess for one
 * run, pointed at that run's simulator, and driven over loopback:
 * <ul>
 *   <li>{@code GET /token}: the token of an injected {@code io.quarkus.oidc.client.Tokens} (renewed in the request
 *       when expired or within {@code refresh-token-time-skew} of its end);</li>
 *   <li>{@code GET /call}: {@code GET /2.0/users/me} through a REST client with {@code @OidcClientFilter}, answering
 *       the status Box's API gave (with {@code refresh-on-unauthorized}, a 401 makes the filter's next call fetch a
 *       new token; the call itself is not retried);</li>
 *   <li>{@code GET /noop}: nothing, the loopback hop's own cost.</li>
 * </ul>
 * The application is built only by the {@code benchmark-peers} profile; when it has not been built, the harnesses
 * leave Quarkus out and say so.
 */
final class QuarkusPeer implements AutoCloseable {

    /** The system property naming the application's {@code quarkus-run.jar}, if not in its usual place. */
    static final String JAR_PROPERTY = "boxccg.quarkus-peer";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How the OIDC client is configured for a run.
     *
     * @param label           as the tables show it
     * @param timeSkew        {@code quarkus.oidc-client.refresh-token-time-skew}: renew a token this long before its end
     * @param refreshInterval {@code quarkus.oidc-client.refresh-interval}, or null: without it a token is renewed only
     *                        in a caller's request; with it, also by a periodic background check
     */
    record Configuration(String label, Duration timeSkew, Duration refreshInterval) {
    }

    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Path log;

    private QuarkusPeer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** @return the application's {@code quarkus-run.jar} if it has been built */
    static Optional<Path> application() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isRegularFile);
        }
        try {
            // benchmarks.jar is in box-ccg-benchmarks/target (or classes in target/classes when run from an IDE)
            Path location = Path.of(QuarkusPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path module = location.getParent().getParent();
            Path jar = module.resolve("quarkus-peer/target/quarkus-app/quarkus-run.jar");
            return Optional.of(jar).filter(Files::isRegularFile);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Starts the application for {@code box} with this configuration and waits until it answers. */
    static QuarkusPeer start(BoxFixture box, Configuration configuration) {
        Path jar = application().orElseThrow(() -> new IllegalStateException("The Quarkus peer has not been built"));
        int port = freePort();
        String simulator = box.simulator().baseUrl().toString().replaceAll("/$", "");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.oidc-client.auth-server-url=" + simulator,
                "-Dbox.api-url=" + simulator,
                "-Dbox.client-id=" + box.clientId(),
                "-Dbox.enterprise-id=" + box.enterpriseId(),
                "-Dbox.refresh-token-time-skew=" + configuration.timeSkew().toMillis() + "ms"));
        if (configuration.refreshInterval() != null) {
            command.add("-Dquarkus.oidc-client.refresh-interval=" + configuration.refreshInterval().toMillis() + "ms");
        }
        command.addAll(List.of("-jar", jar.toString()));
        Path log;
        try {
            log = Files.createTempFile("box-ccg-quarkus-peer-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BOX_CLIENT_SECRET", BoxFixture.SECRET); // not on the command line
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Quarkus peer", e);
        }
        QuarkusPeer peer = new QuarkusPeer(process, URI.create("http://127.0.0.1:" + port + "/"), log);
        try {
            peer.awaitStarted();
            return peer;
        } catch (RuntimeException e) {
            peer.stop(); // its log is kept: the message names it
            throw e;
        }
    }

    private void awaitStarted() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Quarkus peer exited with " + process.exitValue() + "; see " + log);
            }
            try {
                get("noop", Duration.ofSeconds(2));
                return;
            } catch (UncheckedIOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("The Quarkus peer did not answer within " + START_TIMEOUT.toSeconds()
                + " s; see " + log);
    }

    /** @return the token Quarkus' injected {@code Tokens} holds now */
    String token() {
        return get("token", CALL_TIMEOUT);
    }

    /** @return whether {@code GET /2.0/users/me} through the OIDC client filter was answered 200 */
    boolean call() {
        String status = get("call", CALL_TIMEOUT);
        if (!status.equals("200") && !status.equals("401")) {
            throw new IllegalStateException("Box's API answered " + status + " to the Quarkus peer");
        }
        return status.equals("200");
    }

    /** The loopback hop alone. */
    void noop() {
        get("noop", CALL_TIMEOUT);
    }

    private String get(String path, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            // the body may be Quarkus' error page; it is not shown, as it could carry a token
            throw new IllegalStateException("The Quarkus peer answered " + response.statusCode() + " to /" + path);
        }
        return response.body();
    }

    /**
     * The baseline for latencies measured through the peer: a client whose {@code token()} makes the same loopback
     * request to {@code /noop} and returns the one token fetched at the start (the simulator must issue hour-long
     * tokens, so that it stays valid).
     */
    static TokenClient loopbackBaseline(BoxFixture box, Configuration configuration) {
        QuarkusPeer peer = start(box, configuration);
        String token = peer.token();
        return new TokenClient() {
            @Override
            public String token() {
                peer.noop();
                return token;
            }

            @Override
            public String afterUnauthorized(String rejected) {
                return null;
            }

            @Override
            public void close() {
                peer.close();
            }
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the application and deletes its log. */
    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
