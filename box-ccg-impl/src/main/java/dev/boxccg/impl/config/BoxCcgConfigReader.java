package dev.boxccg.impl.config;

import static dev.boxccg.impl.config.BoxCcgKeys.ALLOW_INSECURE_TOKEN_URL;
import static dev.boxccg.impl.config.BoxCcgKeys.AS_USER_MODE;
import static dev.boxccg.impl.config.BoxCcgKeys.REVOKE_ON_STOP;
import static dev.boxccg.impl.config.BoxCcgKeys.EAGER;
import static dev.boxccg.impl.config.BoxCcgKeys.EAGER_FAIL_DEPLOYMENT;
import static dev.boxccg.impl.config.BoxCcgKeys.REVOKE_URL;
import static dev.boxccg.impl.config.BoxCcgKeys.CLIENT_ID;
import static dev.boxccg.impl.config.BoxCcgKeys.CLIENT_SECRET;
import static dev.boxccg.impl.config.BoxCcgKeys.CONNECT_TIMEOUT;
import static dev.boxccg.impl.config.BoxCcgKeys.ENTERPRISE_ID;
import static dev.boxccg.impl.config.BoxCcgKeys.PROPERTIES;
import static dev.boxccg.impl.config.BoxCcgKeys.READ_TIMEOUT;
import static dev.boxccg.impl.config.BoxCcgKeys.REFRESH_AHEAD;
import static dev.boxccg.impl.config.BoxCcgKeys.RETRY_DEADLINE;
import static dev.boxccg.impl.config.BoxCcgKeys.RETRY_INITIAL_BACKOFF;
import static dev.boxccg.impl.config.BoxCcgKeys.RETRY_MAX_ATTEMPTS;
import static dev.boxccg.impl.config.BoxCcgKeys.RETRY_MAX_BACKOFF;
import static dev.boxccg.impl.config.BoxCcgKeys.ROOT;
import static dev.boxccg.impl.config.BoxCcgKeys.TOKEN_STORE;
import static dev.boxccg.impl.config.BoxCcgKeys.TOKEN_STORE_CACHE;
import static dev.boxccg.impl.config.BoxCcgKeys.TOKEN_STORE_CACHE_MANAGER;
import static dev.boxccg.impl.config.BoxCcgKeys.TOKEN_STORE_LEASE;
import static dev.boxccg.impl.config.BoxCcgKeys.TOKEN_STORE_TIMEOUT;
import static dev.boxccg.impl.config.BoxCcgKeys.TENANTS;
import static dev.boxccg.impl.config.BoxCcgKeys.TOKEN_URL;
import static dev.boxccg.impl.config.BoxCcgKeys.USER_ID;
import static dev.boxccg.impl.config.BoxCcgKeys.FAILURE_COOLDOWN_INITIAL;
import static dev.boxccg.impl.config.BoxCcgKeys.FAILURE_COOLDOWN_MAX;
import static dev.boxccg.impl.config.BoxCcgKeys.PROXY;
import static dev.boxccg.impl.config.BoxCcgKeys.PROXY_PASSWORD;
import static dev.boxccg.impl.config.BoxCcgKeys.PROXY_USERNAME;
import static dev.boxccg.impl.config.BoxCcgKeys.TRUST_STORE;
import static dev.boxccg.impl.config.BoxCcgKeys.TRUST_STORE_PASSWORD;
import static dev.boxccg.impl.config.BoxCcgKeys.TRUST_STORE_TYPE;

import dev.boxccg.BoxSubject;
import dev.boxccg.core.Backoff;
import dev.boxccg.core.BoxCcgEngine;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.core.ProxySettings;
import dev.boxccg.core.RetrySettings;
import dev.boxccg.core.TenantRegistry;
import dev.boxccg.core.TrustStoreSettings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Reads Box configurations from MicroProfile Config and validates them completely: every problem of a configuration
 * is reported at once, each naming its full key and quoting the value given (the client secret's value is never
 * quoted). Optional keys fall back to the engine's defaults ({@link BoxCcgSettings}, {@link RetrySettings#DEFAULT}).
 *
 * <p>Keys are looked up by their dotted names only, so environment variables work through MicroProfile Config's
 * standard mapping ({@code BOX_CCG_HR_CLIENT_ID} for {@code box.ccg.hr.client-id}). Thread safe if the Config is.
 */
