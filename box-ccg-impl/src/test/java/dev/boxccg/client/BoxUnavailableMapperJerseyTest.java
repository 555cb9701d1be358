package dev.boxccg.client;

import dev.boxccg.BoxAuthenticationException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mappers served by Jersey (in memory, no HTTP port): registered the two ways the Javadoc and README show. */
class BoxUnavailableMapperJerseyTest {

    @Path("/")
    public static class Files {
        @GET
        @Path("client")
        public String client() { // what a @BoxAuthenticated REST client call throws when no token can be had
            throw new ProcessingException(BoxUnavailableMapperTest.refusal("1.5 s", Duration.ofMillis(1500)));
        }

        @GET
        @Path("direct")
        public String direct() {
            throw BoxUnavailableMapperTest.refusal(null, Duration.ofSeconds(7));
        }

        @GET
        @Path("missing")
        public String missing() {
            throw new NotFoundException();
        }
    }

    /** The application opts in through getClasses(). */
    public static class OptedIn extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            Set<Class<?>> classes = new HashSet<>(BoxUnavailableMapper.CLASSES);
            classes.add(Files.class);
            return classes;
        }
    }

    @Provider
    public static class BoxUnavailableProcessing extends BoxUnavailableMapper.OfProcessingException {
    }

    /** The application opts in with a @Provider subclass (registered here as scanning would find it). */
    public static class OptedInBySubclass extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Files.class, BoxUnavailableProcessing.class);
        }
    }

    // --- as in the README ("How requests are authenticated") ---
    @Provider
    public static class BoxDown implements ExceptionMapper<ProcessingException> {
        public Response toResponse(ProcessingException e) {
            return BoxUnavailableMapper.boxCause(e).map(box -> Response.status(503).header("Retry-After",
                    box.retryAfter().orElse(Duration.ofSeconds(1)).toSeconds() + 1).build())
                .orElseGet(() -> Response.serverError().build());
        }
    }
    // --- end ---

    public static class OwnMapper extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Files.class, BoxDown.class);
        }
    }

    /** Without the mappers. */
    public static class NotOptedIn extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Files.class);
        }
    }

    record Answer(int status, String retryAfter, String contentType, String body) {
    }

    static Answer get(Class<? extends Application> application, String path) throws Exception {
        ApplicationHandler handler = new ApplicationHandler(application);
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"),
                URI.create("http://localhost/" + path), "GET", null, new MapPropertiesDelegate(), null);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ContainerResponse response = handler.apply(request, body).get();
        return new Answer(response.getStatus(), response.getHeaderString("Retry-After"),
                String.valueOf(response.getMediaType()), body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedRestClientCallIsAnswered503WithRetryAfterAndTheGenericBody() throws Exception {
        Answer answer = get(OptedIn.class, "client");
        assertEquals(new Answer(503, "2", "application/json", BoxUnavailableMapper.BODY), answer);

        assertEquals(new Answer(503, "7", "application/json", BoxUnavailableMapper.BODY), get(OptedIn.class, "direct"));
        assertEquals(404, get(OptedIn.class, "missing").status(), "other exceptions are answered as before");
    }

    @Test
    void aProviderSubclassWorksToo() throws Exception {
        assertEquals(new Answer(503, "2", "application/json", BoxUnavailableMapper.BODY),
                get(OptedInBySubclass.class, "client"));
    }

    @Test
    void theReadmesOwnMapper() throws Exception {
        assertEquals(new Answer(503, "2", "null", ""), get(OwnMapper.class, "client"));
    }

    @Test
    void withoutOptingInTheFailureGoesToTheContainer() {
        // Jersey hands the unmapped exception to its container, which answers 500 (and, on some servers, the message)
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> get(NotOptedIn.class, "client"));
        assertTrue(BoxUnavailableMapper.boxCause(thrown).isPresent(), thrown.toString());
    }
}
