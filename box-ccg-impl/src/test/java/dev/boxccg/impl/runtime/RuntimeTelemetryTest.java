package dev.boxccg.impl.runtime;

import dev.boxccg.core.TokenKey;
import dev.boxccg.testkit.BoxSimulatorExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The runtime's telemetry never costs the application a token: a telemetry that throws (a {@code LinkageError} too,
 * as a server's API of another version could) is logged and ignored, and the others still hear every event.
 */
class RuntimeTelemetryTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    /** The default configuration of an app the simulator knows. */
    private static Config config() {
        BOX.simulator().registerApp("runtime-telemetry", "runtime-telemetry-secret", "4711");
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "box.ccg.client-id", "runtime-telemetry",
                "box.ccg.client-secret", "runtime-telemetry-secret",
                "box.ccg.enterprise-id", "4711",
                "box.ccg.token-url", BOX.simulator().tokenUrl().toString()), "test", 100)).build();
    }

    @Test
    void aFailingTelemetryNeitherBreaksTheTokenNorSilencesTheOthers() {
        Config config = config();
        List<String> heard = new CopyOnWriteArrayList<>();
        BoxCcgTelemetry broken = new BoxCcgTelemetry() {
            @Override
            public void requestStarted(TokenKey key, boolean renewal) {
                throw new NoSuchMethodError("an API of another version");
            }

            @Override
            public void requestFinished(TokenKey key, Outcome outcome, Duration duration,
                                        dev.boxccg.BoxAuthenticationException failure) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void unauthorizedRecovery(String configurationName, String tenant) {
                throw new NoClassDefFoundError("io/opentelemetry/api/trace/Span");
            }
        };
        BoxCcgTelemetry recording = new BoxCcgTelemetry() {
            @Override
            public void requestStarted(TokenKey key, boolean renewal) {
                heard.add("started " + key.request().subject().type());
            }

            @Override
            public void requestFinished(TokenKey key, Outcome outcome, Duration duration,
                                        dev.boxccg.BoxAuthenticationException failure) {
                heard.add("finished " + outcome);
            }

            @Override
            public void unauthorizedRecovery(String configurationName, String tenant) {
                heard.add("recovered '" + configurationName + "' tenant " + tenant);
            }
        };
        try (BoxCcgRuntime runtime = BoxCcgRuntime.onOwnThreads(config,
                source -> BoxCcgTelemetry.all(List.of(broken, recording)), Optional::empty)) {
            assertNotNull(runtime.provider("").token().value());
            runtime.unauthorizedRecovery("");
            assertEquals(List.of("started ENTERPRISE", "finished ISSUED", "recovered '' tenant null"), heard);
        }
    }

    @Test
    void aTelemetryThatFailsToStartLeavesTheApplicationWithoutOne() {
        Config config = config();
        try (BoxCcgRuntime runtime = BoxCcgRuntime.onOwnThreads(config, source -> {
            throw new NoClassDefFoundError("io/opentelemetry/api/OpenTelemetry");
        }, Optional::empty)) {
            assertNotNull(runtime.provider("").token().value());
            runtime.unauthorizedRecovery(""); // no telemetry: nothing happens
            assertEquals(1, BOX.simulator().tokenRequests());
        }
    }
}
