package dev.boxccg.cli;

import dev.boxccg.impl.config.BoxCcgKeys;
import dev.boxccg.testkit.BoxSimulator;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An app the local Box simulator registers, from {@code box-ccg simulator}'s options or its {@code --file}.
 *
 * @param configuration the box-ccg configuration name its settings are printed for: {@code ""} for {@code box.ccg.*},
 *                      {@code hr} for {@code box.ccg.hr.*}
 * @param clientId      the client ID
 * @param clientSecret  the simulator's secret for it (a demo value, not a Box secret)
 * @param enterpriseId  its enterprise, whose service account enterprise tokens act as
 * @param users         users of its enterprise it may get tokens for
 */
record DemoApp(String configuration, String clientId, String clientSecret, String enterpriseId,
               List<BoxSimulator.User> users) {

    static final String DEFAULT_CLIENT_ID = "box-ccg-demo";
    static final String DEFAULT_CLIENT_SECRET = "box-ccg-demo-secret";
    static final String DEFAULT_ENTERPRISE_ID = "1234567";

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    DemoApp {
        users = List.copyOf(users);
    }

    /** @return the key of a property of this app's configuration, e.g. {@code box.ccg.hr.client-id} */
    String key(String property) {
        return BoxCcgKeys.key(configuration, property);
    }

    /** @throws IllegalArgumentException saying what a client ID must be */
    static String checkClientId(String clientId) {
        if (clientId.isEmpty() || clientId.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("'" + clientId + "' is not a client ID: it must be non-empty, without"
                    + " spaces");
        }
        return clientId;
    }

    /** @throws IllegalArgumentException saying what a client secret must be */
    static String checkSecret(String secret) {
        if (secret.isEmpty() || secret.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a client secret must be non-empty, without control characters");
        }
        return secret;
    }

    /** @throws IllegalArgumentException saying what an ID of Box's must be */
    static String checkId(String what, String id) {
        if (!DIGITS.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not " + what + ": Box's IDs are digits, e.g. 1234567");
        }
        return id;
    }

    /**
     * @param text {@code ID}, {@code ID:NAME} or {@code ID:NAME:LOGIN}; the name defaults to {@code User ID}, the login
     *             to {@code user-ID@example.com}
     * @throws IllegalArgumentException saying what is wrong
     */
    static BoxSimulator.User user(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "' is not a user: use ID, ID:NAME or ID:NAME:LOGIN,"
                    + " e.g. 5678:Ada Lovelace:ada@example.com (no ':' in a name or login)");
        }
        String id = checkId("a user ID", parts[0].strip());
        String name = parts.length > 1 ? parts[1].strip() : "User " + id;
        String login = parts.length > 2 ? parts[2].strip() : "user-" + id + "@example.com";
        if (name.isEmpty() || login.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a user: the name and login must not be empty");
        }
        return new BoxSimulator.User(id, name, login);
    }
}
