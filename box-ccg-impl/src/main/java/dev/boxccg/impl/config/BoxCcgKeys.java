package dev.boxccg.impl.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The configuration's key names. The default configuration lives under {@code box.ccg.*}, a named one under
 * {@code box.ccg.<name>.*}; a name is made of letters, digits, {@code -} and {@code _}.
 *
 * <p>Environment variables need nothing from this class: MicroProfile Config's standard mapping finds
 * {@code box.ccg.hr.client-id} in {@code BOX_CCG_HR_CLIENT_ID} (or {@code box_ccg_hr_client_id}).
 */
public final class BoxCcgKeys {

    /** The name of the default configuration, the one under {@code box.ccg.*}. */
    public static final String DEFAULT_NAME = "";

    public static final String CLIENT_ID = "client-id";
    public static final String CLIENT_SECRET = "client-secret";
    public static final String ENTERPRISE_ID = "enterprise-id";
    public static final String USER_ID = "user-id";
    public static final String TOKEN_URL = "token-url";
    public static final String ALLOW_INSECURE_TOKEN_URL = "allow-insecure-token-url";
    public static final String REFRESH_AHEAD = "refresh-ahead";
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    public static final String READ_TIMEOUT = "read-timeout";
    public static final String RETRY_INITIAL_BACKOFF = "retry.initial-backoff";
    public static final String RETRY_MAX_BACKOFF = "retry.max-backoff";
    public static final String RETRY_DEADLINE = "retry.deadline";
    public static final String RETRY_MAX_ATTEMPTS = "retry.max-attempts";
    public static final String FAILURE_COOLDOWN_INITIAL = "failure-cooldown.initial";
    public static final String FAILURE_COOLDOWN_MAX = "failure-cooldown.max";
    public static final String PROXY = "proxy";
    public static final String PROXY_USERNAME = "proxy-username";
    public static final String PROXY_PASSWORD = "proxy-password";
    public static final String TRUST_STORE = "trust-store";
    public static final String TRUST_STORE_PASSWORD = "trust-store-password";
    public static final String TRUST_STORE_TYPE = "trust-store-type";
    public static final String AS_USER_MODE = "as-user-mode";
    public static final String REVOKE_URL = "revoke-url";
    public static final String REVOKE_ON_STOP = "revoke-on-stop";
    /** Fetch this configuration's token at startup, in the background. */
    public static final String EAGER = "eager";
    /** With {@link #EAGER}: wait at startup for the token, and fail the deployment if Box refuses the credentials. */
    public static final String EAGER_FAIL_DEPLOYMENT = "eager.fail-deployment";

    /**
     * Where the app's tokens are kept: {@code local} (default), {@code jcache} (box-ccg-store-jcache) or
     * {@code infinispan} (WildFly's Infinispan, built in).
     */
    public static final String TOKEN_STORE = "token-store";
    /** The shared store's cache name. */
    public static final String TOKEN_STORE_CACHE = "token-store.cache";
    /**
     * Where the shared store's grid is found: for {@code jcache} a JNDI name of a JCache CacheManager, for
     * {@code infinispan} WildFly's cache container.
     */
    public static final String TOKEN_STORE_CACHE_MANAGER = "token-store.cache-manager";
    /** How long one node may fetch a key's token before another takes over. */
    public static final String TOKEN_STORE_LEASE = "token-store.lease";
    /** The longest one call to the shared store's grid may take. */
    public static final String TOKEN_STORE_TIMEOUT = "token-store.timeout";
    /**
     * This configuration serves many Box enterprises (tenants): each call's credentials come from the application's
     * {@code BoxTenantCredentials} bean, for the tenant the call chose; this configuration gives every other setting.
     */
    public static final String TENANTS = "tenants";

    /** Runtime-wide: the most tenants held live per configuration serving tenants. */
    public static final String MAX_TENANTS = "box.ccg.max-tenants";
    /** Runtime-wide: a tenant unused this long is dropped, its tokens too. */
    public static final String TENANT_IDLE_TIMEOUT = "box.ccg.tenant-idle-timeout";
    /** Runtime-wide: the longest a caller waits for the application's {@code BoxTenantCredentials}. */
    public static final String TENANT_RESOLVE_TIMEOUT = "box.ccg.tenant-resolve-timeout";

    /** Runtime-wide, not per configuration: the most (app, subject) tokens one application keeps. */
    public static final String MAX_SUBJECTS = "box.ccg.max-subjects";

    /** Properties whose values are secrets: never quoted in any message. */
    static final List<String> SECRETS = List.of("client-secret", "proxy-password", "trust-store-password");

    /** Every property a configuration knows. */
    static final List<String> PROPERTIES = List.of(CLIENT_ID, CLIENT_SECRET, ENTERPRISE_ID, USER_ID, TOKEN_URL,
            ALLOW_INSECURE_TOKEN_URL, REFRESH_AHEAD, CONNECT_TIMEOUT, READ_TIMEOUT, RETRY_INITIAL_BACKOFF,
            RETRY_MAX_BACKOFF, RETRY_DEADLINE, RETRY_MAX_ATTEMPTS, FAILURE_COOLDOWN_INITIAL, FAILURE_COOLDOWN_MAX,
            PROXY, PROXY_USERNAME, PROXY_PASSWORD, TRUST_STORE, TRUST_STORE_PASSWORD, TRUST_STORE_TYPE, AS_USER_MODE,
            REVOKE_URL, REVOKE_ON_STOP, EAGER, EAGER_FAIL_DEPLOYMENT, TOKEN_STORE, TOKEN_STORE_CACHE,
            TOKEN_STORE_CACHE_MANAGER, TOKEN_STORE_LEASE, TOKEN_STORE_TIMEOUT, TENANTS);

    static final String ROOT = "box.ccg.";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private BoxCcgKeys() {
    }

    /**
     * @return for example {@code key("", "client-id")} is {@code box.ccg.client-id}, {@code key("hr", "client-id")}
     *         is {@code box.ccg.hr.client-id}
     * @throws IllegalArgumentException if the configuration name is not valid or the property is blank
     */
    public static String key(String configurationName, String property) {
        String prefix = prefix(configurationName);
        if (property == null || property.isBlank()) {
            throw new IllegalArgumentException(
                    "A Box configuration property must not be blank, not '" + property + "'");
        }
        return prefix + property;
    }

    /**
     * @return {@code the default Box configuration (box.ccg.*)} or {@code the Box configuration 'hr' (box.ccg.hr.*)}
     * @throws IllegalArgumentException if the configuration name is not valid
     */
    public static String describe(String configurationName) {
        String prefix = prefix(configurationName);
        return configurationName.isEmpty()
                ? "the default Box configuration (" + prefix + "*)"
                : "the Box configuration '" + configurationName + "' (" + prefix + "*)";
    }

    static boolean isValidName(String configurationName) {
        return configurationName != null
                && (configurationName.isEmpty() || NAME.matcher(configurationName).matches());
    }

    /** @throws IllegalArgumentException naming the configuration name, if it is not valid */
    static String checkName(String configurationName) {
        if (!isValidName(configurationName)) {
            // A dot would shift every key into another configuration's namespace, so such a name can never work.
            throw new IllegalArgumentException("'" + configurationName + "' is not a Box configuration name: use"
                    + " letters, digits, '-' and '_' only, or \"\" for the default configuration");
        }
        return configurationName;
    }

    private static String prefix(String configurationName) {
        return checkName(configurationName).isEmpty() ? ROOT : ROOT + configurationName + ".";
    }
}
