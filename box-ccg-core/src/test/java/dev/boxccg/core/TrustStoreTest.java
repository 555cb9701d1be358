package dev.boxccg.core;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The per-configuration trust store over real TLS: a token endpoint with a self-signed certificate (made by the
 * JDK's keytool at test time) is trusted only through the configured trust store.
 */
@Timeout(30)
class TrustStoreTest {

    private static final String KEY_STORE_PASSWORD = "key-store-pw-7c2e91";
    private static final String TRUST_STORE_PASSWORD = "trust-store-pw-4d8a05";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @TempDir
    static Path dir;
    private static Path keyStore;
    private static Path trustStore;

    private HttpsServer server;
    private ExecutorService serverThreads;
    private final AtomicReference<String> lastToken = new AtomicReference<>();
    private final List<BoxCcgEngine> engines = new ArrayList<>();

    @BeforeAll
    static void makeStores() throws Exception {
        keyStore = dir.resolve("server.p12");
        trustStore = dir.resolve("trust.p12");
        Path certificate = dir.resolve("server.cer");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "3",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", KEY_STORE_PASSWORD, "-keypass", KEY_STORE_PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", KEY_STORE_PASSWORD, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "box-test", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", TRUST_STORE_PASSWORD);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(dir, "keytool", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                fail("keytool " + arguments[0] + " did not finish within 20 s");
            }
            assertEquals(0, process.exitValue(), () -> "keytool " + arguments[0] + " failed: " + read(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, KEY_STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, KEY_STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/oauth2/token", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                String token = randomToken();
                lastToken.set(token);
                byte[] body = ("{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"bearer\","
                        + "\"restricted_to\":[]}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stop() {
        try {
            for (BoxCcgEngine engine : engines) {
                engine.close();
            }
        } finally {
            if (server != null) {
                server.stop(0);
            }
            if (serverThreads != null) {
                serverThreads.shutdownNow();
            }
        }
    }

    private static String randomToken() {
        SecureRandom random = new SecureRandom();
        StringBuilder token = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            token.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return token.toString();
    }

    private BoxCcgSettings.Builder settings() {
        return BoxCcgSettings.builder().clientId("tls-client").clientSecret("tls-secret")
                .tokenUrl(URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token"))
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5))
                .retry(new RetrySettings(new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)),
                        Duration.ofSeconds(2), 1));
    }

    private BoxCcgEngine engine(BoxCcgSettings settings) {
        BoxCcgEngine engine = BoxCcgEngine.builder(settings).build();
        engines.add(engine);
        return engine;
    }

    @Test
    void withoutATrustStoreTheSelfSignedEndpointIsNotTrusted() {
        BoxCcgEngine engine = engine(settings().build());
        BoxAuthenticationException failure = assertThrows(BoxAuthenticationException.class,
                () -> engine.provider(BoxSubject.enterprise("1")).token());
        assertTrue(failure.isTransient(), failure::toString);
        assertEquals(BoxAuthenticationException.NO_RESPONSE, failure.status());
        assertTrue(hasTlsCause(failure), () -> "no TLS/PKIX failure in the cause chain of " + chain(failure));
        assertEquals(null, lastToken.get(), "the server must not have answered a token request");
    }

    @Test
    void theConfiguredTrustStoreTrustsTheEndpoint() {
        BoxCcgSettings settings = settings()
                .trustStore(new TrustStoreSettings(trustStore, TRUST_STORE_PASSWORD, "PKCS12")).build();
        String token = engine(settings).provider(BoxSubject.enterprise("1")).token().value();
        assertEquals(lastToken.get(), token);
        assertEquals(32, token.length());
    }

    @Test
    void aWrongTrustStorePasswordFailsAtBuildWithoutShowingIt() {
        String wrong = "wrong-trust-pw-93b1f6";
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> settings().trustStore(new TrustStoreSettings(trustStore, wrong, "PKCS12")).build());
        String message = failure.getMessage();
        assertTrue(message.contains(trustStore.toString()), message);
        assertFalse(message.contains(wrong), message);
        assertFalse(chain(failure).contains(wrong), chain(failure));
    }

    @Test
    void theTrustStorePasswordIsASecret() {
        TrustStoreSettings store = new TrustStoreSettings(trustStore, TRUST_STORE_PASSWORD, "PKCS12");
        BoxCcgSettings settings = settings().trustStore(store).build();
        assertFalse(settings.toString().contains(TRUST_STORE_PASSWORD), settings.toString());
        assertFalse(store.toString().contains(TRUST_STORE_PASSWORD), store.toString());
        assertTrue(settings.toString().contains(trustStore.toString()), settings.toString());
    }

    private static boolean hasTlsCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException || cause instanceof CertPathValidatorException
                    || cause.getClass().getName().contains("PKIX")) {
                return true;
            }
        }
        return false;
    }

    private static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.append(cause).append(" <- ");
        }
        return text.toString();
    }
}
