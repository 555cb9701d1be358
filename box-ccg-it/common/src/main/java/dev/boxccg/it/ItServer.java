package dev.boxccg.it;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * What a server module tells the shared scenarios, as system properties of the test JVM (failsafe's
 * {@code systemPropertyVariables}); see {@code box-ccg-it/README.md}.
 *
 * <table>
 *   <caption>The properties</caption>
 *   <tr><th>property</th><th>meaning</th></tr>
 *   <tr><td>{@code box-ccg-it.server-name}</td><td>for messages, e.g. {@code WildFly 39.0.1.Final}</td></tr>
 *   <tr><td>{@code box-ccg-it.server-log}</td><td>the server's log file (required)</td></tr>
 *   <tr><td>{@code box-ccg-it.hr-secret-via}</td><td>{@code environment} or {@code system-property}: how the
 *       server process gets the {@code hr} configuration's secret (required)</td></tr>
 *   <tr><td>{@code box-ccg-it.http-port}</td><td>the HTTP port the server must answer on (checked if given)</td></tr>
 *   <tr><td>{@code box-ccg-it.deployment-error-in-exception}</td><td>{@code true} if a failed deployment's cause
 *       reaches the Arquillian deployer's exception, {@code false} if only the server log has it (required)</td></tr>
 *   <tr><td>{@code box-ccg-it.managed-executor}</td><td>{@code true} if the server has Jakarta Concurrency's
 *       default {@code ManagedScheduledExecutorService}, so box-ccg renews tokens on it (required)</td></tr>
 *   <tr><td>{@code box-ccg-it.telemetry-traces}</td><td>{@code otlp} if the server's MicroProfile Telemetry exports
 *       spans over OTLP, {@code none} (the default) if it has no tracing the suite can read</td></tr>
 *   <tr><td>{@code box-ccg-it.telemetry-metrics}</td><td>where box-ccg's metrics can be read: {@code otlp}
 *       (exported by MicroProfile Telemetry), {@code mp-metrics} (MicroProfile Metrics' endpoint,
 *       {@code box-ccg-it.metrics-url}) or {@code none} (the default)</td></tr>
 * </table>
 */
public final class ItServer {

    public static final String NAME = "box-ccg-it.server-name";
    public static final String LOG = "box-ccg-it.server-log";
    public static final String HR_SECRET_VIA = "box-ccg-it.hr-secret-via";
    public static final String HTTP_PORT = "box-ccg-it.http-port";
    public static final String DEPLOYMENT_ERROR_IN_EXCEPTION = "box-ccg-it.deployment-error-in-exception";
    public static final String MANAGED_EXECUTOR = "box-ccg-it.managed-executor";
    /** The server's MicroProfile Health readiness endpoint, e.g. {@code http://127.0.0.1:10090/health/ready}. */
    public static final String HEALTH_URL = "box-ccg-it.health-url";
    /** Whether the server gives applications MicroProfile Health (true) or not (false: the endpoint is absent). */
    public static final String HEALTH_API = "box-ccg-it.health-api";

    /** How the server exports spans: {@code otlp} or {@code none}. */
    public static final String TELEMETRY_TRACES = "box-ccg-it.telemetry-traces";
    /** Where box-ccg's metrics can be read: {@code otlp}, {@code mp-metrics} or {@code none}. */
    public static final String TELEMETRY_METRICS = "box-ccg-it.telemetry-metrics";
    /** MicroProfile Metrics' endpoint, e.g. {@code http://127.0.0.1:8280/metrics}: with {@code mp-metrics} only. */
    public static final String METRICS_URL = "box-ccg-it.metrics-url";

    /** Where a server puts what MicroProfile Telemetry (or Metrics) collects, as far as the suite can read it. */
    public enum Export {
        /** OpenTelemetry's OTLP/HTTP exporter, to the test JVM's {@link OtlpReceiver} */
        OTLP,
        /** MicroProfile Metrics' Prometheus text at {@link #metricsUrl()} (metrics only) */
        MP_METRICS,
        /** nothing the suite can read */
        NONE
    }

    /** How the server process gets a setting that must not be in the WAR. */
    public enum Via {
        /** an environment variable of the server process, inherited from the test JVM (failsafe's environmentVariables) */
        ENVIRONMENT,
        /** a system property of the server process (its JVM arguments) */
        SYSTEM_PROPERTY
    }

    private ItServer() {
    }

    /** @return the server's name for messages */
    public static String name() {
        return System.getProperty(NAME, "the server");
    }

    /** @return the server's log file, as the server module configured it */
    public static ServerLog log() {
        return new ServerLog(Path.of(required(LOG)));
    }

    public static Via hrSecretVia() {
        String via = required(HR_SECRET_VIA);
        try {
            return Via.valueOf(via.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(HR_SECRET_VIA + " is '" + via + "': give environment or system-property");
        }
    }

    public static OptionalInt httpPort() {
        String port = System.getProperty(HTTP_PORT);
        return port == null || port.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(port.trim()));
    }

    public static boolean deploymentErrorInException() {
        return requiredBoolean(DEPLOYMENT_ERROR_IN_EXCEPTION);
    }

    public static java.net.URI healthUrl() {
        return java.net.URI.create(required(HEALTH_URL).trim());
    }

    public static boolean healthApi() {
        return requiredBoolean(HEALTH_API);
    }

    public static boolean managedExecutor() {
        return requiredBoolean(MANAGED_EXECUTOR);
    }

    /** @return how the server exports spans; {@link Export#NONE} unless the module says otherwise */
    public static Export telemetryTraces() {
        Export export = export(TELEMETRY_TRACES);
        if (export == Export.MP_METRICS) {
            throw new IllegalStateException(TELEMETRY_TRACES + " is mp-metrics: give otlp or none");
        }
        return export;
    }

    /** @return where box-ccg's metrics can be read; {@link Export#NONE} unless the module says otherwise */
    public static Export telemetryMetrics() {
        return export(TELEMETRY_METRICS);
    }

    /** @return whether the test WAR turns MicroProfile Telemetry on, exporting to the test JVM's OTLP receiver */
    public static boolean exportsOtlp() {
        return telemetryTraces() == Export.OTLP || telemetryMetrics() == Export.OTLP;
    }

    public static java.net.URI metricsUrl() {
        return java.net.URI.create(required(METRICS_URL).trim());
    }

    private static Export export(String property) {
        String value = System.getProperty(property, "none");
        try {
            return Export.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is '" + value + "': give otlp, mp-metrics or none");
        }
    }

    private static boolean requiredBoolean(String property) {
        String value = required(property).trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalStateException(property + " is '" + value + "': give true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The system property " + property + " is not set: the server module's"
                    + " pom.xml must give it to maven-failsafe-plugin (systemPropertyVariables); see box-ccg-it/README.md");
        }
        return value;
    }
}
