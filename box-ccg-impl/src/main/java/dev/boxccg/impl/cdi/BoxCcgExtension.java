package dev.boxccg.impl.cdi;

import dev.boxccg.BoxApp;
import dev.boxccg.BoxAuthenticated;
import dev.boxccg.BoxTenantCredentials;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.impl.config.BoxCcgKeys;
import dev.boxccg.impl.client.BoxAuthenticatedNames;
import dev.boxccg.impl.config.BoxAppConfiguration;
import dev.boxccg.impl.config.BoxCcgConfigReader;
import dev.boxccg.impl.config.BoxConfigurationException;
import dev.boxccg.impl.runtime.BoxCcgRuntime;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.WithAnnotations;
import org.eclipse.microprofile.config.ConfigProvider;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Finds every Box configuration the application uses — named by {@code @BoxAuthenticated} on a type or method, or by
 * an injected {@code BoxTokenProvider} — and fails the deployment if one of them cannot be used, with a message naming
 * every faulty key. An application that uses none needs no Box configuration at all.
 */
public class BoxCcgExtension implements Extension {

    /** Present exactly when the application can see MicroProfile Health. */
    static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";
    /** Referenced by name only: it implements the Health API, so it must not be loaded without it. */
    static final String HEALTH_CHECKS = "dev.boxccg.impl.health.HealthChecks";
    private static final System.Logger LOG = System.getLogger(BoxCcgExtension.class.getName());

    private final Set<String> usedNames = new TreeSet<>();
    private volatile List<BoxAppConfiguration> configurations = List.of();
    /** The configurations as checked in AfterBeanDiscovery, so that validation reports what decided the checks. */
    private Checked checked;
    private volatile Supplier<BoxCcgRuntime> runtime;
    private volatile boolean stopped;
    private volatile boolean hasTenantResolver;

    void collectAnnotated(@Observes @WithAnnotations(BoxAuthenticated.class) ProcessAnnotatedType<?> type) {
        Class<?> javaClass = type.getAnnotatedType().getJavaClass();
        // REST client interfaces name configurations; our own interceptor carries the binding without naming one.
        if (javaClass.isInterface()) {
            usedNames.addAll(BoxAuthenticatedNames.declaredOn(javaClass));
        }
    }

    void collectInjected(@Observes ProcessInjectionPoint<?, BoxTokenProvider> injection) {
        usedNames.add(configurationName(injection.getInjectionPoint()));
    }

    /**
     * Notes whether the application has a tenant resolver bean, from the beans the container processes: a
     * BeanManager look-up in {@link AfterDeploymentValidation} does not see the application's beans on every server
     * (Payara hands an extension another bean archive's BeanManager).
     */
    void collectTenantResolver(@Observes ProcessBean<?> bean) {
        if (!hasTenantResolver && bean.getBean().getTypes().contains(BoxTenantCredentials.class)) {
            hasTenantResolver = true;
        }
    }

