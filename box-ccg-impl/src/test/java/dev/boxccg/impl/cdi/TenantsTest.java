package dev.boxccg.impl.cdi;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxCalls;
import dev.boxccg.BoxCredentials;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTenantCredentials;
import dev.boxccg.BoxTenants;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.impl.runtime.BoxCcgRuntime;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.BoxSimulatorExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many Box enterprises in one application (Weld SE, Jersey's REST client, the simulator over real HTTP): the default
 * configuration serves tenants, resolved by the application's {@link BoxTenantCredentials} bean; "hr" has credentials
 * of its own.
 */
class TenantsTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    static final String ACME_ENTERPRISE = "8101";
    static final String GLOBEX_ENTERPRISE = "8102";
    static final String HR_ENTERPRISE = "8103";
    static final String ACME_USER = "8111";

    /** The application's tenant database. */
    static final Map<String, BoxCredentials> DATABASE = new ConcurrentHashMap<>();
    static final AtomicInteger RESOLUTIONS = new AtomicInteger();

    @ApplicationScoped
    public static class TenantDatabase implements BoxTenantCredentials {
        @Override
        public Optional<BoxCredentials> resolve(String tenant) {
            RESOLUTIONS.incrementAndGet();
            return Optional.ofNullable(DATABASE.get(tenant));
        }
    }

    public static class Clients {
        @Inject
        @RestClient
        BoxApis.Users users;
        @Inject
        BoxTokenProvider tokens;
        @Inject
        BoxTenants tenants;
    }

    private BoxSimulator.App acme;
    private BoxSimulator.App globex;
    private BoxSimulator.App hr;

    @BeforeEach
    void twoCustomers() {
        BoxSimulator box = BOX.simulator();
        acme = box.registerApp("acme-app", "acme-secret", ACME_ENTERPRISE)
                .addUser(ACME_USER, "Wile E.", "wile@acme.example").performActionsAsUsers(true);
        globex = box.registerApp("globex-app", "globex-secret", GLOBEX_ENTERPRISE).authorizedByAdmin(true);
        hr = box.registerApp("hr-app", "hr-secret", HR_ENTERPRISE);
        DATABASE.clear();
        DATABASE.put("acme", BoxCredentials.of("acme-app", "acme-secret", BoxSubject.enterprise(ACME_ENTERPRISE)));
        DATABASE.put("globex", BoxCredentials.of("globex-app", "globex-secret",
                BoxSubject.enterprise(GLOBEX_ENTERPRISE)));
        RESOLUTIONS.set(0);
    }

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("box.ccg.tenants", "true");
        config.put("box.ccg.token-url", BOX.simulator().tokenUrl().toString());
        config.put("box.ccg.hr.client-id", "hr-app");
        config.put("box.ccg.hr.client-secret", "hr-secret");
        config.put("box.ccg.hr.enterprise-id", HR_ENTERPRISE);
        config.put("box.ccg.hr.token-url", BOX.simulator().tokenUrl().toString());
        config.put("box/mp-rest/url", BOX.simulator().baseUrl().toString());
        return config;
    }

    private CdiContainer start() {
        return CdiContainer.start(config(), BoxApis.with(Clients.class, TenantDatabase.class));
    }

    private static String meId(Clients clients) {
        return clients.users.me().getString("id");
    }

    @Test
    void eachCallCarriesTheTokenOfItsTenant() {
        try (CdiContainer cdi = start()) {
            Clients clients = cdi.select(Clients.class);

            assertEquals(acme.serviceAccount().id(), BoxCalls.asTenant("acme", () -> meId(clients)));
            assertEquals(globex.serviceAccount().id(), BoxCalls.asTenant("globex", () -> meId(clients)));
            assertEquals(acme.serviceAccount().id(), BoxCalls.asTenant("acme", () -> meId(clients)));

            assertEquals(1, BOX.simulator().tokenRequests("enterprise", ACME_ENTERPRISE));
            assertEquals(1, BOX.simulator().tokenRequests("enterprise", GLOBEX_ENTERPRISE));
            assertEquals(2, RESOLUTIONS.get(), "each tenant resolved once");
            List<BoxSimulator.ApiCall> calls = BOX.simulator().apiCalls();
            assertEquals(clients.tokens.forTenant("acme").token().authorizationHeader(), calls.get(0).authorization());
            assertEquals(clients.tokens.forTenant("globex").token().authorizationHeader(),
                    calls.get(1).authorization());
        }
    }

    @Test
    void scopesNestRestoreOnThrowAndComposeWithAsUser() {
        try (CdiContainer cdi = start()) {
            Clients clients = cdi.select(Clients.class);
            String outer = BoxCalls.asTenant("acme", () -> {
                assertEquals(globex.serviceAccount().id(), BoxCalls.asTenant("globex", () -> meId(clients)));
                assertThrows(IllegalStateException.class, () -> BoxCalls.asTenant("globex", () -> {
                    throw new IllegalStateException("the caller's own failure");
                }));
                return meId(clients);
            });
            assertEquals(acme.serviceAccount().id(), outer);
            assertEquals(Optional.empty(), BoxCalls.currentTenant());

            BoxCalls.asTenant("acme", () -> BoxCalls.asUser(ACME_USER, () -> meId(clients)));
            BoxSimulator.ApiCall asUser = BOX.simulator().apiCalls().get(2);
            assertEquals(ACME_USER, asUser.asUser());
            assertEquals(clients.tokens.forTenant("acme").token().authorizationHeader(), asUser.authorization());
        }
    }

    @Test
    void theInjectedProviderFollowsTheScopeAndForTenantBindsOne() {
        try (CdiContainer cdi = start()) {
            Clients clients = cdi.select(Clients.class);
            IllegalStateException noTenant = assertThrows(IllegalStateException.class, clients.tokens::token);
            assertTrue(noTenant.getMessage().contains("asTenant"), noTenant.getMessage());

            BoxAccessToken inScope = BoxCalls.asTenant("globex", () -> clients.tokens.token());
            BoxTokenProvider globexTokens = clients.tokens.forTenant("globex");
            assertEquals(inScope, globexTokens.token());
            assertEquals(BoxSubject.enterprise(GLOBEX_ENTERPRISE), globexTokens.subject());
            assertNotEquals(inScope, clients.tokens.forTenant("acme").token());
        }
    }

    @Test
    void aConfigurationWithCredentialsOfItsOwnRefusesATenantScope() {
        try (CdiContainer cdi = start()) {
            Clients clients = cdi.select(Clients.class);
            assertEquals(hr.serviceAccount().id(), clients.users.meAsHr().getString("id")); // fine outside a scope
            int before = BOX.simulator().apiCalls().size();

            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> BoxCalls.asTenant("acme", () -> clients.users.meAsHr()));

            assertTrue(String.valueOf(rootCause(refused).getMessage()).contains("does not serve tenants"),
                    String.valueOf(rootCause(refused)));
            assertEquals(before, BOX.simulator().apiCalls().size(), "nothing sent with hr's credentials");
        }
    }

    @Test
    void aRefusedTenantLeavesTheOthersServedAndHealthShowsItByLabelOnly() {
        globex.authorizedByAdmin(false);
        try (CdiContainer cdi = start()) {
            Clients clients = cdi.select(Clients.class);
            assertThrows(RuntimeException.class, () -> BoxCalls.asTenant("globex", () -> meId(clients)));
            assertEquals(acme.serviceAccount().id(), BoxCalls.asTenant("acme", () -> meId(clients)));

            HealthCheckResponse health = CDI.current().select(HealthCheck.class, Readiness.Literal.INSTANCE).stream()
                    .map(HealthCheck::call).filter(check -> check.getName().equals("box-ccg")).findFirst()
                    .orElseThrow();
            assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
            Map<String, Object> data = health.getData().orElseThrow();
            assertEquals("2", data.get("tenants-live"));
            assertEquals("1", data.get("tenants-token-held"));
            assertEquals("1", data.get("tenants-refused"));
            String globexLabel = clients.tenants.label("globex").orElseThrow();
            assertEquals("refused (invalid_grant)", data.get("tenant " + globexLabel), "the refused one, by label");
            assertEquals(List.of("tenant " + globexLabel),
                    data.keySet().stream().filter(key -> key.startsWith("tenant ")).toList(), "not the healthy one");
            String shown = data.toString();
            for (String secretish : List.of("acme", "globex", ACME_ENTERPRISE, GLOBEX_ENTERPRISE, "acme-app",
                    "globex-app", "acme-secret", "globex-secret", "Grant credentials are invalid")) {
                assertFalse(shown.contains(secretish), shown);
            }
        } finally {
            globex.authorizedByAdmin(true);
        }
    }

    @Test
    void forgettingATenantResolvesItAgainAndDropsItsToken() {
        try (CdiContainer cdi = start()) {
            Clients clients = cdi.select(Clients.class);
            BoxAccessToken first = clients.tokens.forTenant("acme").token();
            String label = clients.tenants.label("acme").orElseThrow();
            assertTrue(label.matches("t-[0-9a-f]{12}"), label);
            assertEquals(Optional.empty(), clients.tenants.label("globex"), "not used yet");

            clients.tenants.forget("acme");

            BoxCcgRuntime runtime = cdi.select(BoxCcgRuntime.class);
            assertFalse(runtime.tenants("").isLive("acme"));
            assertEquals(Optional.empty(), clients.tenants.label("acme"), "not live");
            assertNotEquals(first, clients.tokens.forTenant("acme").token());
            assertEquals(2, RESOLUTIONS.get());
            assertEquals(Optional.of(label), clients.tenants.label("acme"), "the same secret: the same label");
        }
    }

    @Test
    void anUnknownTenantFailsNamingIt() {
        try (CdiContainer cdi = start()) {
            Clients clients = cdi.select(Clients.class);
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> clients.tokens.forTenant("initech").token());
            assertTrue(unknown.getMessage().contains("'initech'"), unknown.getMessage());
        }
    }

    @Test
    void aConfigurationServingTenantsWithoutAResolverFailsTheDeployment() {
        DeploymentException failed = assertThrows(DeploymentException.class,
                () -> CdiContainer.start(config(), BoxApis.with(Clients.class)).close());
        assertTrue(String.valueOf(rootCause(failed).getMessage()).contains("BoxTenantCredentials")
                || failed.toString().contains("BoxTenantCredentials"), failed.toString());
    }

    @Test
    void aConfigurationServingTenantsRefusesCredentialsOfItsOwn() {
        Map<String, String> config = config();
        config.put("box.ccg.client-secret", "left-over");
        RuntimeException failed = assertThrows(RuntimeException.class,
                () -> CdiContainer.start(config, BoxApis.with(Clients.class, TenantDatabase.class)).close());
        assertTrue(failed.toString().contains("box.ccg.client-secret is set but box.ccg.tenants is true")
                || String.valueOf(rootCause(failed).getMessage()).contains("box.ccg.client-secret is set"),
                failed.toString());
        assertFalse(failed.toString().contains("left-over"));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
