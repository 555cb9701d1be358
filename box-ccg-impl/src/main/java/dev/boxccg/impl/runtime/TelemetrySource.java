package dev.boxccg.impl.runtime;

import dev.boxccg.core.TokenKey;

import java.util.Map;

/**
 * What box-ccg's metrics and traces read from the application's {@link BoxCcgRuntime}: labels for the engine's keys,
 * and the state the gauges report. Read on the telemetry's threads (an exporter's collection), so every method is
 * cheap, never blocks and never calls Box.
 */
public interface TelemetrySource {

    /** @return the configuration, subject type and (for a tenant's token) tenant label of {@code key}; never an ID */
    TokenLabels labels(TokenKey key);

    /**
     * @return how many valid tokens the engine holds, per configuration, subject type and tenant; every configuration
     *         with credentials of its own, and every live tenant, has an entry for its own subject, 0 when it holds
     *         none. A tenant no longer live has no entry.
     */
    Map<TokenLabels, Long> tokensHeld();

    /**
     * @return per configuration with credentials of its own and per live tenant (the labels of its own subject), the
     *         seconds until its own subject's token expires; 0 when it holds no valid token
     */
    Map<TokenLabels, Double> secondsUntilExpiry();
}
