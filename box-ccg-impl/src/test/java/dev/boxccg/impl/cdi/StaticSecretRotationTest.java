package dev.boxccg.impl.cdi;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticated;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.impl.runtime.BoxCcgRuntime;
import dev.boxccg.testkit.BoxSimulatorExtension;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secret rotation for a configuration read from MicroProfile Config: when Box refuses the secret, box-ccg reads
 * {@code box.ccg.client-secret} again, once per refusal, and switches to it if it changed. The secret lives in a
 * config source whose value the test changes, as a reloading vault or a mounted Kubernetes secret would.
 */
class StaticSecretRotationTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    static final String CLIENT_ID = "rotating-client";
    static final String ENTERPRISE = "8201";

    /** A config source whose client secret changes while the application runs, counting its reads. */
    static final class Vault implements ConfigSource {
        final Map<String, String> values = new ConcurrentHashMap<>();
        final AtomicInteger secretReads = new AtomicInteger();

        @Override
        public Set<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public String getValue(String propertyName) {
            if (propertyName.equals("box.ccg.client-secret")) {
                secretReads.incrementAndGet();
            }
            return values.get(propertyName);
        }

        @Override
        public String getName() {
            return "test-vault";
        }

        @Override
        public int getOrdinal() {
            return 500;
        }
    }

    @RegisterRestClient(configKey = "box")
    @BoxAuthenticated
    @Path("/2.0")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Users {
        @GET
        @Path("/users/me")
        JsonObject me();
    }

    public static class Clients {
        @Inject
        BoxTokenProvider tokens;
        @Inject
        @RestClient
        Users users;
    }

    private final Vault vault = new Vault();

    @BeforeEach
    void app() {
        BOX.simulator().registerApp(CLIENT_ID, "secret-one", ENTERPRISE);
        vault.values.put("box.ccg.client-secret", "secret-one");
    }

    private CdiContainer start() {
        return CdiContainer.startWithSource(vault, Map.of(
                "box.ccg.client-id", CLIENT_ID,
                "box.ccg.enterprise-id", ENTERPRISE,
                "box.ccg.token-url", BOX.simulator().tokenUrl().toString(),
                "box/mp-rest/url", BOX.simulator().baseUrl().toString()), Clients.class, Users.class);
    }

    @Test
    void aRotatedSecretIsReadAgainWhenBoxRefusesTheOldOne() {
        java.util.logging.Logger runtimeLog = java.util.logging.Logger.getLogger(BoxCcgRuntime.class.getName());
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            private final java.util.logging.Formatter format = new java.util.logging.SimpleFormatter();

            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(format.formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        runtimeLog.addHandler(capture);
        try (CdiContainer cdi = start()) {
            Clients clients = cdi.select(Clients.class);
            BoxAccessToken old = clients.tokens.token();
            BoxCcgRuntime runtime = cdi.select(BoxCcgRuntime.class);
            var oldApp = runtime.configuration("").settings().identity();

            BOX.simulator().registerApp(CLIENT_ID, "secret-two", ENTERPRISE); // rotated in the Developer Console
            vault.values.put("box.ccg.client-secret", "secret-two");         // and in the vault
            clients.tokens.invalidate(old);                                   // as a 401 of the API would

            BoxAccessToken renewed = clients.tokens.token();

            assertNotEquals(old.value(), renewed.value());
            assertEquals(3, BOX.simulator().tokenRequests("enterprise", ENTERPRISE), "issued, refused, issued");
            assertNotEquals(oldApp, runtime.configuration("").settings().identity());
            assertTrue(runtime.engine().statuses().stream().noneMatch(s -> s.key().app().equals(oldApp)),
                    "the old secret's key is forgotten, its cooldown with it");
            // The REST client goes through the same provider: no further request, the new token is sent.
            clients.users.me();
            assertEquals(renewed.authorizationHeader(), BOX.simulator().apiCalls().get(0).authorization());
            assertEquals(3, BOX.simulator().tokenRequests("enterprise", ENTERPRISE));

            // The switch is logged by configuration name only: neither secret nor any token is ever printed.
            assertTrue(logged.stream().anyMatch(line -> line.startsWith("Box refused the client secret of")),
                    "the switch is logged: " + logged);
            for (String line : logged) {
                for (String value : java.util.List.of("secret-one", "secret-two", old.value(), renewed.value())) {
                    assertTrue(!line.contains(value), "a secret or a token in the log line: " + line);
                }
            }
        } finally {
            runtimeLog.removeHandler(capture);
        }
    }

    @Test
    void anUnchangedSecretIsReadOncePerRefusalAndTheRefusalStands() {
        try (CdiContainer cdi = start()) {
            Clients clients = cdi.select(Clients.class);
            BoxAccessToken old = clients.tokens.token();
            BOX.simulator().registerApp(CLIENT_ID, "secret-three", ENTERPRISE); // rotated at Box only
            clients.tokens.invalidate(old);

            BoxAuthenticationException refused = assertThrows(BoxAuthenticationException.class,
                    clients.tokens::token);
            assertEquals(Optional.of("invalid_grant"), refused.error());
            int reads = vault.secretReads.get();
            assertThrows(BoxAuthenticationException.class, clients.tokens::token); // cooldown: the same refusal
            assertThrows(BoxAuthenticationException.class, clients.tokens::token);

            assertEquals(reads, vault.secretReads.get(), "no new read while the same refusal repeats");
            assertEquals(2, BOX.simulator().tokenRequests("enterprise", ENTERPRISE));
        }
    }
}
