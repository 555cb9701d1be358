package dev.boxccg.example;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.BoxSimulatorExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's REST client against the Box simulator, in plain Java SE: Weld is the CDI container, SmallRye
 * Config the MicroProfile Config and Jersey the MicroProfile REST Client, as the server would provide them.
 */
class BoxUsersTest {

    /** One simulator for the class on a free port, reset before each test. */
    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    static BoxSimulator.App demo;

    private WeldContainer cdi;

    @BeforeAll
    static void registerApps() {
        demo = BOX.simulator().registerApp("box-ccg-demo", "box-ccg-demo-secret", "1234567");
        // An app of its own, so the refusal cannot leak into the other tests (registerApp again would change the
        // demo app for every test of the class).
        BOX.simulator().registerApp("not-authorized", "not-authorized-secret", "1234567").authorizedByAdmin(false);
    }

    /** Starts CDI with box-ccg (found on the class path), BoxUsers and this configuration. */
    WeldContainer start(String clientId, String clientSecret) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(
                        "box.ccg.client-id", clientId,
                        "box.ccg.client-secret", clientSecret,
                        "box.ccg.enterprise-id", "1234567",
                        "box.ccg.token-url", BOX.simulator().tokenUrl().toString(),
                        "box/mp-rest/url", BOX.simulator().baseUrl().toString()), "BoxUsersTest", 500))
                .build();
        ConfigProviderResolver.instance().registerConfig(config, Thread.currentThread().getContextClassLoader());
        cdi = new Weld().addBeanClasses(BoxUsers.class, WhoAmIResource.class).initialize();
        return cdi;
    }

    @AfterEach
    void stop() {
        if (cdi != null) {
            cdi.close();
        }
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig());
    }

    @Test
    void meIsTheServiceAccount() {
        BoxUsers users = start("box-ccg-demo", "box-ccg-demo-secret").select(BoxUsers.class, RestClient.LITERAL).get();

        JsonObject me = users.me();

        assertEquals(demo.serviceAccount().id(), me.getString("id"));
        assertEquals(demo.serviceAccount().name(), me.getString("name"));
        List<BoxSimulator.ApiCall> calls = BOX.simulator().apiCalls();
        assertEquals(1, calls.size());
        assertEquals("/2.0/users/me", calls.get(0).path());
        assertTrue(calls.get(0).authorization().startsWith("Bearer "), "the call carried a CCG token");
        assertEquals(200, calls.get(0).status());
    }

    @Test
    void anAppTheAdminHasNotAuthorizedGetsNoToken() {
        BoxUsers users = start("not-authorized", "not-authorized-secret")
                .select(BoxUsers.class, RestClient.LITERAL).get();

        ProcessingException failed = assertThrows(ProcessingException.class, users::me);

        BoxAuthenticationException refused = assertInstanceOf(BoxAuthenticationException.class, failed.getCause());
        assertEquals("invalid_grant", refused.error().orElseThrow());
        assertEquals(400, refused.status());
        assertTrue(BOX.simulator().apiCalls().isEmpty(), "no call reached Box without a token");
    }

    @Test
    void whoAmIAnswersTheServiceAccountAndTheTokensExpiry() {
        WhoAmIResource resource = start("box-ccg-demo", "box-ccg-demo-secret").select(WhoAmIResource.class).get();

        JsonObject answer = resource.whoAmI();

        assertEquals(demo.serviceAccount().id(), answer.getString("id"));
        assertEquals(demo.serviceAccount().name(), answer.getString("name"));
        assertEquals(demo.serviceAccount().login(), answer.getString("login"));
        assertTrue(answer.containsKey("tokenExpiresAt"));
        assertEquals(4, answer.size(), "id, name, login and the expiry; never the token");
    }
}
