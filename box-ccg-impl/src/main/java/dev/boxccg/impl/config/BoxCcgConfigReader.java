package dev.boxccg.impl.config;

import static dev.boxccg.impl.config.BoxCcgKeys.ALLOW_INSECURE_TOKEN_URL;
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
import static dev.boxccg.impl.config.BoxCcgKeys.TOKEN_URL;
import static dev.boxccg.impl.config.BoxCcgKeys.USER_ID;

import dev.boxccg.BoxSubject;
import dev.boxccg.core.Backoff;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.core.RetrySettings;
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
import java.util.Set;
import java.util.TreeSet;
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
            String secret = values.get(CLIENT_SECRET);
            // A secret pasted into another key would be quoted with that key's value: the contract forbids it.
            // A secret of a few characters (Box's have 32) would blank out ordinary words instead.
            if (secret == null || secret.length() < 4) {
                return List.copyOf(problems);
            }
            return problems.stream().map(problem -> problem.replace(secret, "<redacted>")).toList();
        }

        BoxAppConfiguration configuration() {
            String clientId = required(CLIENT_ID, "the app's Client ID, " + CLIENT_CREDENTIALS_HINT);
            String clientSecret = required(CLIENT_SECRET, "the app's Client Secret, " + CLIENT_CREDENTIALS_HINT);
            BoxSubject subject = subject();
            Boolean allowInsecure = flag(ALLOW_INSECURE_TOKEN_URL, false);
            // Unknown whether http was meant to be allowed: check the URL's form only, not a rule it may be
            // exempt from, so one mistake is not reported twice.
            URI tokenUrl = tokenUrl(allowInsecure == null || allowInsecure);
            Duration refreshAhead = duration(REFRESH_AHEAD, BoxCcgSettings.DEFAULT_REFRESH_AHEAD, true);
            Duration connectTimeout = duration(CONNECT_TIMEOUT, BoxCcgSettings.DEFAULT_CONNECT_TIMEOUT, false);
            Duration readTimeout = duration(READ_TIMEOUT, BoxCcgSettings.DEFAULT_READ_TIMEOUT, false);
            RetrySettings retry = retry();
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
                        .build();
                return new BoxAppConfiguration(name, settings, subject);
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
                        + (property.equals(CLIENT_SECRET) ? e.getClass().getSimpleName() : e.getMessage()));
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
            try {
                return enterpriseId != null ? BoxSubject.enterprise(enterpriseId) : BoxSubject.user(userId);
            } catch (IllegalArgumentException e) {
                problems.add(key(enterpriseId != null ? ENTERPRISE_ID : USER_ID) + ": " + e.getMessage());
                return null;
            }
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
            return optional(TOKEN_URL, BoxCcgSettings.DEFAULT_TOKEN_URL, text -> {
                URI url;
                try {
                    url = new URI(text);
                } catch (URISyntaxException e) {
                    return malformed(TOKEN_URL, text, "is not a URL (" + e.getReason() + ")");
                }
                try {
                    // The https rule is the engine's: probing it with otherwise valid settings ties its verdict to
                    // this key, without a second copy of the rule that could drift.
                    BoxCcgSettings.builder().clientId("probe").clientSecret("probe")
                            .tokenUrl(url).allowInsecureTokenUrl(allowInsecure).build();
                    return url;
                } catch (IllegalArgumentException e) {
                    String hint = "http".equalsIgnoreCase(url.getScheme()) && url.getHost() != null
                            ? " (" + key(ALLOW_INSECURE_TOKEN_URL) + "=true)" : "";
                    problems.add(key(TOKEN_URL) + ": " + e.getMessage() + hint);
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
            Duration initial = duration(RETRY_INITIAL_BACKOFF, defaults.backoff().initial(), false);
            Duration max = duration(RETRY_MAX_BACKOFF, defaults.backoff().max(), false);
            Duration deadline = duration(RETRY_DEADLINE, defaults.deadline(), false);
            Integer maxAttempts = atLeastOne(RETRY_MAX_ATTEMPTS, defaults.maxAttempts());
            if (initial != null && max != null && initial.compareTo(max) > 0) {
                problems.add(shown(RETRY_INITIAL_BACKOFF, initial) + " is longer than "
                        + shown(RETRY_MAX_BACKOFF, max));
                return null;
            }
            if (initial == null || max == null || deadline == null || maxAttempts == null) {
                return null;
            }
            return new RetrySettings(new Backoff(initial, max), deadline, maxAttempts);
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
