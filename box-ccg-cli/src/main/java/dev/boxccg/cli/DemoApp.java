package dev.boxccg.cli;

import dev.boxccg.BoxDownscope;
import dev.boxccg.impl.config.BoxCcgKeys;
import dev.boxccg.testkit.BoxSimulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * @param performActionsAsUsers  the console's "Perform Actions as Users": whether calls with {@code As-User} are
 *                               allowed; off by default, as in Box's console
 * @param appAndEnterpriseAccess the console's "App + Enterprise Access" (true, the default) or "App Access Only"
 * @param scopes        the scopes its tokens hold, of {@link BoxDownscope#SCOPES} (default: all 14), the most a
 *                      downscoped token may ask for
 */
record DemoApp(String configuration, String clientId, String clientSecret, String enterpriseId,
               List<BoxSimulator.User> users, boolean performActionsAsUsers, boolean appAndEnterpriseAccess,
               List<String> scopes) {

    static final String DEFAULT_CLIENT_ID = "box-ccg-demo";
    static final String DEFAULT_CLIENT_SECRET = "box-ccg-demo-secret";
    static final String DEFAULT_ENTERPRISE_ID = "1234567";

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    DemoApp {
        users = List.copyOf(users);
        scopes = List.copyOf(scopes);
    }

    /** An app with the console's defaults: no "Perform Actions as Users", "App + Enterprise Access", all scopes. */
    DemoApp(String configuration, String clientId, String clientSecret, String enterpriseId,
            List<BoxSimulator.User> users) {
        this(configuration, clientId, clientSecret, enterpriseId, users, false, true, BoxDownscope.SCOPES);
    }

    /** @return e.g. {@code acting as users: off, access: App + Enterprise, scopes: all 14} */
    String accessSummary() {
        return "acting as users: " + (performActionsAsUsers ? "on" : "off") + ", access: "
                + (appAndEnterpriseAccess ? "App + Enterprise" : "App only") + ", scopes: "
                + (Set.copyOf(scopes).equals(Set.copyOf(BoxDownscope.SCOPES)) ? "all 14"
                : String.join(",", scopes));
    }

    /**
     * @param text Box scopes separated by commas or spaces, e.g. {@code item_read,item_preview}
     * @return them, each once, in the given order
     * @throws IllegalArgumentException naming the first that is not one of Box's 14, or if there is none
     */
    static List<String> scopes(String text) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : text.strip().split("[,\\s]+")) {
            if (scope.isEmpty()) {
                continue;
            }
            if (!BoxDownscope.SCOPES.contains(scope)) {
                throw new IllegalArgumentException("'" + printable(scope) + "' is not one of Box's 14 scopes: "
                        + String.join(", ", BoxDownscope.SCOPES));
            }
            scopes.add(scope);
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("no scopes: give at least one of Box's 14, e.g. item_read,item_preview");
        }
        return new ArrayList<>(scopes);
    }

    /** @throws IllegalArgumentException unless it is {@code true} or {@code false} */
    static boolean flag(String text) {
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + printable(text) + "' is not true or false");
        };
    }

    private static String printable(String text) {
        return text.codePoints().mapToObj(c -> Character.isISOControl(c) ? "?" : Character.toString(c))
                .reduce("", String::concat);
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
