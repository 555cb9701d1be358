package dev.boxccg.it;

import dev.boxccg.BoxTokenProvider;
import dev.boxccg.core.BoxCcgEngine;
import dev.boxccg.impl.cdi.BoxCcgExtension;
import dev.boxccg.it.app.ItApplication;
import dev.boxccg.it.broken.NeedsBoxTokens;
import dev.boxccg.it.discovery.DiscoveryApplication;
import dev.boxccg.testkit.BoxSimulator;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the WARs the scenarios deploy. Each holds the test classes, its own {@code WEB-INF/beans.xml}
 * ({@code bean-discovery-mode="all"} for the main application; the discovery WARs have {@code "annotated"} or none,
 * and their {@code @RegisterRestClient} interface is found all the same: scenarios 11 and 12), a generated
 * {@code META-INF/microprofile-config.properties}, and in {@code WEB-INF/lib} exactly the box-ccg-api,
 * box-ccg-core and box-ccg-impl JARs the reactor built — with their real {@code META-INF/services} and {@code beans.xml}. Nothing the
 * server provides (JAX-RS, JSON-P, CDI, MicroProfile Config or REST Client) is bundled.
 */
public final class ItDeployments {

    /** The test application; its context root is {@code /box-ccg-it}. */
    public static final String APP = "box-ccg-it";
    /** A WAR whose configuration lacks {@code box.ccg.client-secret}: it must not deploy. */
    public static final String MISSING_SECRET = "box-ccg-it-missing-secret";
    /** A WAR whose {@code beans.xml} says {@code bean-discovery-mode="annotated"}; its REST client must be found. */
    public static final String ANNOTATED_DISCOVERY = "box-ccg-it-annotated";
    /** A WAR without {@code beans.xml} (an implicit bean archive); its REST client must be found. */
    public static final String NO_BEANS_XML = "box-ccg-it-no-beans-xml";
    /** A discovery WAR whose configuration sets {@code box.ccg.revoke-on-stop}: undeploying it revokes its token. */
    public static final String REVOKE_ON_STOP = "box-ccg-it-revoke-on-stop";
    /** That WAR's {@code box.ccg.revoke-on-stop}. */
    public static final String REVOKE_ON_STOP_DEADLINE = "2s";

    public static final String BEANS_XML_ALL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                   version="4.0" bean-discovery-mode="all">
            </beans>
            """;

    static final String BEANS_XML_ANNOTATED = BEANS_XML_ALL.replace("bean-discovery-mode=\"all\"",
            "bean-discovery-mode=\"annotated\"");

    private ItDeployments() {
    }

    /**
     * @return the test application, configured for {@code simulator}; where the server module says its server exports
     *         telemetry over OTLP ({@link ItServer#exportsOtlp()}), its configuration also turns MicroProfile
     *         Telemetry on, exporting to the test JVM's receiver ({@link ItTelemetry#otelConfig})
     */
    public static WebArchive application(BoxSimulator simulator) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, APP + ".war")
                .addPackage(ItApplication.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML_ALL), "beans.xml")
                .addAsResource(new StringAsset(applicationConfig(simulator)
                                + (ItServer.exportsOtlp() ? ItTelemetry.otelConfig(ItTelemetry.receiver()) : "")),
                        "META-INF/microprofile-config.properties")
                .addAsLibraries(boxCcgJars());
        System.out.println("[box-ccg-it] deploying " + war.toString(true));
        return war;
    }

    /** @return a WAR with one bean injecting {@code BoxTokenProvider} and a configuration without client secret */
    public static WebArchive missingSecret(BoxSimulator simulator) {
        return ShrinkWrap.create(WebArchive.class, MISSING_SECRET + ".war")
                .addClass(NeedsBoxTokens.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML_ALL), "beans.xml")
                .addAsResource(new StringAsset(missingSecretConfig(simulator)),
                        "META-INF/microprofile-config.properties")
                .addAsLibraries(boxCcgJars());
    }

    /**
     * @param beansXml the WAR's {@code WEB-INF/beans.xml}, or null for none
     * @return a WAR of package {@code dev.boxccg.it.discovery} (an {@code @ApplicationScoped} bean injecting an
     *         {@code @BoxAuthenticated @RegisterRestClient} interface) with the default configuration
     */
    public static WebArchive discovery(BoxSimulator simulator, String name, String beansXml) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(DiscoveryApplication.class.getPackage())
                .addAsResource(new StringAsset(discoveryConfig(simulator)), "META-INF/microprofile-config.properties")
                .addAsLibraries(boxCcgJars());
        if (beansXml != null) {
            war.addAsWebInfResource(new StringAsset(beansXml), "beans.xml");
        }
        return war;
    }

    /**
     * @return a WAR of package {@code dev.boxccg.it.discovery} ({@code bean-discovery-mode="all"}) whose default
     *         configuration also sets {@code box.ccg.revoke-on-stop=}{@value #REVOKE_ON_STOP_DEADLINE}
     */
    public static WebArchive revokeOnStop(BoxSimulator simulator) {
        return ShrinkWrap.create(WebArchive.class, REVOKE_ON_STOP + ".war")
                .addPackage(DiscoveryApplication.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML_ALL), "beans.xml")
                .addAsResource(new StringAsset(discoveryConfig(simulator)
                                + "box.ccg.revoke-on-stop=" + REVOKE_ON_STOP_DEADLINE + "\n"),
                        "META-INF/microprofile-config.properties")
                .addAsLibraries(boxCcgJars());
    }

    /**
     * The test application's configuration: the default configuration (the service account of
     * {@link ItCredentials#CLIENT_ID}), the named configuration {@code hr} (a user of {@link ItCredentials#HR_CLIENT_ID})
     * <em>without</em> its client secret, which the server process gets from outside the WAR, the named configuration
     * {@code asuser} (the default configuration's app and enterprise with {@code as-user-mode=user-token}; its secret,
     * the default one, is in the WAR like the default configuration's), and the REST clients' base URL. Everything points at the simulator.
     */
    public static String applicationConfig(BoxSimulator simulator) {
        return """
                # Generated by box-ccg-it (dev.boxccg.it.ItDeployments) for the Box simulator at %1$s
                box.ccg.client-id=%2$s
                box.ccg.client-secret=%3$s
                box.ccg.enterprise-id=%4$s
                box.ccg.token-url=%5$s