public final class BoxCcgConfigReader {

    private static final String CLIENT_CREDENTIALS_HINT = "Developer Console > Configuration";
    private static final String ENV_ROOT = envForm(ROOT);

    /** Longest first, so {@code ..._ALLOW_INSECURE_TOKEN_URL} is not taken for a {@code ..._TOKEN_URL}. */
    private static final List<String> PROPERTIES_LONGEST_FIRST = PROPERTIES.stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();

    private final Config config;

    public BoxCcgConfigReader(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * @param configurationName {@link BoxCcgKeys#DEFAULT_NAME} for the default configuration, otherwise its name
     * @return the configuration, validated
     * @throws BoxConfigurationException listing every problem of that configuration
     * @throws IllegalArgumentException  if the name is not a valid configuration name
     */
    public BoxAppConfiguration read(String configurationName) {
        Reading reading = new Reading(configurationName);
        BoxAppConfiguration configuration = reading.configuration();
        if (configuration == null) {
            throw new BoxConfigurationException(configurationName, reading.problems());
        }
        return configuration;
    }

    /**
     * For deployment validation: the same checks as {@link #read(String)}, without throwing.
     *
     * @return every problem of that configuration, empty if it is usable
     * @throws IllegalArgumentException if the name is not a valid configuration name
     */
    public List<String> problems(String configurationName) {
        Reading reading = new Reading(configurationName);
        reading.configuration();
        return reading.problems();
    }

    /**
     * @return {@value BoxCcgKeys#MAX_SUBJECTS}, runtime-wide: the most (app, subject) tokens kept
     * @throws BoxConfigurationException if it is not a whole number of at least 1
     */
    public int maxSubjects() {
        return runtimeWideCount(BoxCcgKeys.MAX_SUBJECTS, BoxCcgEngine.DEFAULT_MAX_SUBJECTS);
    }

    /**
     * @return {@value BoxCcgKeys#MAX_TENANTS}: the most tenants held live per configuration serving tenants
     * @throws BoxConfigurationException if it is not a whole number of at least 1
     */
    public int maxTenants() {
        return runtimeWideCount(BoxCcgKeys.MAX_TENANTS, TenantRegistry.DEFAULT_MAX_TENANTS);
    }

    /**
     * @return {@value BoxCcgKeys#TENANT_IDLE_TIMEOUT}: a tenant unused this long is dropped
     * @throws BoxConfigurationException if it is not a positive duration
     */
    public Duration tenantIdleTimeout() {
        return runtimeWideDuration(BoxCcgKeys.TENANT_IDLE_TIMEOUT, TenantRegistry.DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * @return {@value BoxCcgKeys#TENANT_RESOLVE_TIMEOUT}: the longest a caller waits for the tenant resolver
     * @throws BoxConfigurationException if it is not a positive duration
     */
    public Duration tenantResolveTimeout() {
        return runtimeWideDuration(BoxCcgKeys.TENANT_RESOLVE_TIMEOUT, TenantRegistry.DEFAULT_RESOLVE_TIMEOUT);
    }

    /**
     * The client secret as MicroProfile Config gives it now, read afresh: after Box refused the one read before, a
     * rotated secret (a changed Kubernetes secret, a config source that reloads) is picked up without a restart.
     *
     * @return the configuration's {@value BoxCcgKeys#CLIENT_SECRET}, stripped; empty if unset or unreadable
     */
    public java.util.Optional<String> currentClientSecret(String configurationName) {
        try {
            return config.getOptionalValue(BoxCcgKeys.key(configurationName, CLIENT_SECRET), String.class)
                    .map(String::strip).filter(text -> !text.isEmpty());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private String runtimeWideText(String key) {
        try {
            return config.getOptionalValue(key, String.class).map(String::strip).orElse("");
        } catch (RuntimeException e) {
            throw new BoxConfigurationException(BoxCcgKeys.DEFAULT_NAME, List.of(key + " cannot be read: "
                    + e.getMessage()));
        }
    }

    private int runtimeWideCount(String key, int fallback) {
        String text = runtimeWideText(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BoxConfigurationException(BoxCcgKeys.DEFAULT_NAME, List.of(key + " '" + text
                + "' is not a whole number of at least 1"));
    }

    private Duration runtimeWideDuration(String key, Duration fallback) {
        String text = runtimeWideText(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            Duration value = Durations.parse(text);
            if (!value.isZero()) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            throw new BoxConfigurationException(BoxCcgKeys.DEFAULT_NAME, List.of(key + " " + e.getMessage()));
        }
        throw new BoxConfigurationException(BoxCcgKeys.DEFAULT_NAME, List.of(key + " '" + text
                + "' must be longer than zero"));
    }

    /**
     * The configurations present in the Config: {@code ""} if a {@code box.ccg.<property>} key exists, and every
     * {@code <name>} of a {@code box.ccg.<name>.<property>} key. Only the known properties count, so a stray
     * {@code box.ccg.hr.unknown} does not make up a configuration {@code hr} that was never meant.
     *
     * <p>Keys that only exist as environment variables are found too ({@code BOX_CCG_HR_CLIENT_ID} gives {@code hr});
     * as such a name cannot tell {@code my-app} from {@code my_app}, it is given in lower case with underscores, which
     * the standard mapping resolves back to the same variables, and left out when a dotted key already names that
     * configuration.
     *
     * @return the names, sorted, unmodifiable
     */
    public Set<String> configuredNames() {
        Set<String> dotted = new TreeSet<>();
        Set<String> fromEnvironment = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            String name = nameOfDottedKey(property);
            if (name != null) {
                dotted.add(name);
            } else {
                name = nameOfEnvironmentVariable(property);
                if (name != null) {
                    fromEnvironment.add(name);
                }
            }
        }
        Set<String> sameVariables = new HashSet<>();
        dotted.forEach(name -> sameVariables.add(envForm(name)));
        fromEnvironment.removeIf(name -> sameVariables.contains(envForm(name)));
        dotted.addAll(fromEnvironment);
        return Collections.unmodifiableSet(dotted);
    }

    private static String nameOfDottedKey(String property) {
        if (!property.startsWith(ROOT)) {
            return null;
        }
        String rest = property.substring(ROOT.length());
        if (PROPERTIES.contains(rest)) {
            return BoxCcgKeys.DEFAULT_NAME;
        }
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String name = rest.substring(0, dot);
        return BoxCcgKeys.isValidName(name) && PROPERTIES.contains(rest.substring(dot + 1)) ? name : null;
    }

    private static String nameOfEnvironmentVariable(String property) {
        String variable = property.toUpperCase(Locale.ROOT);
        if (!variable.startsWith(ENV_ROOT) || !variable.equals(envForm(variable))) {
            return null;
        }
        String rest = variable.substring(ENV_ROOT.length());
        for (String known : PROPERTIES_LONGEST_FIRST) {
            String suffix = envForm(known);
            if (rest.equals(suffix)) {
                return BoxCcgKeys.DEFAULT_NAME;
            }
            if (rest.endsWith("_" + suffix)) {
                String name = rest.substring(0, rest.length() - suffix.length() - 1).toLowerCase(Locale.ROOT);
                return name.isEmpty() ? null : name;
            }
        }
        return null;
    }

    /** MicroProfile Config's environment variable form: every character but letters and digits becomes _. */
    private static String envForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** One pass over one configuration. Each reader method returns null once it has recorded a problem. */
    private final class Reading {

        private final String name;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, String> values = new HashMap<>();
        private final Set<String> unreadable = new HashSet<>();

        Reading(String name) {
            this.name = BoxCcgKeys.checkName(name);
            for (String property : PROPERTIES) {
                load(property);
            }
        }

        List<String> problems() {
            List<String> redacted = List.copyOf(problems);
            for (String property : BoxCcgKeys.SECRETS) {
                String secret = values.get(property);
                // A secret pasted into another key would be quoted with that key's value: the contract forbids it.
                // A secret of a few characters (Box's have 32) would blank out ordinary words instead.
                if (secret != null && secret.length() >= 4) {
                    redacted = redacted.stream().map(problem -> problem.replace(secret, "<redacted>")).toList();
                }
            }
            return redacted;
        }

        BoxAppConfiguration configuration() {
            Boolean servesTenants = flag(TENANTS, false);
            String clientId;
            String clientSecret;
            BoxSubject subject;
            if (Boolean.TRUE.equals(servesTenants)) {
                // Placeholders, never sent: each tenant's credentials come from the application's resolver.
                for (String own : List.of(CLIENT_ID, CLIENT_SECRET, ENTERPRISE_ID, USER_ID, EAGER)) {
                    if (values.containsKey(own) && !(own.equals(EAGER) && values.get(own).equalsIgnoreCase("false"))) {
                        problems.add(key(own) + " is set but " + key(TENANTS) + " is true: every tenant's credentials"
                                + " come from the application's BoxTenantCredentials bean; remove " + key(own));
                    }
                }
                clientId = BoxAppConfiguration.PER_TENANT;
                clientSecret = BoxAppConfiguration.PER_TENANT;
                subject = BoxSubject.enterprise("0");
            } else {
                clientId = required(CLIENT_ID, "the app's Client ID, " + CLIENT_CREDENTIALS_HINT);
                clientSecret = required(CLIENT_SECRET, "the app's Client Secret, " + CLIENT_CREDENTIALS_HINT);
                subject = subject();
            }
            Boolean allowInsecure = flag(ALLOW_INSECURE_TOKEN_URL, false);
            // Unknown whether http was meant to be allowed: check the URL's form only, not a rule it may be
            // exempt from, so one mistake is not reported twice.
            URI tokenUrl = tokenUrl(allowInsecure == null || allowInsecure);
            Duration refreshAhead = duration(REFRESH_AHEAD, BoxCcgSettings.DEFAULT_REFRESH_AHEAD, true);
            Duration connectTimeout = duration(CONNECT_TIMEOUT, BoxCcgSettings.DEFAULT_CONNECT_TIMEOUT, false);
            Duration readTimeout = duration(READ_TIMEOUT, BoxCcgSettings.DEFAULT_READ_TIMEOUT, false);
            RetrySettings retry = retry();
            Backoff failureCooldown = backoff(FAILURE_COOLDOWN_INITIAL, FAILURE_COOLDOWN_MAX,
                    BoxCcgSettings.DEFAULT_FAILURE_COOLDOWN);
            ProxySettings proxy = proxy();
            TrustStoreSettings trustStore = trustStore();
            AsUserMode asUserMode = asUserMode();
            URI revokeUrl = revokeUrl(allowInsecure == null || allowInsecure);
            Duration revokeOnStop = duration(REVOKE_ON_STOP, Duration.ZERO, true);
            Boolean eager = flag(EAGER, false);
            Boolean eagerFailDeployment = flag(EAGER_FAIL_DEPLOYMENT, false);
            TokenStoreConfiguration tokenStore = tokenStore();
            if (Boolean.TRUE.equals(eagerFailDeployment) && Boolean.FALSE.equals(eager)) {
                problems.add(key(EAGER_FAIL_DEPLOYMENT) + " is true but " + key(EAGER) + " is not: set " + key(EAGER)
                        + "=true too, or remove " + key(EAGER_FAIL_DEPLOYMENT));
            }
            if (Boolean.TRUE.equals(servesTenants) && tokenStore != null && tokenStore.isShared()) {
                problems.add(key(TOKEN_STORE) + "=" + tokenStore.kind() + " cannot share the tokens of a configuration"
                        + " serving tenants (" + key(TENANTS) + "=true): remove " + key(TOKEN_STORE));
            }
            if (!problems.isEmpty()) {
                return null;
            }
            try {
                BoxCcgSettings settings = BoxCcgSettings.builder()
                        .clientId(clientId)
                        .clientSecret(clientSecret)
                        .tokenUrl(tokenUrl)
                        .allowInsecureTokenUrl(allowInsecure)
                        .refreshAhead(refreshAhead)
                        .connectTimeout(connectTimeout)
                        .readTimeout(readTimeout)
                        .retry(retry)
                        .failureCooldown(failureCooldown)
                        .proxy(proxy)
                        .trustStore(trustStore)
                        .revokeUrl(revokeUrl)
                        .revokeOnStop(revokeOnStop)
                        .build();
                return new BoxAppConfiguration(name, settings, subject, asUserMode, eager, eagerFailDeployment,
                        tokenStore, servesTenants);
            } catch (IllegalArgumentException e) {
                // Everything was checked above; should the engine learn a new rule, it still ends up in the report.
                problems.add(e.getMessage());
                return null;
            }
        }

        private void load(String property) {
            String key = key(property);
            try {
                config.getOptionalValue(key, String.class)
                        .map(String::strip)
                        .filter(text -> !text.isEmpty())
                        .ifPresent(text -> values.put(property, text));
            } catch (RuntimeException e) {
                unreadable.add(property);
                // A source's message may echo the value, which for the secret must not be shown.
                problems.add(key + " cannot be read: "
                        + (BoxCcgKeys.SECRETS.contains(property) ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }

        private String required(String property, String hint) {
            String text = values.get(property);
            if (text == null && !unreadable.contains(property)) {
                problems.add(key(property) + " is missing (" + hint + ")");
            }
            return text;
        }

        private BoxSubject subject() {
            String enterpriseId = values.get(ENTERPRISE_ID);
            String userId = values.get(USER_ID);
            if (unreadable.contains(ENTERPRISE_ID) || unreadable.contains(USER_ID)) {
                return null;
            }
            String choice = "set exactly one of " + key(ENTERPRISE_ID) + " (service account) or " + key(USER_ID)
                    + " (a user)";
            if (enterpriseId != null && userId != null) {
                problems.add(choice + ", not both");
                return null;
            }
            if (enterpriseId == null && userId == null) {
                problems.add(choice + ": neither is set");
                return null;
            }
            BoxSubject subject;
            try {
                subject = enterpriseId != null ? BoxSubject.enterprise(enterpriseId) : BoxSubject.user(userId);
            } catch (IllegalArgumentException e) {
                problems.add(key(enterpriseId != null ? ENTERPRISE_ID : USER_ID) + ": " + e.getMessage());
                return null;
            }
            // Box's IDs are digits: a placeholder such as "..." or a login would only be refused by Box later.
            if (!subject.id().chars().allMatch(c -> c >= '0' && c <= '9')) {
                return enterpriseId != null
                        ? malformed(ENTERPRISE_ID, enterpriseId, "is not a Box enterprise ID: Box's IDs are digits"
                                + " (Developer Console > General Settings shows the enterprise ID)")
                        : malformed(USER_ID, userId, "is not a Box user ID: Box's IDs are digits (Admin Console >"
                                + " Users and Groups shows a user's ID)");
            }
            return subject;
        }

        /** Absent: the fallback. Unreadable: null, already reported. Given: what {@code convert} makes of it. */
        private <T> T optional(String property, T fallback, Function<String, T> convert) {
            String text = values.get(property);
            if (text == null) {
                return unreadable.contains(property) ? null : fallback;
            }
            return convert.apply(text);
        }

        private <T> T malformed(String property, String text, String why) {
            problems.add(key(property) + " '" + text + "' " + why);
            return null;
        }

        private URI tokenUrl(boolean allowInsecure) {
            return url(TOKEN_URL, BoxCcgSettings.DEFAULT_TOKEN_URL, allowInsecure, BoxCcgSettings.Builder::tokenUrl);
        }

        /** Absent: derived by the engine from the token URL ({@code .../token} becomes {@code .../revoke}). */
        private URI revokeUrl(boolean allowInsecure) {
            return url(REVOKE_URL, null, allowInsecure, BoxCcgSettings.Builder::revokeUrl);
        }

        private URI url(String property, URI fallback, boolean allowInsecure,
                        BiFunction<BoxCcgSettings.Builder, URI, BoxCcgSettings.Builder> set) {
            return optional(property, fallback, text -> {
                URI url;
                try {
                    url = new URI(text);
                } catch (URISyntaxException e) {
                    return malformed(property, text, "is not a URL (" + e.getReason() + ")");
                }
                try {
                    // The https rule is the engine's: probing it with otherwise valid settings ties its verdict to
                    // this key, without a second copy of the rule that could drift.
                    set.apply(BoxCcgSettings.builder().clientId("probe").clientSecret("probe"), url)
                            .allowInsecureTokenUrl(allowInsecure).build();
                    return url;
                } catch (IllegalArgumentException e) {
                    String hint = "http".equalsIgnoreCase(url.getScheme()) && url.getHost() != null
                            ? " (" + key(ALLOW_INSECURE_TOKEN_URL) + "=true)" : "";
                    problems.add(key(property) + ": " + e.getMessage() + hint);
                    return null;
                }
            });
        }

        private Boolean flag(String property, boolean fallback) {
            return optional(property, fallback, text -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                    ? Boolean.valueOf(text)
                    : malformed(property, text, "is neither true nor false"));
        }

        private Duration duration(String property, Duration fallback, boolean zeroAllowed) {
            return optional(property, fallback, text -> {
                Duration duration;
                try {
                    duration = Durations.parse(text);
                } catch (IllegalArgumentException e) {
                    problems.add(key(property) + " " + e.getMessage());
                    return null;
                }
                return duration.isZero() && !zeroAllowed
                        ? malformed(property, text, "must be longer than zero")
                        : duration;
            });
        }

        private Integer atLeastOne(String property, int fallback) {
            return optional(property, fallback, text -> {
                try {
                    int number = Integer.parseInt(text);
                    if (number >= 1) {
                        return number;
                    }
                } catch (NumberFormatException e) {
                    // reported below, like a number below 1
                }
                return malformed(property, text, "is not a whole number of at least 1");
            });
        }

        private RetrySettings retry() {
            RetrySettings defaults = RetrySettings.DEFAULT;
            Backoff backoff = backoff(RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF, defaults.backoff());
            Duration deadline = duration(RETRY_DEADLINE, defaults.deadline(), false);
            Integer maxAttempts = atLeastOne(RETRY_MAX_ATTEMPTS, defaults.maxAttempts());
            if (backoff == null || deadline == null || maxAttempts == null) {
                return null;
            }
            return new RetrySettings(backoff, deadline, maxAttempts);
        }

        /** An initial and a maximum wait, the initial no longer than the maximum. */
        private Backoff backoff(String initialProperty, String maxProperty, Backoff defaults) {
            Duration initial = duration(initialProperty, defaults.initial(), false);
            Duration max = duration(maxProperty, defaults.max(), false);
            if (initial != null && max != null && initial.compareTo(max) > 0) {
                problems.add(shown(initialProperty, initial) + " is longer than " + shown(maxProperty, max));
                return null;
            }
            return initial == null || max == null ? null : new Backoff(initial, max);
        }

        /** {@code host:port}; a user name and password only together, and only with a proxy. */
        private ProxySettings proxy() {
            String username = values.get(PROXY_USERNAME);
            String password = values.get(PROXY_PASSWORD);
            String text = values.get(PROXY);
            if (text == null) {
                if ((username != null || password != null) && !unreadable.contains(PROXY)) {
                    problems.add(key(username != null ? PROXY_USERNAME : PROXY_PASSWORD) + " is set but "
                            + key(PROXY) + " is not");
                }
                return null;
            }
            if ((username == null) != (password == null)) {
                problems.add("set both " + key(PROXY_USERNAME) + " and " + key(PROXY_PASSWORD) + ", or neither");
                return null;
            }
            int colon = text.lastIndexOf(':');
            String host = colon > 0 ? text.substring(0, colon) : "";
            String port = colon > 0 ? text.substring(colon + 1) : "";
            try {
                return new ProxySettings(host.startsWith("[") && host.endsWith("]")
                        ? host.substring(1, host.length() - 1) : host, Integer.parseInt(port), username, password);
            } catch (IllegalArgumentException e) { // NumberFormatException included
                return malformed(PROXY, text, "is not host:port, for example proxy.example.com:3128");
            }
        }

        /**
         * {@code local} (the default) or the name of a grid, e.g. {@code jcache} or {@code infinispan}: a letter, then
         * letters, digits and {@code -}. Whether a grid of that name is on the class path is checked when the
         * configuration is used. For {@code infinispan}, the cache and its container are names in WildFly's
         * configuration, which become one JNDI name: a {@code /} or {@code :} in them (a JNDI name given instead, as
         * {@code jcache} takes one) would look up something else.
         */
        private TokenStoreConfiguration tokenStore() {
            String kind = optional(TOKEN_STORE, TokenStoreConfiguration.LOCAL_KIND, text -> {
                String lower = text.toLowerCase(Locale.ROOT);
                return lower.matches("[a-z][a-z0-9-]*") ? lower
                        : malformed(TOKEN_STORE, text, "is not a token store: use local (the default), jcache or"
                                + " infinispan");
            });
            String cache = values.getOrDefault(TOKEN_STORE_CACHE, TokenStoreConfiguration.DEFAULT_CACHE);
            Optional<String> cacheManager = Optional.ofNullable(values.get(TOKEN_STORE_CACHE_MANAGER));
            Duration lease = duration(TOKEN_STORE_LEASE, TokenStoreConfiguration.LOCAL.lease(), false);
            Duration timeout = duration(TOKEN_STORE_TIMEOUT, TokenStoreConfiguration.LOCAL.timeout(), false);
            if (kind == null || lease == null || timeout == null) {
                return null;
            }
            if (TokenStoreConfiguration.LOCAL_KIND.equals(kind)) {
                for (String shared : List.of(TOKEN_STORE_CACHE, TOKEN_STORE_CACHE_MANAGER, TOKEN_STORE_LEASE,
                        TOKEN_STORE_TIMEOUT)) {
                    if (values.containsKey(shared)) {
                        problems.add(key(shared) + " is set but " + key(TOKEN_STORE) + " is local: set "
                                + key(TOKEN_STORE) + "=jcache or infinispan to share tokens, or remove " + key(shared));
                    }
                }
                return TokenStoreConfiguration.LOCAL;
            }
            if (TokenStoreConfiguration.INFINISPAN_KIND.equals(kind)) {
                if (!isInfinispanName(cache)) {
                    malformed(TOKEN_STORE_CACHE, cache, "is not a cache name: give the cache's name in its container,"
                            + " e.g. " + TokenStoreConfiguration.DEFAULT_CACHE + ", not a JNDI name");
                }
                if (cacheManager.isPresent() && !isInfinispanName(cacheManager.get())) {
                    malformed(TOKEN_STORE_CACHE_MANAGER, cacheManager.get(), "is not a cache container name: give"
                            + " WildFly's cache container, e.g. server, not a JNDI name");
                }
            }
            return new TokenStoreConfiguration(kind, cache, cacheManager, lease, timeout);
        }

        private static boolean isInfinispanName(String name) {
            return !name.isBlank() && name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
        }

        /** {@code header} (the default) or {@code user-token}. */
        private AsUserMode asUserMode() {
            return optional(AS_USER_MODE, AsUserMode.HEADER, text -> AsUserMode.parse(text).orElseGet(
                    () -> malformed(AS_USER_MODE, text, "is neither " + AsUserMode.HEADER + " (the configuration's"
                            + " token and the As-User header) nor " + AsUserMode.USER_TOKEN + " (a token for the user)")));
        }

        /** A readable key store file of a known type; its password, if any, opens it. */
        private TrustStoreSettings trustStore() {
            String text = values.get(TRUST_STORE);
            String type = values.getOrDefault(TRUST_STORE_TYPE, KeyStore.getDefaultType());
            if (text == null) {
                if (values.containsKey(TRUST_STORE_PASSWORD) || values.containsKey(TRUST_STORE_TYPE)) {
                    problems.add(key(values.containsKey(TRUST_STORE_TYPE) ? TRUST_STORE_TYPE : TRUST_STORE_PASSWORD)
                            + " is set but " + key(TRUST_STORE) + " is not");
                }
                return null;
            }
            Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                return malformed(TRUST_STORE, text, "is not a file path");
            }
            if (!Files.isReadable(path)) {
                return malformed(TRUST_STORE, text, "is not a readable file");
            }
            try {
                KeyStore.getInstance(type);
            } catch (java.security.KeyStoreException e) {
                return malformed(TRUST_STORE_TYPE, type, "is not a key store type this JVM knows (PKCS12, JKS)");
            }
            return new TrustStoreSettings(path, values.get(TRUST_STORE_PASSWORD), type);
        }

        /** A key with its value: quoted if given, marked as the default otherwise, since the user never wrote it. */
        private String shown(String property, Duration value) {
            String text = values.get(property);
            return key(property)
                    + (text != null ? " '" + text + "'" : " (" + Durations.format(value) + ", the default)");
        }

        private String key(String property) {
            return BoxCcgKeys.key(name, property);
        }
    }
}
