package dev.boxccg.impl.runtime;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.core.TenantRegistry;
import dev.boxccg.core.TokenStatus;
import dev.boxccg.impl.config.BoxAppConfiguration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The readiness of one Box configuration, from what the engine already knows ({@link TokenStatus}): never asks Box.
 * Plain Java, so the MicroProfile Health check (in {@code dev.boxccg.impl.health}) stays a thin adapter and this logic
 * is tested without a Health implementation. Its data carry Box's {@code error}, {@code error_description} and
 * box-ccg's hint, never the client secret or a token.
 *
 * @param up   true while a valid token is held, or the last request succeeded, or none was requested yet
 * @param data the check's data, in a stable order
 */
public record BoxCcgReadiness(boolean up, Map<String, String> data) {

    public static final String NOT_REQUESTED = "not requested yet";
    public static final String STARTING = "starting";
    public static final String TOKEN_HELD = "token held";
    public static final String REQUESTING = "requesting a token";
    public static final String EXPIRED = "no valid token held (expired or dropped), fetched on next use";
    public static final String REFUSED = "refused";
    public static final String UNREACHABLE = "unreachable";

    public BoxCcgReadiness {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** @return {@code box-ccg} for the default configuration, {@code box-ccg:hr} for a named one */
    public static String checkName(String configurationName) {
        return configurationName.isEmpty() ? "box-ccg" : "box-ccg:" + configurationName;
    }

    /** The most tenants in trouble a tenants check lists by label; the others are counted. */
    public static final int MAX_TENANTS_LISTED = 20;

    /**
     * A configuration serving tenants: its live tenants counted by the state of their token, and each tenant in
     * trouble (refused or unreachable; at most {@value #MAX_TENANTS_LISTED}, by label, the rest counted) as
     * {@code "tenant <label>": "refused (invalid_client)"}: by its label, never a tenant key, an enterprise ID or Box's
     * error description (they may name customers). Always UP: one tenant's refused credentials must not take the
     * whole application out of service; the entries show it.
     *
     * @param configuration the configuration, as read
     * @param tenants       its tenants now, by label
     * @param max           the most live tenants
     */
    public static BoxCcgReadiness ofTenants(BoxAppConfiguration configuration,
                                            List<TenantRegistry.TenantState> tenants, int max) {
        Map<String, String> data = counts(configuration, TenantRegistry.Summary.of(tenants, max));
        int inTrouble = 0;
        for (TenantRegistry.TenantState tenant : tenants) {
            Optional<BoxAuthenticationException> trouble = tenant.trouble();
            if (trouble.isPresent() && ++inTrouble <= MAX_TENANTS_LISTED) {
                data.put("tenant " + tenant.label(), (trouble.get().isTransient() ? UNREACHABLE : REFUSED) + " ("
                        + MetricsRecorder.errorType(trouble.get()) + ")");
            }
        }
        if (inTrouble > MAX_TENANTS_LISTED) {
            data.put("tenants-not-listed", Integer.toString(inTrouble - MAX_TENANTS_LISTED));
        }
        return new BoxCcgReadiness(true, data);
    }

    private static Map<String, String> counts(BoxAppConfiguration configuration, TenantRegistry.Summary tenants) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("configuration", configuration.name().isEmpty() ? "default" : configuration.name());
        data.put("tenants-live", Integer.toString(tenants.live()));
        data.put("tenants-max", Integer.toString(tenants.max()));
        data.put("tenants-token-held", Integer.toString(tenants.tokenHeld()));
        data.put("tenants-refused", Integer.toString(tenants.refused()));
        data.put("tenants-unreachable", Integer.toString(tenants.unreachable()));
        data.put("tenants-no-token", Integer.toString(tenants.noToken()));
        return data;
    }

    /**
     * @param configuration the configuration, as read
     * @param status        its token's state; empty if it was never requested
     */
    public static BoxCcgReadiness of(BoxAppConfiguration configuration, Optional<TokenStatus> status) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("configuration", configuration.name().isEmpty() ? "default" : configuration.name());
        data.put("subject", configuration.subject().toString());
        if (status.isEmpty()) {
            data.put("state", configuration.eager() ? STARTING : NOT_REQUESTED);
            return new BoxCcgReadiness(!configuration.eager(), data);
        }
        TokenStatus token = status.get();
        token.validUntil().ifPresent(until -> data.put("valid-until", until.toString()));
        Optional<BoxAuthenticationException> failure = token.lastFailure();
        boolean up;
        if (token.validUntil().isPresent()) {
            data.put("state", TOKEN_HELD);
            up = true;
        } else if (failure.isPresent()) {
            data.put("state", failure.get().isTransient() ? UNREACHABLE : REFUSED);
            up = false;
        } else if (token.inFlight()) {
            // The first request runs (or a renewal after expiry): an eager configuration is still starting.
            data.put("state", configuration.eager() ? STARTING : REQUESTING);
            up = !configuration.eager();
        } else {
            data.put("state", EXPIRED);
            up = true;
        }
        failure.ifPresent(f -> {
            data.put("last-error", f.error().orElse(f.isTransient() ? "transient" : "unknown"));
            f.errorDescription().ifPresent(d -> data.put("last-error-description", d));
            if (f.status() != BoxAuthenticationException.NO_RESPONSE) {
                data.put("last-http-status", Integer.toString(f.status()));
            }
            f.hint().ifPresent(h -> data.put("hint", h));
        });
        token.nextAttempt().ifPresent(next -> data.put("next-attempt", next.toString()));
        if (token.inFlight()) {
            data.put("in-flight", "true");
        }
        return new BoxCcgReadiness(up, data);
    }
}
