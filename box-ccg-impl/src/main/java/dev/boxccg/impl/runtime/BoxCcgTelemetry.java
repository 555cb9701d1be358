package dev.boxccg.impl.runtime;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.core.EngineListener;
import dev.boxccg.core.TokenKey;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Metrics or traces of one application's box-ccg: hears the engine (as its {@link EngineListener}) and the 401
 * recoveries of the REST client interceptor. Implementations live in {@code dev.boxccg.impl.telemetry}, loaded only
 * when the server provides their API. Every method is quick and never blocks; a failure inside one is logged and never
 * reaches the caller.
 */
public interface BoxCcgTelemetry extends EngineListener, AutoCloseable {

    /** Records nothing: the application's server offers neither OpenTelemetry nor MicroProfile Metrics. */
    BoxCcgTelemetry NONE = new BoxCcgTelemetry() {
    };

    /**
     * A {@code @BoxAuthenticated} call Box answered 401 is sent once more, with a new token. Called on the caller's
     * thread, just before the call is sent again.
     *
     * @param configurationName {@code ""} for the default configuration
     * @param tenant            the label of the tenant the call was for; null if it was no tenant's
     */
    default void unauthorizedRecovery(String configurationName, String tenant) {
    }

    /**
     * Tenants were dropped or got new labels: whatever was registered per tenant label (a MicroProfile Metrics
     * gauge) and is no longer in {@link TelemetrySource#tokensHeld()} goes. Quick; never under a lock of box-ccg's.
     */
    default void tenantsDropped() {
    }

    /** The application stops: unregister whatever reads the runtime (gauges, callbacks). */
    @Override
    default void close() {
    }

    /** Makes a telemetry once the runtime it reads exists. */
    @FunctionalInterface
    interface Factory {
        Factory NONE = source -> BoxCcgTelemetry.NONE;

        BoxCcgTelemetry start(TelemetrySource source);
    }

    /**
     * @return a telemetry that hands every event to each of {@code parts}, catching and logging whatever one throws
     *         (a {@code LinkageError} too, from an API that differs from what box-ccg was compiled against): one failing
     *         part neither stops the others nor reaches the engine or the caller
     */
    static BoxCcgTelemetry all(List<BoxCcgTelemetry> parts) {
        List<BoxCcgTelemetry> copy = parts.stream().filter(part -> part != NONE).toList();
        return copy.isEmpty() ? NONE : new All(copy);
    }

    /** The parts of {@link #all}, each called alone so that one's exception does not silence the next. */
    record All(List<BoxCcgTelemetry> parts) implements BoxCcgTelemetry {

        private static final System.Logger LOG = System.getLogger(BoxCcgTelemetry.class.getName());

        @Override
        public void requestStarted(TokenKey key, boolean renewal) {
            parts.forEach(part -> safely(() -> part.requestStarted(key, renewal)));
        }

        @Override
        public void attemptFailed(TokenKey key, int attempt, BoxAuthenticationException failure) {
            parts.forEach(part -> safely(() -> part.attemptFailed(key, attempt, failure)));
        }

        @Override
        public void requestFinished(TokenKey key, Outcome outcome, Duration duration,
                                    BoxAuthenticationException failure) {
            parts.forEach(part -> safely(() -> part.requestFinished(key, outcome, duration, failure)));
        }

        @Override
        public void cooldownStarted(TokenKey key, Duration cooldown, BoxAuthenticationException failure) {
            parts.forEach(part -> safely(() -> part.cooldownStarted(key, cooldown, failure)));
        }

        @Override
        public void invalidated(TokenKey key) {
            parts.forEach(part -> safely(() -> part.invalidated(key)));
        }

        @Override
        public void evicted(TokenKey key) {
            parts.forEach(part -> safely(() -> part.evicted(key)));
        }

        @Override
        public void unauthorizedRecovery(String configurationName, String tenant) {
            parts.forEach(part -> safely(() -> part.unauthorizedRecovery(configurationName, tenant)));
        }

        @Override
        public void tenantsDropped() {
            parts.forEach(part -> safely(part::tenantsDropped));
        }

        @Override
        public void close() {
            parts.forEach(part -> safely(part::close));
        }

        private static void safely(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "box-ccg telemetry failed: {0}", e.toString());
            }
        }
    }
}
