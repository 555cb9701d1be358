package dev.boxccg.impl.runtime;

import dev.boxccg.core.TokenKey;

import java.util.Map;

/**
 * What box-ccg's metrics and traces read from the application's {@link BoxCcgRuntime}: labels for the engine's keys,
 * and the state the gauges report. Read on the telemetry's threads (an exporter's collection), so every method is
 * cheap, never blocks and never calls Box.
 */
public interface TelemetrySource {

    /** @return the configuration and subject type of {@code key}; never an ID */
    TokenLabels labels(TokenKey key);

    /**
     * @return how many valid tokens the engine holds, per configuration and subject type; every configuration in use
     *         has an entry for its own subject, 0 when it holds none
     */
    Map<TokenLabels, Long> tokensHeld();

    /**
     * @return per configuration in use (labelled as in {@link TokenLabels#configuration()}), the seconds until its own
     *         subject's token expires; 0 when it holds no valid token
     */
    Map<String, Double> secondsUntilExpiry();
}
