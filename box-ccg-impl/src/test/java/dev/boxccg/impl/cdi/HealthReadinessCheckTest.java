package dev.boxccg.impl.cdi;

import dev.boxccg.BoxApp;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.testkit.BoxSimulatorExtension;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * box-ccg's MicroProfile Health readiness checks in Weld SE, looked up as a Health implementation does
 * ({@code @Readiness HealthCheck} beans): one per configuration in use, added only because the Health API is on the
 * class path; a probe never calls Box and shows no secret or token.
 */
class HealthReadinessCheckTest {

    private static final String SECRET = "health-secret-7e21a";
    private static final String HR_SECRET = "health-hr-secret-99b0";

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    public static class Tokens {
        @Inject
        BoxTokenProvider box;
        @Inject
        @BoxApp("hr")
        BoxTokenProvider hr;
    }

    private CdiContainer start() {
        BOX.simulator().registerApp("health-client", SECRET, "800");
        BOX.simulator().registerApp("health-hr", HR_SECRET, "900");
        return CdiContainer.start(Map.of(
                "box.ccg.client-id", "health-client",
                "box.ccg.client-secret", SECRET,
                "box.ccg.enterprise-id", "800",
                "box.ccg.token-url", BOX.simulator().tokenUrl().toString(),
                "box.ccg.hr.client-id", "health-hr",
                "box.ccg.hr.client-secret", HR_SECRET,
                "box.ccg.hr.enterprise-id", "901", // not the app's enterprise: Box refuses the grant
                "box.ccg.hr.token-url", BOX.simulator().tokenUrl().toString(),
                "box.ccg.hr.failure-cooldown.initial", "30s"), Tokens.class);
    }

    private static Map<String, HealthCheckResponse> probe() {
        return CDI.current().select(HealthCheck.class, Readiness.Literal.INSTANCE).stream()
                .map(HealthCheck::call)
                .collect(Collectors.toMap(HealthCheckResponse::getName, r -> r, (a, b) -> a, TreeMap::new));
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    @Test
    void oneCheckPerConfigurationUpAndNotRequestedYetBeforeTheFirstToken() {
        try (CdiContainer cdi = start()) {
            Map<String, HealthCheckResponse> checks = probe();
            assertEquals(List.of("box-ccg", "box-ccg:hr"), List.copyOf(checks.keySet()));
            HealthCheckResponse box = checks.get("box-ccg");
            assertEquals(HealthCheckResponse.Status.UP, box.getStatus());
            assertEquals(Map.of("configuration", "default", "subject", "enterprise 800", "state", "not requested yet"),
                    data(box));
            assertEquals("enterprise 901", data(checks.get("box-ccg:hr")).get("subject"));
            assertTrue(CDI.current().select(HealthCheck.class, Liveness.Literal.INSTANCE).isUnsatisfied(),
                    "liveness untouched");
            assertEquals(0, BOX.simulator().tokenRequests(), "a probe never calls Box");
        }
    }

    @Test
    void upWithTheExpiryAfterATokenAndDownWithBoxsErrorAfterARefusal() {
        try (CdiContainer cdi = start()) {
            Tokens tokens = cdi.select(Tokens.class);
            String token = tokens.box.token().value();
            assertThrows(BoxAuthenticationException.class, () -> tokens.hr.token());
            int requests = BOX.simulator().tokenRequests();

            Map<String, HealthCheckResponse> checks = probe();
            HealthCheckResponse box = checks.get("box-ccg");
            assertEquals(HealthCheckResponse.Status.UP, box.getStatus());
            assertEquals("token held", data(box).get("state"));
            assertTrue(data(box).containsKey("valid-until"), data(box).toString());

            HealthCheckResponse hr = checks.get("box-ccg:hr");
            assertEquals(HealthCheckResponse.Status.DOWN, hr.getStatus());
            Map<String, Object> refused = data(hr);
            assertEquals("refused", refused.get("state"));
            assertEquals("invalid_grant", refused.get("last-error"));
            assertEquals("Grant credentials are invalid", refused.get("last-error-description"));
            assertEquals("400", refused.get("last-http-status"));
            assertTrue(refused.containsKey("hint"), refused.toString());
            assertTrue(refused.containsKey("next-attempt"), "in cooldown: " + refused);

            for (HealthCheckResponse response : checks.values()) {
                String shown = data(response).toString();
                assertFalse(shown.contains(SECRET) || shown.contains(HR_SECRET) || shown.contains(token), shown);
            }
            probe();
            assertEquals(requests, BOX.simulator().tokenRequests(), "probes never call Box");
        }
    }

    /**
     * Registers the {@code @Readiness} checks in AfterDeploymentValidation, as WildFly's MicroProfile Health does; it
     * drops them only in BeforeShutdown, which a deployment that fails validation never reaches.
     */
    public static class ServerHealthReporter implements Extension {
        final List<String> registered = new ArrayList<>();

        void register(@Observes AfterDeploymentValidation validation, BeanManager beanManager) {
            beanManager.createInstance().select(HealthCheck.class, Readiness.Literal.INSTANCE)
                    .forEach(check -> registered.add(check.toString()));
        }
    }

    @Test
    void noCheckForADeploymentThatFailsOnItsConfiguration() {
        ServerHealthReporter server = new ServerHealthReporter();
        Map<String, String> missingHrSecret = Map.of(
                "box.ccg.client-id", "health-client",
                "box.ccg.client-secret", SECRET,
                "box.ccg.enterprise-id", "800",
                "box.ccg.hr.client-id", "health-hr",
                "box.ccg.hr.enterprise-id", "900");
        RuntimeException failed = assertThrows(RuntimeException.class,
                () -> CdiContainer.startWith(List.of(server), missingHrSecret, Tokens.class).close());
        assertTrue(String.valueOf(failed.getMessage()).contains("box.ccg.hr.client-secret"), failed.toString());
        assertEquals(List.of(), server.registered, "a failed deployment left readiness checks with the server");
    }

    @Test
    void theServerGetsTheChecksOfAValidDeploymentAndTheyAnswerDownOnceItStopped() {
        ServerHealthReporter server = new ServerHealthReporter();
        List<HealthCheck> kept;
        BOX.simulator().registerApp("health-client", SECRET, "800");
        try (CdiContainer cdi = CdiContainer.startWith(List.of(server), Map.of(
                "box.ccg.client-id", "health-client",
                "box.ccg.client-secret", SECRET,
                "box.ccg.enterprise-id", "800",
                "box.ccg.token-url", BOX.simulator().tokenUrl().toString(),
                "box.ccg.hr.client-id", "health-hr",
                "box.ccg.hr.client-secret", HR_SECRET,
                "box.ccg.hr.enterprise-id", "900",
                "box.ccg.hr.token-url", BOX.simulator().tokenUrl().toString()), Tokens.class)) {
            assertEquals(2, server.registered.size(), server.registered.toString());
            kept = CDI.current().select(HealthCheck.class, Readiness.Literal.INSTANCE).stream().toList();
        }
        for (HealthCheck check : kept) { // a server that still probes the checks of a stopped application
            HealthCheckResponse response = check.call();
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertEquals("application stopped", data(response).get("state"));
        }
    }

    @Test
    void noCheckWhenTheApplicationUsesNoBoxConfiguration() {
        try (CdiContainer cdi = CdiContainer.start(Map.of())) {
            assertTrue(CDI.current().select(HealthCheck.class, Readiness.Literal.INSTANCE).isUnsatisfied());
        }
    }
}
