package dev.boxccg.impl.config;

import dev.boxccg.BoxSubject;
import dev.boxccg.core.BoxCcgSettings;
import java.util.Objects;

/**
 * One named Box configuration, read and validated: everything the engine needs to obtain tokens for one subject.
 * Its {@link #toString()} shows the settings only through {@link BoxCcgSettings#toString()}, which redacts the
 * client secret.
 *
 * @param name     {@link BoxCcgKeys#DEFAULT_NAME} for the default configuration, otherwise its name
 * @param settings the Box app's credentials and the engine's settings
 * @param subject    whom the tokens act as
 * @param asUserMode how a call acts as a user: {@value BoxCcgKeys#AS_USER_MODE}
 * @param eager      whether the token is fetched at startup: {@value BoxCcgKeys#EAGER}
 * @param eagerFailDeployment whether startup waits for it and a refusal fails the deployment:
 *                   {@value BoxCcgKeys#EAGER_FAIL_DEPLOYMENT}
 * @param tokenStore where the app's tokens are kept: {@value BoxCcgKeys#TOKEN_STORE} and its keys
 * @param servesTenants {@value BoxCcgKeys#TENANTS}: the credentials (client ID, secret, subject) come per tenant from
 *                   the application's {@code BoxTenantCredentials}; the settings' credentials and the subject here are
 *                   placeholders, never sent to Box, and every other setting applies to every tenant
 */
public record BoxAppConfiguration(String name, BoxCcgSettings settings, BoxSubject subject, AsUserMode asUserMode,
                                  boolean eager, boolean eagerFailDeployment, TokenStoreConfiguration tokenStore,
                                  boolean servesTenants) {

    /** The placeholder client ID (and secret) of a configuration serving tenants. */
    public static final String PER_TENANT = "per-tenant";

    /** @throws IllegalArgumentException if the name is not a valid configuration name */
    public BoxAppConfiguration {
        BoxCcgKeys.checkName(name);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(asUserMode, "asUserMode");
        Objects.requireNonNull(tokenStore, "tokenStore");
    }

    /** A configuration with credentials of its own, whose tokens are kept as {@code tokenStore} says. */
    public BoxAppConfiguration(String name, BoxCcgSettings settings, BoxSubject subject, AsUserMode asUserMode,
                               boolean eager, boolean eagerFailDeployment, TokenStoreConfiguration tokenStore) {
        this(name, settings, subject, asUserMode, eager, eagerFailDeployment, tokenStore, false);
    }

    /** A configuration with credentials of its own, whose tokens are kept in the JVM. */
    public BoxAppConfiguration(String name, BoxCcgSettings settings, BoxSubject subject, AsUserMode asUserMode,
                               boolean eager, boolean eagerFailDeployment) {
        this(name, settings, subject, asUserMode, eager, eagerFailDeployment, TokenStoreConfiguration.LOCAL);
    }

    /** A configuration whose token is fetched on first use. */
    public BoxAppConfiguration(String name, BoxCcgSettings settings, BoxSubject subject, AsUserMode asUserMode) {
        this(name, settings, subject, asUserMode, false, false);
    }

    /** A configuration acting as users with the {@code As-User} header, the default. */
    public BoxAppConfiguration(String name, BoxCcgSettings settings, BoxSubject subject) {
        this(name, settings, subject, AsUserMode.HEADER);
    }
}
