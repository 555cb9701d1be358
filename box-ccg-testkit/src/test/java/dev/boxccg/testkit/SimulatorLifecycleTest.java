package dev.boxccg.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorLifecycleTest {

    @Test
    void listensOnLoopbackAtARandomPort() throws IOException {
        try (BoxSimulator first = BoxSimulator.start(); BoxSimulator second = BoxSimulator.start()) {
            assertNotEquals(first.port(), second.port());
            assertEquals(URI.create("http://127.0.0.1:" + first.port()), first.baseUrl());
            assertEquals(URI.create("http://127.0.0.1:" + first.port() + "/oauth2/token"), first.tokenUrl());
            assertEquals(URI.create("http://127.0.0.1:" + first.port() + "/oauth2/revoke"), first.revokeUrl());
            assertEquals(401, new BoxHttp(first).get("/2.0/users/me", null).statusCode());
        }
    }

    @Test
    void listensOnTheGivenPortWithFewThreads() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (BoxSimulator box = BoxSimulator.builder().port(port).containerThreads(8).start()) {
            assertEquals(port, box.port());
            BoxSimulator.App app = TestApps.register(box);
            new BoxHttp(box).token(app.clientId(), TestApps.SECRET, "enterprise", app.enterpriseId());
        }
    }

    @Test
    void aPortInUseFailsWithTheReasonNotWithTheFailedStop() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            BoxSimulator.Builder builder = BoxSimulator.builder().port(taken.getLocalPort());

            RuntimeException e = assertThrows(RuntimeException.class, builder::start);
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertTrue(cause instanceof java.net.BindException, () -> "the cause is the bind failure: " + e);
        }
    }

    @Test
    void stopsOnceAndForAll() {
        BoxSimulator box = BoxSimulator.builder().tokenLifetime(Duration.ofMinutes(5)).start();
        BoxHttp http = new BoxHttp(box);

        box.stop();
        box.close();

        assertThrows(ConnectException.class, () -> http.get("/2.0/users/me", null));
        assertTrue(box.toString().endsWith(", stopped]"), box::toString);
    }

    @Test
    void refusesInvalidSettings() {
        BoxSimulator.Builder builder = BoxSimulator.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.port(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.port(65_536));
        assertThrows(IllegalArgumentException.class, () -> builder.containerThreads(7));
        assertThrows(IllegalArgumentException.class, () -> builder.tokenLifetime(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> builder.clock(null));
    }
}
