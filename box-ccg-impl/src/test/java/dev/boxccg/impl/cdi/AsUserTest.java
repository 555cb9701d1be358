package dev.boxccg.impl.cdi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.boxccg.BoxAuthenticated;
import dev.boxccg.BoxCalls;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.client.BoxAuthenticationFilter;
import dev.boxccg.testkit.BoxSimulatorExtension;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acting as a user per call: {@link BoxCalls#asUser} and a {@code @HeaderParam("As-User")} parameter, in both
 * {@code as-user-mode}s. The simulator issues the tokens; the "Box API" is a local server that records each call's
 * {@code Authorization} and {@code As-User} headers and answers with the statuses planned by the test (200 after).
 */
class AsUserTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    static final String CLIENT_ID = "as-user-client";
    static final String SECRET = "as-user-secret-5c1";
    static final String ENTERPRISE = "900";
    static final String ALICE = "901";
    static final String BOB = "902";

    private HttpServer api;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Queue<Integer> plannedStatuses = new ConcurrentLinkedQueue<>();

    record Call(String authorization, String asUser, String thread) {
    }

    @RegisterRestClient(configKey = "api")
    @BoxAuthenticated
    @Path("/2.0/folders/0")
    public interface Folders {
        @GET
        String root();

        @GET
        String root(@HeaderParam("As-User") String userId);

        @GET
        CompletionStage<String> rootAsync();

        @GET
        CompletionStage<String> rootAsync(@HeaderParam("As-User") String userId);
    }

    public static class Clients {
        @Inject
        @RestClient
        Folders folders;
        @Inject
        BoxTokenProvider tokens;
    }

    @BeforeAll
    static void registerApp() {
        BOX.simulator().registerApp(CLIENT_ID, SECRET, ENTERPRISE)
                .addUser(ALICE, "Alice Ball", "alice@example.com")
                .addUser(BOB, "Bob Kahn", "bob@example.com");
    }

    @BeforeEach
    void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", this::answer);
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            calls.add(new Call(exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("As-User"), Thread.currentThread().getName()));
            Integer planned = plannedStatuses.poll();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(planned != null ? planned : 200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** The default configuration in the given mode, and "per-user" (same app and subject) in user-token mode. */
    private Map<String, String> config(String mode) {
        Map<String, String> config = new HashMap<>();
        for (String prefix : List.of("box.ccg.", "box.ccg.per-user.")) {
            config.put(prefix + "client-id", CLIENT_ID);
            config.put(prefix + "client-secret", SECRET);
            config.put(prefix + "enterprise-id", ENTERPRISE);
            config.put(prefix + "token-url", BOX.simulator().tokenUrl().toString());
        }
        if (mode != null) {
            config.put("box.ccg.as-user-mode", mode);
        }
        config.put("box.ccg.per-user.as-user-mode", "user-token");
        config.put("api/mp-rest/url", apiUrl());
        return config;
    }

    private String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    private CdiContainer start(String mode) {
        return CdiContainer.start(config(mode), Clients.class, Folders.class);
    }

    private static String serviceAccountRequests() {
        return "enterprise:" + BOX.simulator().tokenRequests("enterprise", ENTERPRISE);
    }

    private static int userTokenRequests(String user) {
        return BOX.simulator().tokenRequests("user", user);
    }

    private List<String> asUserHeaders() {
        return calls.stream().map(Call::asUser).toList();
    }

    @Test
    void headerModeUnderBoxCallsSendsTheServiceAccountTokenAndAsUser() {
        try (CdiContainer cdi = start(null)) { // header is the default
            Clients clients = cdi.select(Clients.class);
            assertEquals("{}", BoxCalls.asUser(ALICE, () -> clients.folders.root()));
            assertEquals(1, calls.size());
            assertEquals(ALICE, calls.get(0).asUser());
            assertEquals(clients.tokens.token().authorizationHeader(), calls.get(0).authorization());
            assertEquals("enterprise:1", serviceAccountRequests());
            assertEquals(0, userTokenRequests(ALICE));
        }
    }

    @Test
    void headerModeWithTheHeaderParameterAndNullForNoUser() {
        try (CdiContainer cdi = start("header")) {
            Clients clients = cdi.select(Clients.class);
            clients.folders.root(BOB);
            clients.folders.root(null);
            assertEquals(Arrays.asList(BOB, null), asUserHeaders());
            String serviceAccount = clients.tokens.token().authorizationHeader();
            assertEquals(List.of(serviceAccount, serviceAccount), calls.stream().map(Call::authorization).toList());
            assertEquals(0, userTokenRequests(BOB));
        }
    }

    @Test
    void theHeaderParameterWinsOverTheScope() {
        try (CdiContainer cdi = start("header")) {
            Folders folders = cdi.select(Clients.class).folders;
            BoxCalls.asUser(ALICE, () -> folders.root(BOB));
            BoxCalls.asUser(ALICE, () -> folders.root(null));
            assertEquals(List.of(BOB, ALICE), asUserHeaders());
        }
    }

    @Test
    void withoutAScopeNoAsUserHeaderIsSent() {
        try (CdiContainer cdi = start("header")) {
            cdi.select(Clients.class).folders.root();
            assertEquals(1, calls.size());
            assertNull(calls.get(0).asUser());
            assertEquals(0, userTokenRequests(ALICE) + userTokenRequests(BOB));
        }
    }

    @Test
    void userTokenModeSendsTheUsersTokenAndNoAsUserHeader() {
        try (CdiContainer cdi = start("user-token")) {
            Clients clients = cdi.select(Clients.class);
            BoxCalls.asUser(ALICE, () -> clients.folders.root());
            clients.folders.root(BOB); // the parameter too: its header is replaced by Bob's token
            assertEquals(Arrays.asList(null, null), asUserHeaders());
            assertEquals(1, userTokenRequests(ALICE));
            assertEquals(1, userTokenRequests(BOB));
            assertEquals("enterprise:0", serviceAccountRequests(), "no service-account token was needed");
            // Providers for a user share its token: these fetch nothing new.
            assertEquals(clients.tokens.forUser(ALICE).token().authorizationHeader(), calls.get(0).authorization());
            assertEquals(clients.tokens.forUser(BOB).token().authorizationHeader(), calls.get(1).authorization());
            assertEquals(1, userTokenRequests(ALICE));
            assertEquals(1, userTokenRequests(BOB));
        }
    }

    @Test
    void nestedScopesTheInnermostWinsAndTheOuterComesBack() {
        try (CdiContainer cdi = start("header")) {
            Folders folders = cdi.select(Clients.class).folders;
            BoxCalls.asUser(ALICE, () -> {
                folders.root();
                BoxCalls.asUser(BOB, () -> folders.root());
                folders.root();
            });
            folders.root();
            assertEquals(Arrays.asList(ALICE, BOB, ALICE, null), asUserHeaders());
        }
    }

    @Test
    void theScopeIsRestoredAfterACallFails() {
        try (CdiContainer cdi = start("header")) {
            Folders folders = cdi.select(Clients.class).folders;
            plannedStatuses.add(500);
            WebApplicationException e = assertThrows(WebApplicationException.class,
                    () -> BoxCalls.asUser(ALICE, () -> folders.root()));
            assertEquals(500, e.getResponse().getStatus());
            folders.root();
            assertEquals(Arrays.asList(ALICE, null), asUserHeaders());
        }
    }

    @Test
    void a401InUserTokenModeDropsTheUsersTokenAndTheRetryRunsOnceAsTheSameUser() {
        try (CdiContainer cdi = start("user-token")) {
            Folders folders = cdi.select(Clients.class).folders;
            folders.root(); // the service account's token
            String serviceAccount = calls.get(0).authorization();

            plannedStatuses.add(401);
            assertEquals("{}", BoxCalls.asUser(ALICE, () -> folders.root()));
            assertEquals(3, calls.size(), "the call as Alice and exactly one retry: " + calls);
            String rejected = calls.get(1).authorization();
            String fresh = calls.get(2).authorization();
            assertNotEquals(serviceAccount, rejected);
            assertNotEquals(rejected, fresh, "the retry got a new user token");
            assertNotEquals(serviceAccount, fresh, "the retry still acts as Alice");
            assertEquals(2, userTokenRequests(ALICE), "Alice's rejected token was dropped");

            folders.root();
            BoxCalls.asUser(ALICE, () -> folders.root());
            assertEquals(serviceAccount, calls.get(3).authorization(), "the service account's token stays");
            assertEquals(fresh, calls.get(4).authorization());
            assertEquals("enterprise:1", serviceAccountRequests());
            assertEquals(2, userTokenRequests(ALICE));
            assertEquals(Arrays.asList(null, null, null, null, null), asUserHeaders());
        }
    }

    @Test
    void a401InHeaderModeIsRetriedOnceStillAsTheUser() {
        try (CdiContainer cdi = start("header")) {
            Folders folders = cdi.select(Clients.class).folders;
            plannedStatuses.add(401);
            BoxCalls.asUser(ALICE, () -> folders.root());
            assertEquals(List.of(ALICE, ALICE), asUserHeaders());
            assertNotEquals(calls.get(0).authorization(), calls.get(1).authorization(), "a fresh token");
            assertEquals("enterprise:2", serviceAccountRequests(), "the service account's token was dropped");
            assertEquals(0, userTokenRequests(ALICE));
        }
    }

    @Test
    void aPlainJaxRsClientWithTheFilterActsAsTheUserOfTheScope() {
        try (CdiContainer cdi = start("header")) {
            BoxTokenProvider tokens = cdi.select(Clients.class).tokens;
            Client client = ClientBuilder.newClient()
                    .register(new BoxAuthenticationFilter("")); // header mode
            Client perUser = ClientBuilder.newClient()
                    .register(new BoxAuthenticationFilter("per-user")); // user-token mode
            try {
                BoxCalls.asUser(ALICE, () -> {
                    client.target(apiUrl()).path("/2.0/folders/0").request().get(String.class);
                    perUser.target(apiUrl()).path("/2.0/folders/0").request().get(String.class);
                });
                client.target(apiUrl()).path("/2.0/folders/0").request().get(String.class);
                perUser.target(apiUrl()).path("/2.0/folders/0").request().header("As-User", BOB).get(String.class);
            } finally {
                client.close();
                perUser.close();
            }
            String serviceAccount = tokens.token().authorizationHeader();
            assertEquals(Arrays.asList(ALICE, null, null, null), asUserHeaders());
            assertEquals(List.of(serviceAccount, tokens.forUser(ALICE).token().authorizationHeader(), serviceAccount,
                    tokens.forUser(BOB).token().authorizationHeader()), calls.stream().map(Call::authorization).toList());
            assertEquals(1, userTokenRequests(ALICE));
            assertEquals(1, userTokenRequests(BOB));
        }
    }

    /**
     * Jersey runs an asynchronous REST client method's filters on another thread: the scope does not reach it and the
     * call goes out as the configuration's subject. The header parameter is part of the request, so it works.
     */
    @Test
    void asyncMethodsSeeTheHeaderParameterButNotTheScope() {
        try (CdiContainer cdi = start("user-token")) {
            Clients clients = cdi.select(Clients.class);
            BoxCalls.asUser(ALICE, () -> clients.folders.rootAsync().toCompletableFuture().join());
            clients.folders.rootAsync(BOB).toCompletableFuture().join();
            assertEquals(clients.tokens.token().authorizationHeader(), calls.get(0).authorization(),
                    "the scope did not reach the async call");
            assertEquals(0, userTokenRequests(ALICE));
            assertEquals(clients.tokens.forUser(BOB).token().authorizationHeader(), calls.get(1).authorization());
            assertEquals(1, userTokenRequests(BOB));
            assertEquals(Arrays.asList(null, null), asUserHeaders());
        }
    }

    /** Jersey's plain JAX-RS {@code async()} too: the filter runs on another thread; the request's header works. */
    @Test
    void aPlainJaxRsAsyncCallSeesTheRequestsHeaderButNotTheScope() throws Exception {
        try (CdiContainer cdi = start("header")) {
            cdi.select(Clients.class);
            Client client = ClientBuilder.newClient().register(new BoxAuthenticationFilter());
            try {
                BoxCalls.asUser(ALICE, () -> {
                    try {
                        return client.target(apiUrl()).path("/2.0/folders/0").request().async().get(String.class)
                                .get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                client.target(apiUrl()).path("/2.0/folders/0").request().header("As-User", BOB).async()
                        .get(String.class).get();
            } finally {
                client.close();
            }
            assertEquals(Arrays.asList(null, BOB), asUserHeaders());
        }
    }

    @Test
    void anUnknownAsUserModeFailsTheDeploymentNamingTheKeyAndTheModes() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> start("sometimes").close());
        String message = fullMessage(failure);
        for (String part : List.of("box.ccg.as-user-mode", "'sometimes'", "header", "user-token")) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
        assertFalse(message.contains(SECRET), message);
        assertTrue(calls.isEmpty());
    }

    @Test
    void anAsUserHeaderThatIsNoUserIdFailsTheCallBeforeItIsSent() {
        try (CdiContainer cdi = start("header")) {
            Folders folders = cdi.select(Clients.class).folders;
            RuntimeException e = assertThrows(RuntimeException.class, () -> folders.root("alice@example.com"));
            assertTrue(fullMessage(e).contains("'alice@example.com' is not a Box user ID"), fullMessage(e));
            assertTrue(calls.isEmpty());
        }
    }

    private static String fullMessage(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append(" | ");
        }
        return text.toString();
    }
}
