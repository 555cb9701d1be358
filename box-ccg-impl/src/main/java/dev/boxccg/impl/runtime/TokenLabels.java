package dev.boxccg.impl.runtime;

import java.util.Objects;

/**
 * What metrics and traces may say about a token: which configuration it serves and what kind of subject it acts as.
 * Never an ID (enterprise, user or client), a token or a secret: both values come from a small, fixed set per
 * application, so they are safe as low-cardinality attributes.
 *
 * @param configuration the configuration's name, {@value #DEFAULT_CONFIGURATION} for the unnamed one, or
 *                      {@value #OTHER_CONFIGURATION} for a token of an app no configuration in use names
 * @param subjectType   {@value #ENTERPRISE}, {@value #USER}, {@value #AS_USER} or {@value #TOKEN_EXCHANGE}
 */
public record TokenLabels(String configuration, String subjectType) {

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

    /** @return {@value #DEFAULT_CONFIGURATION} for {@code ""}, else the name itself */
    public static String configurationLabel(String configurationName) {
        return configurationName.isEmpty() ? DEFAULT_CONFIGURATION : configurationName;
    }
}
