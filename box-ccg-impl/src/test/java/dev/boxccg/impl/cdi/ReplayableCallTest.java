package dev.boxccg.impl.cdi;

import jakarta.json.Json;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.StreamingOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.tools.ToolProvider;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URLClassLoader;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplayableCallTest {

    record Folder(String name, List<String> tags) {
    }

    interface Api {
        void body(@PathParam("id") String id, Object body);

        void noBody(@PathParam("p") InputStream p, @QueryParam("q") InputStream q, @HeaderParam("h") InputStream h,
                    @CookieParam("c") InputStream c, @MatrixParam("m") InputStream m, @FormParam("f") InputStream f,
                    @BeanParam Object bean);

        void nothing();
    }

    private static final Method BODY = method("body");
    private static final Method NO_BODY = method("noBody");

    static Stream<Object> replayable() {
        return Stream.of(null, "text", new StringBuilder("text"), new byte[] {1, 2}, 42, 4.2, true, 'c',
                TimeUnit.SECONDS, Json.createObjectBuilder().add("a", 1).build(), Json.createValue("json"),
                new Form("a", "b"), new MultivaluedHashMap<>(Map.of("a", "b")), new File("upload.pdf"),
                Path.of("upload.pdf"), new Folder("Reports", List.of("a")), List.of("a", "b"), Map.of("a", 1),
                Entity.json(new Folder("Reports", List.of())), new GenericEntity<>(List.of("a")) { });
    }

    @ParameterizedTest
    @MethodSource
    void replayable(Object body) {
        assertEquals(Optional.empty(), ReplayableCall.oneShotBody(BODY, new Object[] {"42", body}));
    }

    static Stream<Arguments> oneShot() {
        InputStream stream = new ByteArrayInputStream(new byte[] {1});
        EntityPart part = (EntityPart) Proxy.newProxyInstance(EntityPart.class.getClassLoader(),
                new Class<?>[] {EntityPart.class}, (proxy, m, args) -> null);
        return Stream.of(
                Arguments.of(stream, stream.getClass()),
                Arguments.of(new StringReader("text"), StringReader.class),
                Arguments.of((StreamingOutput) out -> out.write(1), null),
                Arguments.of(Channels.newChannel(stream), null),
                Arguments.of(new SubmissionPublisher<byte[]>(), SubmissionPublisher.class),
                Arguments.of(List.of("a").iterator(), null),
                Arguments.of(Stream.of("a"), null),
                Arguments.of(IntStream.of(1), null),
                Arguments.of(part, part.getClass()),
                Arguments.of(List.of(part, part), part.getClass()),
                Arguments.of(Entity.entity(stream, MediaType.APPLICATION_OCTET_STREAM_TYPE), stream.getClass()),
                Arguments.of(new GenericEntity<>(stream, InputStream.class), stream.getClass()));
    }

    /** @param type the class reported, or null for "the body's own class" */
    @ParameterizedTest
    @MethodSource
    void oneShot(Object body, Class<?> type) {
        Class<?> expected = type != null ? type : body.getClass();
        assertEquals(Optional.of(expected), ReplayableCall.oneShotBody(BODY, new Object[] {"42", body}));
    }

    @Test
    void parametersWithAJaxRsParameterAnnotationAreNoBody() {
        Object[] streams = new Object[7];
        Arrays.fill(streams, new ByteArrayInputStream(new byte[0]));
        assertEquals(Optional.empty(), ReplayableCall.oneShotBody(NO_BODY, streams));
        assertEquals(Optional.empty(), ReplayableCall.oneShotBody(method("nothing"), new Object[0]));
    }

    /** Jakarta Activation is not on the test class path: compile a stand-in to check the comparison by name. */
    @Test
    void aJakartaActivationDataSourceIsOneShot(@TempDir Path dir) throws Exception {
        Path dataSource = Files.writeString(dir.resolve("DataSource.java"),
                "package jakarta.activation; public interface DataSource {}");
        Path upload = Files.writeString(dir.resolve("Upload.java"),
                "package jakarta.activation; public class Upload implements DataSource {}");
        assertEquals(0, ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", dir.toString(), dataSource.toString(), upload.toString()));
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, null)) {
            Class<?> type = loader.loadClass("jakarta.activation.Upload");
            Object body = type.getConstructor().newInstance();
            assertEquals(Optional.of(type), ReplayableCall.oneShotBody(BODY, new Object[] {"42", body}));
        }
    }

    private static Method method(String name) {
        return Arrays.stream(Api.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }
}
