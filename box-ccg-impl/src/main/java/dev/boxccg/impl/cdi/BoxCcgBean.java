package dev.boxccg.impl.cdi;

import dev.boxccg.BoxTenantCredentials;
import dev.boxccg.impl.runtime.BoxCcgRuntime;
import dev.boxccg.impl.runtime.BoxCcgTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The application's {@link BoxCcgRuntime}, started with the application and stopped with it. Renewals run on the
 * container's default {@code ManagedScheduledExecutorService} where there is one (Jakarta Concurrency), else on daemon
 * threads of our own. Metrics and traces go where {@link TelemetryLookup} finds a way.
 */
@ApplicationScoped
public class BoxCcgBean {

    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedScheduledExecutorService";
    /** Logged once at start, so an operator (and the integration tests) can see where renewals run. */
    static final String RENEWS_ON_MANAGED_EXECUTOR = "box-ccg renews tokens on " + MANAGED_EXECUTOR;
    static final String RENEWS_ON_OWN_THREADS = "box-ccg renews tokens on daemon threads of its own (no "
            + MANAGED_EXECUTOR + ")";
    private static final System.Logger LOG = System.getLogger(BoxCcgBean.class.getName());

    /** Where the server's OpenTelemetry and MetricRegistry beans are looked for. */
    @Inject
    Instance<Object> beans;

    private BoxCcgRuntime runtime;

    /** The application's tenant resolver, if it has one: looked up on first use of a configuration serving tenants. */
    @Inject
    Instance<BoxTenantCredentials> tenantCredentials;

    @PostConstruct
    void start() {
        ScheduledExecutorService managed = lookupManagedExecutor();
        LOG.log(Level.INFO, managed != null ? RENEWS_ON_MANAGED_EXECUTOR : RENEWS_ON_OWN_THREADS);
        BoxCcgTelemetry.Factory telemetry = TelemetryLookup.find(beans);
        Supplier<Optional<BoxTenantCredentials>> resolver = this::tenantCredentials;
        runtime = managed != null
                ? BoxCcgRuntime.onContainerExecutor(ConfigProvider.getConfig(), managed, telemetry, resolver)
                : BoxCcgRuntime.onOwnThreads(ConfigProvider.getConfig(), telemetry, resolver);
    }

    /** The application's resolver: injected, else looked up from the application (as the client filter does). */
    private Optional<BoxTenantCredentials> tenantCredentials() {
        if (tenantCredentials.isResolvable()) {
            return Optional.of(tenantCredentials.get());
        }
        try {
            Instance<BoxTenantCredentials> found = CDI.current().select(BoxTenantCredentials.class);
            return found.isResolvable() ? Optional.of(found.get()) : Optional.empty();
        } catch (IllegalStateException noContainer) {
            return Optional.empty();
        }
    }

    @PreDestroy
    void stop() {
        runtime.close();
    }

    public BoxCcgRuntime runtime() {
        return runtime;
    }

    /** For code that JAX-RS, not CDI, creates (the client filter): it looks the runtime up by its own type. */
    @Produces
    @Dependent
    BoxCcgRuntime producedRuntime() {
        return runtime;
    }

    private static ScheduledExecutorService lookupManagedExecutor() {
        try {
            Object found = new InitialContext().lookup(MANAGED_EXECUTOR);
            if (found instanceof ScheduledExecutorService executor) {
                return executor;
            }
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.DEBUG, "No " + MANAGED_EXECUTOR + " ({0}); token renewals run on daemon threads of box-ccg",
                    e.toString());
        }
        return null;
    }
}