                # The named configuration "hr": box.ccg.hr.client-secret is deliberately absent. The server process has
                # it as the environment variable BOX_CCG_HR_CLIENT_SECRET (or the system property of that key).
                box.ccg.hr.client-id=%6$s
                box.ccg.hr.user-id=%7$s
                box.ccg.hr.token-url=%5$s

                # The named configuration "asuser": the default configuration's app and subject (so it shares their
                # tokens and must agree on their settings), acting as users with tokens of their own.
                box.ccg.%8$s.client-id=%2$s
                box.ccg.%8$s.client-secret=%3$s
                box.ccg.%8$s.enterprise-id=%4$s
                box.ccg.%8$s.token-url=%5$s
                box.ccg.%8$s.as-user-mode=user-token

                # The named configuration "customers" serves tenants: no credentials of its own, each tenant's come
                # from the application's BoxTenantCredentials bean (ItTenantCredentials).
                box.ccg.%9$s.tenants=true
                box.ccg.%9$s.token-url=%5$s

                box/mp-rest/url=%1$s
                """.formatted(simulator.baseUrl(), ItCredentials.CLIENT_ID, ItCredentials.CLIENT_SECRET,
                ItCredentials.ENTERPRISE_ID, simulator.tokenUrl(), ItCredentials.HR_CLIENT_ID, ItCredentials.HR_USER_ID,
                ItCredentials.AS_USER_CONFIGURATION, ItCredentials.TENANTS_CONFIGURATION);
    }

    static String missingSecretConfig(BoxSimulator simulator) {
        return """
                # Generated by box-ccg-it: box.ccg.client-secret is missing on purpose.
                box.ccg.client-id=%s
                box.ccg.enterprise-id=%s
                box.ccg.token-url=%s
                """.formatted(ItCredentials.CLIENT_ID, ItCredentials.ENTERPRISE_ID, simulator.tokenUrl());
    }

    static String discoveryConfig(BoxSimulator simulator) {
        return """
                # Generated by box-ccg-it (dev.boxccg.it.ItDeployments) for the Box simulator at %1$s
                box.ccg.client-id=%2$s
                box.ccg.client-secret=%3$s
                box.ccg.enterprise-id=%4$s
                box.ccg.token-url=%5$s
                box/mp-rest/url=%1$s
                """.formatted(simulator.baseUrl(), ItCredentials.CLIENT_ID, ItCredentials.CLIENT_SECRET,
                ItCredentials.ENTERPRISE_ID, simulator.tokenUrl());
    }

    /** @return box-ccg-api's, box-ccg-core's and box-ccg-impl's JARs as the reactor built them */
    public static JavaArchive[] boxCcgJars() {
        return new JavaArchive[] {
                builtJar(BoxTokenProvider.class, "box-ccg-api"),
                builtJar(BoxCcgEngine.class, "box-ccg-core"),
                builtJar(BoxCcgExtension.class, "box-ccg-impl")};
    }

    /**
     * @param member   a class of the module
     * @param artifact the module's artifact ID
     * @return the module's JAR file, found where the test JVM loaded {@code member} from
     * @throws IllegalStateException if the class was loaded from a directory (target/classes) rather than a JAR
     */
    public static JavaArchive builtJar(Class<?> member, String artifact) {
        Path location;
        try {
            location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot tell where " + artifact + " was loaded from", e);
        }
        if (Files.isDirectory(location)) {
            throw new IllegalStateException(artifact + " is on the class path as the directory " + location
                    + ", not as its JAR. The WAR must hold the JAR the build made, with its META-INF/services and"
                    + " beans.xml: run the integration tests through Maven's verify phase from the project root, e.g."
                    + " ./mvnw -B verify -pl box-ccg-it/wildfly -am");
        }
        File jar = location.toFile();
        if (!jar.getName().startsWith(artifact + "-") || !jar.getName().endsWith(".jar")) {
            throw new IllegalStateException(member.getName() + " was loaded from " + jar + ", not from " + artifact
                    + "'s JAR");
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, jar);
    }
}
