package dev.boxccg.impl.cdi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.boxccg.BoxAuthenticated;
import dev.boxccg.testkit.BoxSimulatorExtension;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 401 retry of {@code @BoxAuthenticated} REST clients never sends a body other than the caller's: a body that can
 * be written again is replayed byte for byte, a one-shot one (a stream) is not replayed and the 401 reaches the caller.
 * The "Box API" is a local server that answers the first request with 401 and records every body it receives.
 */
class UnauthorizedRetryBodyTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    private static final byte[] UPLOAD = "%PDF-1.7 not empty\n\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    private HttpServer api;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(String method, String authorization, byte[] body) {
    }

    public record Folder(String name, List<String> tags) {
    }

    @RegisterRestClient(configKey = "files")
    @BoxAuthenticated
    @Path("/2.0")
    public interface Files {
        @POST
        @Path("/files/content")
        @Consumes(MediaType.APPLICATION_OCTET_STREAM)
        Response upload(java.io.InputStream content);

        @POST
        @Path("/files/content")
        @Consumes(MediaType.APPLICATION_OCTET_STREAM)
        Response upload(byte[] content);

        @POST
        @Path("/comments")
        @Consumes(MediaType.TEXT_PLAIN)
        Response comment(String text);

        @POST
        @Path("/metadata")
        @Consumes(MediaType.APPLICATION_JSON)
        Response metadata(JsonObject metadata);

        @POST
        @Path("/folders/{parent}")
        @Consumes(MediaType.APPLICATION_JSON)
        Response createFolder(@PathParam("parent") String parent, Folder folder);

        @GET
        @Path("/users/me")
        Response me();
    }

    public static class Clients {
        @Inject
        @RestClient
        Files files;
    }

    @BeforeAll
    static void registerApp() {
        BOX.simulator().registerApp("retry-client", "retry-secret", "800");
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

    /** The first request gets 401, later ones 200 (GET) or 201. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            int status = received.size() == 1 ? 401 : "GET".equals(exchange.getRequestMethod()) ? 200 : 201;
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private CdiContainer start(Map<String, String> changes) {
        Map<String, String> config = new HashMap<>(Map.of(
                "box.ccg.client-id", "retry-client",
                "box.ccg.client-secret", "retry-secret",
                "box.ccg.enterprise-id", "800",
                "box.ccg.token-url", BOX.simulator().tokenUrl().toString(),
                "files/mp-rest/url", "http://127.0.0.1:" + api.getAddress().getPort()));
        config.putAll(changes);
        return CdiContainer.start(config, Clients.class, Files.class);
    }

    @Test
    void aStreamUploadIsNotReplayedTheCallerSeesThe401AndTheTokenIsDropped() {
        Logger log = Logger.getLogger(BoxAuthenticatedInterceptor.class.getName());
        List<String> debug = new CopyOnWriteArrayList<>();
        Handler handler = new StreamHandler() {
            @Override
            public synchronized void publish(LogRecord record) {
                debug.add(record.getLevel() + " " + getFormatter().formatMessage(record));
            }
        };
        log.setLevel(Level.FINE);
        log.addHandler(handler);
        try (CdiContainer cdi = start(Map.of())) {
            Files files = cdi.select(Clients.class).files;
            WebApplicationException e = assertThrows(WebApplicationException.class,
                    () -> files.upload(new ByteArrayInputStream(UPLOAD)));
            assertEquals(401, e.getResponse().getStatus());
            assertEquals(1, received.size(), "no retry with the stream already read");
            assertArrayEquals(UPLOAD, received.get(0).body());
            assertEquals(1, debug.size(), debug.toString());
            assertTrue(debug.get(0).startsWith("FINE ") && debug.get(0).contains("ByteArrayInputStream"), debug.get(0));
            assertFalse(debug.get(0).contains(received.get(0).authorization().substring("Bearer ".length())));

            assertEquals(201, files.upload(new ByteArrayInputStream(UPLOAD)).getStatus(), "the caller's own retry");
            assertNotEquals(received.get(0).authorization(), received.get(1).authorization(), "a fresh token");
            assertEquals(2, BOX.simulator().tokenRequests(), "the rejected token was dropped");
            assertArrayEquals(UPLOAD, received.get(1).body());
        } finally {
            log.removeHandler(handler);
            log.setLevel(null);
        }
    }

    @Test
    void aStreamUploadReturningTheResponseGetsThe401ResponseUnclosed() {
        try (CdiContainer cdi = start(Map.of("microprofile.rest.client.disable.default.mapper", "true"))) {
            Response response = cdi.select(Clients.class).files.upload(new ByteArrayInputStream(UPLOAD));
            assertEquals(401, response.getStatus());
            assertEquals("", response.readEntity(String.class), "still readable: not closed by the interceptor");
            assertEquals(1, received.size());
            assertEquals(1, BOX.simulator().tokenRequests());
        }
    }

    @Test
    void aJsonObjectBodyIsReplayedByteForByte() {
        JsonObject metadata = Json.createObjectBuilder().add("department", "Finance").add("year", 2024)
                .add("tags", Json.createArrayBuilder().add("q1").add("é")).build();
        byte[] sent = assertReplayedOnce(files -> files.metadata(metadata));
        assertEquals(metadata, parse(sent));
    }

    @Test
    void aRecordBodyWrittenByJsonBIsReplayedByteForByte() {
        byte[] sent = assertReplayedOnce(files -> files.createFolder("0", new Folder("Reports", List.of("a", "b"))));
        assertEquals(Json.createObjectBuilder().add("name", "Reports").add("tags", Json.createArrayBuilder()
                .add("a").add("b")).build(), parse(sent));
    }

    @Test
    void aStringBodyIsReplayedByteForByte() {
        String text = "Looks good — ship it";
        byte[] sent = assertReplayedOnce(files -> files.comment(text));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), sent);
    }

    @Test
    void aByteArrayBodyIsReplayedByteForByte() {
        byte[] sent = assertReplayedOnce(files -> files.upload(UPLOAD.clone()));
        assertArrayEquals(UPLOAD, sent);
    }

    @Test
    void aCallWithoutBodyIsStillRetriedTransparently() {
        assertReplayedOnce(Files::me);
        assertEquals(List.of("GET", "GET"), received.stream().map(Received::method).toList());
    }

    /** The call succeeds after one transparent retry with a fresh token and the same body; returns that body. */
    private byte[] assertReplayedOnce(Function<Files, Response> call) {
        try (CdiContainer cdi = start(Map.of())) {
            int status = call.apply(cdi.select(Clients.class).files).getStatus();
            assertEquals(2, received.size(), "the call and one retry");
            assertEquals("GET".equals(received.get(0).method()) ? 200 : 201, status);
            assertNotEquals(received.get(0).authorization(), received.get(1).authorization(), "a fresh token");
            assertArrayEquals(received.get(0).body(), received.get(1).body(), "the retry sent the same bytes");
            return received.get(1).body();
        }
    }

    private static JsonValue parse(byte[] json) {
        return Json.createReader(new StringReader(new String(json, StandardCharsets.UTF_8))).readValue();
    }
}
