package dev.boxccg.impl.health;

import dev.boxccg.core.TenantRegistry;
import dev.boxccg.impl.config.BoxAppConfiguration;
import dev.boxccg.impl.runtime.BoxCcgReadiness;
import dev.boxccg.impl.runtime.BoxCcgRuntime;
import jakarta.enterprise.inject.Vetoed;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The MicroProfile Health readiness check of one Box configuration. Loaded only when the Health API is present:
 * {@link HealthChecks} adds it as a synthetic bean, and this package is excluded from bean discovery
 * ({@code META-INF/beans.xml}). A probe reads the engine's state; it never calls Box.
 */
@Vetoed
public final class BoxCcgReadinessCheck implements HealthCheck {

    private final String configurationName;
    /** Computed once: a probe of a deployment whose class loader is gone must not load a class to name itself. */
    private final String name;
    private final Supplier<BoxCcgRuntime> runtime;

    public BoxCcgReadinessCheck(String configurationName, Supplier<BoxCcgRuntime> runtime) {
        this.configurationName = Objects.requireNonNull(configurationName, "configurationName");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.name = BoxCcgReadiness.checkName(configurationName);
    }

    @Override
    public HealthCheckResponse call() {
        BoxCcgReadiness readiness;
        try {
            BoxCcgRuntime box = runtime.get();
            BoxAppConfiguration configuration = box.configuration(configurationName);
            readiness = configuration.servesTenants()
                    ? tenants(configuration, box.tenants(configurationName))
                    : BoxCcgReadiness.of(configuration, box.status(configurationName));
        } catch (RuntimeException e) { // stopped, or a configuration that cannot be read: its message names no secret
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("configuration", configurationName.isEmpty() ? "default" : configurationName);
            data.put("state", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return new HealthCheckResponse(name, HealthCheckResponse.Status.DOWN, Optional.of(data));
        } catch (LinkageError gone) {
            // The application's classes are gone while the server still probes this check (a server that keeps the
            // checks of a deployment that failed or was removed): DOWN, rather than an error that fails the server's
            // whole health endpoint. Only JDK and Health API classes here.
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("configuration", configurationName.isEmpty() ? "default" : configurationName);
            data.put("state", "application stopped");
            return new HealthCheckResponse(name, HealthCheckResponse.Status.DOWN, Optional.of(data));
        }
        return new HealthCheckResponse(name,
                readiness.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(new LinkedHashMap<String, Object>(readiness.data())));
    }

    private static BoxCcgReadiness tenants(BoxAppConfiguration configuration, TenantRegistry registry) {
        registry.dropIdle(); // counts without tenants long unused
        return BoxCcgReadiness.ofTenants(configuration, registry.states(), registry.maxTenants());
    }

    @Override
    public String toString() {
        return "BoxCcgReadinessCheck[" + name + "]";
    }
}
