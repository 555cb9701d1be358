package dev.boxccg.impl.cdi;

import dev.boxccg.BoxTokenProvider;
import dev.boxccg.testkit.BoxSimulatorExtension;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code eager=true} and {@code eager.fail-deployment=true} in Weld SE against the Box simulator. */
class EagerTokensTest {

    private static final String SECRET = "eager-secret-41f0c";

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    public static class Tokens {
        @Inject
        BoxTokenProvider box;
    }

    private static Map<String, String> settings(String enterpriseId, String tokenUrl, String... more) {
        Map<String, String> map = new HashMap<>(Map.of(
                "box.ccg.client-id", "eager-client",
                "box.ccg.client-secret", SECRET,
                "box.ccg.enterprise-id", enterpriseId,
                "box.ccg.token-url", tokenUrl));
        for (int i = 0; i < more.length; i += 2) {
            map.put(more[i], more[i + 1]);
        }
        return map;
    }

    @Test
    void fetchesTheTokenAtStartupBeforeAnyUse() throws InterruptedException {
        BOX.simulator().registerApp("eager-client", SECRET, "800");
        try (CdiContainer cdi = CdiContainer.start(settings("800", BOX.simulator().tokenUrl().toString(),
                "box.ccg.eager", "true"), Tokens.class)) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (BOX.simulator().tokenRequests() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, BOX.simulator().tokenRequests(), "one token request before any injection is used");
            cdi.select(Tokens.class).box.token();
            assertEquals(1, BOX.simulator().tokenRequests(), "the first use found the token");
        }
    }

    @Test
    void withoutEagerNothingIsFetchedAtStartup() throws InterruptedException {
        BOX.simulator().registerApp("eager-client", SECRET, "800");
        try (CdiContainer cdi = CdiContainer.start(settings("800", BOX.simulator().tokenUrl().toString()),
                Tokens.class)) {
            Thread.sleep(300);
            assertEquals(0, BOX.simulator().tokenRequests());
        }
    }

    @Test
    void aRefusalWithFailDeploymentFailsTheStartNamingTheConfigurationAndBoxsError() {
        BOX.simulator().registerApp("eager-client", SECRET, "800");
        RuntimeException failure = assertThrows(RuntimeException.class, () -> CdiContainer.start(settings("801",
                BOX.simulator().tokenUrl().toString(), "box.ccg.eager", "true", "box.ccg.eager.fail-deployment",
                "true"), Tokens.class).close());
        String message = messages(failure);
        assertTrue(message.contains("the default Box configuration (box.ccg.*)"), message);
        assertTrue(message.contains("invalid_grant"), message);
        assertTrue(message.contains("box.ccg.eager.fail-deployment=true"), message);
        assertFalse(message.contains(SECRET), message);
    }

    @Test
    void anUnreachableBoxWithFailDeploymentStillStarts() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (CdiContainer cdi = CdiContainer.start(settings("800", "http://127.0.0.1:" + closedPort + "/oauth2/token",
                "box.ccg.eager", "true", "box.ccg.eager.fail-deployment", "true",
                "box.ccg.retry.deadline", "1s", "box.ccg.retry.initial-backoff", "100ms"), Tokens.class)) {
            assertEquals("enterprise 800", cdi.select(Tokens.class).box.subject().toString());
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
