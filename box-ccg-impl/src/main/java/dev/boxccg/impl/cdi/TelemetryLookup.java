package dev.boxccg.impl.cdi;

import dev.boxccg.impl.runtime.BoxCcgTelemetry;
import dev.boxccg.impl.runtime.TelemetrySource;
import jakarta.enterprise.inject.Instance;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses where box-ccg's metrics and traces go, from what the server gives the application:
 * <ul>
 * <li>traces: OpenTelemetry, if its API is visible and the container has an {@code io.opentelemetry.api.OpenTelemetry}
 * bean (MicroProfile Telemetry);</li>
 * <li>metrics: that OpenTelemetry if its metrics are not the API's no-op (see
 * {@code OpenTelemetrySupport.hasMetrics}), else MicroProfile Metrics if its API is visible and the container has a
 * {@code MetricRegistry} bean;</li>
 * <li>else nothing.</li>
 * </ul>
 * This class names the optional APIs only as strings and touches their beans as {@code Object}s: the adapters (in
 * {@code dev.boxccg.impl.telemetry}, excluded from bean discovery) are loaded only once their API was found, so an
 * application on a server without them deploys and works as before.
 */
final class TelemetryLookup {

    static final String OPEN_TELEMETRY_API = "io.opentelemetry.api.OpenTelemetry";
    static final String METRIC_REGISTRY_API = "org.eclipse.microprofile.metrics.MetricRegistry";
    static final String OPEN_TELEMETRY_SUPPORT = "dev.boxccg.impl.telemetry.OpenTelemetrySupport";
    static final String MICROPROFILE_METRICS = "dev.boxccg.impl.telemetry.mpmetrics.MicroProfileMetrics";
    private static final System.Logger LOG = System.getLogger(TelemetryLookup.class.getName());

    private TelemetryLookup() {
    }

    /**
     * @return how to make the application's telemetry; {@link BoxCcgTelemetry.Factory#NONE} without a way, or if
     *         looking failed (logged): an application works the same without its metrics and traces
     */
    static BoxCcgTelemetry.Factory find(Instance<Object> beans) {
        try {
            return lookUp(beans, TelemetryLookup.class.getClassLoader());
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "box-ccg runs without metrics and traces: {0}", e.toString());
            return BoxCcgTelemetry.Factory.NONE;
        }
    }

    /** @param loader where the optional APIs and the adapters are looked for */
    static BoxCcgTelemetry.Factory lookUp(Instance<Object> beans, ClassLoader loader) {
        Optional<Object> openTelemetry = bean(beans, OPEN_TELEMETRY_API, loader);
        boolean otelMetrics = openTelemetry.isPresent() && (Boolean) invoke(loader, OPEN_TELEMETRY_SUPPORT,
                "hasMetrics", new Class<?>[]{Object.class}, openTelemetry.get());
        Optional<Object> registry = otelMetrics ? Optional.empty() : bean(beans, METRIC_REGISTRY_API, loader);
        LOG.log(Level.INFO, "box-ccg metrics: {0}; traces: {1}",
                otelMetrics ? "OpenTelemetry" : registry.isPresent() ? "MicroProfile Metrics" : "none",
                openTelemetry.isPresent() ? "OpenTelemetry" : "none");
        if (openTelemetry.isEmpty() && registry.isEmpty()) {
            return BoxCcgTelemetry.Factory.NONE;
        }
        return source -> {
            List<BoxCcgTelemetry> parts = new ArrayList<>();
            openTelemetry.ifPresent(otel -> {
                parts.add(adapter(loader, OPEN_TELEMETRY_SUPPORT, "tracing", otel, source));
                if (otelMetrics) {
                    parts.add(adapter(loader, OPEN_TELEMETRY_SUPPORT, "metrics", otel, source));
                }
            });
            registry.ifPresent(metrics -> parts.add(adapter(loader, MICROPROFILE_METRICS, "metrics", metrics,
                    source)));
            return BoxCcgTelemetry.all(parts);
        };
    }

    /**
     * The bean of the type named {@code typeName} with the default qualifier, if the type is visible and has one.
     * Looked up through an {@code Instance}, not {@code BeanManager.getReference}: a producer may read its injection
     * point (Payara's {@code MetricRegistry} producer does, for {@code @RegistryScope}, and fails without one).
     */
    private static Optional<Object> bean(Instance<Object> beans, String typeName, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(typeName, false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            LOG.log(Level.DEBUG, "No {0} visible to box-ccg", typeName);
            return Optional.empty();
        }
        try {
            Instance<?> found = beans.select(type);
            if (found.isUnsatisfied()) {
                LOG.log(Level.DEBUG, "No {0} bean for box-ccg", typeName);
                return Optional.empty();
            }
            return Optional.ofNullable(found.get());
        } catch (RuntimeException e) { // ambiguous, or the bean failed: the application works without telemetry
            LOG.log(Level.WARNING, "box-ccg does not use the {0} bean: {1}", typeName, e.toString());
            return Optional.empty();
        }
    }

    /** {@code adapter.method(api, source)}: the adapter's classes are loaded here, for the first time. */
    private static BoxCcgTelemetry adapter(ClassLoader loader, String adapter, String method, Object api,
                                           TelemetrySource source) {
        return (BoxCcgTelemetry) invoke(loader, adapter, method, new Class<?>[]{Object.class, TelemetrySource.class},
                api, source);
    }

    private static Object invoke(ClassLoader loader, String adapter, String method, Class<?>[] parameters,
                                 Object... arguments) {
        try {
            return Class.forName(adapter, true, loader).getMethod(method, parameters).invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(adapter + "." + method + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(adapter + "." + method + " cannot be called", e);
        }
    }
}
