package dev.boxccg.impl.runtime;

import java.util.Objects;

/**
 * What metrics and traces may say about a token: which configuration it serves, what kind of subject it acts as and,
 * for a tenant's token, the tenant's label. Never an ID (enterprise, user or client), a token, a secret or a tenant
 * key: the configuration and subject type come from a small, fixed set per application, and the tenant label is one
 * per live tenant (at most {@code box.ccg.max-tenants}), a pseudonym or a label the application chose.
 *
 * @param configuration the configuration's name, {@value #DEFAULT_CONFIGURATION} for the unnamed one, or
 *                      {@value #OTHER_CONFIGURATION} for a token of an app no configuration in use names
 * @param subjectType   {@value #ENTERPRISE}, {@value #USER}, {@value #AS_USER} or {@value #TOKEN_EXCHANGE}
 * @param tenant        the tenant's label ({@code dev.boxccg.BoxTenants#label}); null for a token that is no tenant's
 */
public record TokenLabels(String configuration, String subjectType, String tenant) {

    public static final String DEFAULT_CONFIGURATION = "default";
    public static final String OTHER_CONFIGURATION = "other";
    /** The configuration's own subject is its enterprise's service account. */
    public static final String ENTERPRISE = "enterprise";
    /** The configuration's own subject is a user ({@code box.ccg.user-id}). */
    public static final String USER = "user";
    /** A user token the configuration fetched to act as another user ({@code as-user-mode=user-token}). */
    public static final String AS_USER = "as_user";
    /** A downscoped token (Box's token exchange). */
    public static final String TOKEN_EXCHANGE = "token_exchange";

    public TokenLabels {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(subjectType, "subjectType");
    }

    /** A token of a configuration with credentials of its own: no tenant. */
    public TokenLabels(String configuration, String subjectType) {
        this(configuration, subjectType, null);
    }

    /** @return {@value #DEFAULT_CONFIGURATION} for {@code ""}, else the name itself */
    public static String configurationLabel(String configurationName) {
        return configurationName.isEmpty() ? DEFAULT_CONFIGURATION : configurationName;
    }
}