    /**
     * One readiness check per configuration in use, if MicroProfile Health is there and the configurations are valid;
     * nothing otherwise. The configurations are checked here already, not only in {@link AfterDeploymentValidation}:
     * a Health implementation picks up the checks in {@code AfterDeploymentValidation} and drops them when the
     * container shuts down, but a deployment that fails validation never shuts down. WildFly keeps such checks
     * registered with the failed deployment's class loader closed, and then every {@code /health/ready} of the server
     * answers HTTP 500 ({@code NoClassDefFoundError}). So a deployment that box-ccg is going to fail gets none.
     */
    void addHealthChecks(@Observes AfterBeanDiscovery event) {
        if (usedNames.isEmpty()) {
            return;
        }
        ClassLoader loader = BoxCcgExtension.class.getClassLoader();
        try {
            Class.forName(HEALTH_API, false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            LOG.log(Level.DEBUG, "No MicroProfile Health API: box-ccg adds no readiness check");
            return;
        }
        Checked checked;
        try {
            checked = check();
        } catch (RuntimeException e) { // read again, and reported, in AfterDeploymentValidation
            LOG.log(Level.DEBUG, "box-ccg adds no readiness check: its configuration cannot be read yet: {0}",
                    e.toString());
            return;
        }
        this.checked = checked;
        if (!checked.problems().isEmpty()) {
            LOG.log(Level.DEBUG, "box-ccg adds no readiness check: the deployment fails on its configuration");
            return;
        }
        try {
            Class.forName(HEALTH_CHECKS, true, loader)
                    .getMethod("register", AfterBeanDiscovery.class, Supplier.class, java.util.Collection.class)
                    .invoke(null, event, (Supplier<BoxCcgRuntime>) this::runtime, List.copyOf(usedNames));
        } catch (InvocationTargetException e) {
            event.addDefinitionError(e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.WARNING, "box-ccg could not add its MicroProfile Health readiness checks: {0}", e.toString());
        }
    }

    /**
     * Called by {@link EagerTokens} when the application has started, with a look-up made by a bean of box-ccg: the
     * BeanManager an extension's observer gets may not see box-ccg's beans (Payara gives it another bean archive's).
     */
    void started(Supplier<BoxCcgRuntime> runtime) {
        this.runtime = runtime;
    }

    void stopped(@Observes BeforeShutdown shutdown) {
        stopped = true;
        runtime = null;
    }

    /**
     * @return the application's runtime, for the readiness checks
     * @throws IllegalStateException while the application starts, and once it stopped
     */
    public BoxCcgRuntime runtime() {
        Supplier<BoxCcgRuntime> started = runtime;
        if (started == null) {
            throw new IllegalStateException(stopped ? "application stopped" : "application starting");
        }
        return started.get();
    }

    /** @return the configurations the application uses, each valid, as read at deployment */
    public List<BoxAppConfiguration> configurations() {
        return configurations;
    }

    void validate(@Observes AfterDeploymentValidation validation) {
        if (usedNames.isEmpty()) {
            return;
        }
        Checked checked = this.checked != null ? this.checked : check();
        checked.problems().forEach(validation::addDeploymentProblem);
        configurations = checked.usable();
        List<String> servingTenants = checked.usable().stream().filter(BoxAppConfiguration::servesTenants)
                .map(BoxAppConfiguration::name).toList();
        if (!servingTenants.isEmpty() && !hasTenantResolver) {
            servingTenants.forEach(name -> validation.addDeploymentProblem(new BoxConfigurationException(name,
                    List.of(BoxCcgKeys.key(name, BoxCcgKeys.TENANTS) + " is true but the application has no CDI bean"
                            + " implementing dev.boxccg.BoxTenantCredentials to resolve each tenant's credentials"))));
        }
    }

    /** The configurations in use that are valid, and every problem that fails the deployment. */
    record Checked(List<BoxAppConfiguration> usable, List<Throwable> problems) {
    }

    private Checked check() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(ConfigProvider.getConfig());
        List<BoxAppConfiguration> usable = new ArrayList<>();
        List<Throwable> problems = new ArrayList<>();
        for (String name : usedNames) {
            try {
                List<String> faults = reader.problems(name);
                if (faults.isEmpty()) {
                    usable.add(reader.read(name));
                } else {
                    problems.add(new BoxConfigurationException(name, faults));
                }
            } catch (IllegalArgumentException badName) { // e.g. @BoxApp("h.r"): not a name a key can carry
                problems.add(badName);
            }
        }
        problems.addAll(BoxCcgRuntime.conflicts(usable));
        problems.addAll(BoxCcgRuntime.missingTokenStores(usable));
        for (Runnable runtimeWide : List.<Runnable>of(reader::maxSubjects, reader::maxTenants,
                reader::tenantIdleTimeout, reader::tenantResolveTimeout)) {
            try {
                runtimeWide.run();
            } catch (BoxConfigurationException e) {
                problems.add(e);
            }
        }
        return new Checked(List.copyOf(usable), List.copyOf(problems));
    }

    static String configurationName(InjectionPoint injectionPoint) {
        return injectionPoint.getQualifiers().stream()
                .filter(BoxApp.class::isInstance)
                .map(qualifier -> ((BoxApp) qualifier).value())
                .findFirst()
                .orElse("");
    }
}
