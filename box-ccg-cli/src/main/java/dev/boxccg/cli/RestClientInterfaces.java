package dev.boxccg.cli;

import dev.boxccg.BoxAuthenticated;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Defines, at run time, the REST client interface a server application would write for the chosen configuration:
 * <pre>{@code
 * @RegisterRestClient(configKey = "box", baseUri = "https://api.box.com")
 * @BoxAuthenticated("hr")
 * public interface BoxUsersApi$Configured1 extends BoxUsersApi { }
 * }</pre>
 *
 * <p>An annotation's value must be a compile-time constant, and box-ccg reads the configuration name from
 * {@code @BoxAuthenticated} on the interface itself; so a check of a configuration named on the command line needs an
 * interface made for that name. The class file is written here (an interface with two annotations and no members:
 * its only method, {@code me()}, is inherited with its JAX-RS annotations from {@link BoxUsersApi}).
 */
final class RestClientInterfaces {

    /** The REST client's configuration key: {@code box/mp-rest/url} (environment {@code BOX_MP_REST_URL}). */
    static final String CONFIG_KEY = "box";
    /** Box's API, when {@code box/mp-rest/url} is not set. */
    static final String DEFAULT_API_URL = "https://api.box.com";

    private static final int JAVA_17 = 61;
    private static final int PUBLIC_ABSTRACT_INTERFACE = 0x0001 | 0x0200 | 0x0400;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private RestClientInterfaces() {
    }

    /**
     * @param configurationName {@code ""} for the default configuration
     * @return a new interface extending {@link BoxUsersApi}, annotated for that configuration
     */
    static Class<? extends BoxUsersApi> forConfiguration(String configurationName) {
        String name = BoxUsersApi.class.getName() + "$Configured" + COUNT.incrementAndGet();
        Map<String, String> restClient = new LinkedHashMap<>();
        restClient.put("configKey", CONFIG_KEY);
        restClient.put("baseUri", DEFAULT_API_URL);
        byte[] classFile = interfaceClassFile(name, BoxUsersApi.class, Map.of(
                RegisterRestClient.class, restClient,
                BoxAuthenticated.class, Map.of("value", configurationName)));
        try {
            return MethodHandles.lookup().defineClass(classFile).asSubclass(BoxUsersApi.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot define " + name, e);
        }
    }

    /**
     * The class file of {@code public interface <name> extends <superInterface>} carrying runtime-visible annotations
     * whose members are all strings.
     */
    static byte[] interfaceClassFile(String name, Class<?> superInterface,
                                     Map<Class<? extends Annotation>, Map<String, String>> annotations) {
        ConstantPool pool = new ConstantPool();
        int thisClass = pool.classRef(name);
        int superClass = pool.classRef(Object.class.getName());
        int superInterfaceRef = pool.classRef(superInterface.getName());
        int attributeName = pool.utf8("RuntimeVisibleAnnotations");

        ByteArrayOutputStream attributeBytes = new ByteArrayOutputStream();
        try (DataOutputStream attribute = new DataOutputStream(attributeBytes)) {
            attribute.writeShort(annotations.size());
            for (Map.Entry<Class<? extends Annotation>, Map<String, String>> annotation : annotations.entrySet()) {
                attribute.writeShort(pool.utf8("L" + internalName(annotation.getKey().getName()) + ";"));
                attribute.writeShort(annotation.getValue().size());
                for (Map.Entry<String, String> member : annotation.getValue().entrySet()) {
                    attribute.writeShort(pool.utf8(member.getKey()));
                    attribute.writeByte('s');
                    attribute.writeShort(pool.utf8(member.getValue()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(JAVA_17);
            pool.writeTo(out);
            out.writeShort(PUBLIC_ABSTRACT_INTERFACE);
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(1);
            out.writeShort(superInterfaceRef);
            out.writeShort(0); // fields
            out.writeShort(0); // methods
            out.writeShort(1); // attributes
            out.writeShort(attributeName);
            out.writeInt(attributeBytes.size());
            attributeBytes.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String internalName(String binaryName) {
        return binaryName.replace('.', '/');
    }

    /** The constant pool: UTF-8 entries and class references, each written once. */
    private static final class ConstantPool {
        private static final int UTF8 = 1;
        private static final int CLASS = 7;

        private final Map<String, Integer> indexes = new LinkedHashMap<>();
        private final List<byte[]> entries = new ArrayList<>();

        int utf8(String text) {
            return indexes.computeIfAbsent("utf8:" + text, key -> add(out -> {
                out.writeByte(UTF8);
                out.writeUTF(text); // the class file's "modified UTF-8" with its u2 length
            }));
        }

        int classRef(String binaryName) {
            int nameIndex = utf8(internalName(binaryName));
            return indexes.computeIfAbsent("class:" + binaryName, key -> add(out -> {
                out.writeByte(CLASS);
                out.writeShort(nameIndex);
            }));
        }

        private int add(Entry entry) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                entry.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            entries.add(bytes.toByteArray());
            return entries.size(); // constant pool indexes start at 1
        }

        void writeTo(DataOutputStream out) throws IOException {
            out.writeShort(entries.size() + 1);
            for (byte[] entry : entries) {
                out.write(entry);
            }
        }

        private interface Entry {
            void writeTo(DataOutputStream out) throws IOException;
        }
    }
}
