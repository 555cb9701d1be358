package dev.boxccg.cli;

import dev.boxccg.BoxDownscope;
import dev.boxccg.testkit.BoxSimulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apps of {@code box-ccg simulator --file FILE}: one {@code key=value} a line, blank lines and lines starting
 * with {@code #} or {@code !} ignored, no escapes or continuation lines.
 *
 * <pre>
 * # NAME "default": printed as box.ccg.* (BOX_CCG_*)
 * app.default.client-id=box-ccg-demo
 * app.default.client-secret=box-ccg-demo-secret
 * app.default.enterprise-id=1234567
 * # NAME "hr": printed as box.ccg.hr.* (BOX_CCG_HR_*); users is optional
 * app.hr.client-id=hr-app
 * app.hr.client-secret=hr-demo-secret
 * app.hr.enterprise-id=1234567
 * app.hr.users=5678:Ada Lovelace:ada@example.com,5679:Alan Turing
 * app.hr.perform-actions-as-users=true
 * app.hr.app-and-enterprise-access=true
 * app.hr.scopes=item_read,item_preview
 * </pre>
 *
 * client-id, client-secret and enterprise-id are required for each app; users take the form of {@code --user}.
 * perform-actions-as-users (default false) and app-and-enterprise-access (default true) are {@code true} or
 * {@code false}; scopes (default: all of Box's 14) takes the form of {@code --scopes}.
 */
final class AppsFile {

    static final String DEFAULT_NAME = "default";
    static final List<String> PROPERTIES = List.of("client-id", "client-secret", "enterprise-id", "users",
            "perform-actions-as-users", "app-and-enterprise-access", "scopes");
    private static final List<String> REQUIRED = List.of("client-id", "client-secret", "enterprise-id");
    private static final Pattern KEY = Pattern.compile("app\\.([A-Za-z0-9_-]+)\\.([a-z-]+)");

    private AppsFile() {
    }

    /**
     * @param file  the file's name, for messages
     * @param lines its lines
     * @return its apps, in the order of their first line
     * @throws IllegalArgumentException starting with {@code FILE:LINE: } and naming the key, or {@code FILE: } and
     *                                  naming the app, with what is wrong
     */
    static List<DemoApp> parse(String file, List<String> lines) {
        Map<String, Map<String, Entry>> apps = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException(file + ":" + number + ": '" + line + "' is not key=value, e.g. "
                        + "app.default.client-id=box-ccg-demo");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            Matcher matcher = KEY.matcher(key);
            if (!matcher.matches() || !PROPERTIES.contains(matcher.group(2))) {
                throw new IllegalArgumentException(file + ":" + number + ": unknown key " + key + ": the keys are"
                        + " app.NAME.client-id, app.NAME.client-secret, app.NAME.enterprise-id, app.NAME.users,"
                        + " app.NAME.perform-actions-as-users, app.NAME.app-and-enterprise-access and"
                        + " app.NAME.scopes"
                        + " (NAME: letters, digits, _ and -)");
            }
            Entry previous = apps.computeIfAbsent(matcher.group(1), name -> new LinkedHashMap<>())
                    .putIfAbsent(matcher.group(2), new Entry(key, value, number));
            if (previous != null) {
                throw new IllegalArgumentException(file + ":" + number + ": " + key + " is set twice (also on line "
                        + previous.line() + ")");
            }
        }
        if (apps.isEmpty()) {
            throw new IllegalArgumentException(file + ": no apps in it: give at least app.NAME.client-id,"
                    + " app.NAME.client-secret and app.NAME.enterprise-id");
        }
        List<DemoApp> result = new ArrayList<>();
        Map<String, Entry> clientIds = new HashMap<>();
        apps.forEach((name, entries) -> {
            for (String property : REQUIRED) {
                if (!entries.containsKey(property)) {
                    throw new IllegalArgumentException(file + ":" + entries.values().iterator().next().line()
                            + ": app " + name + " has no app." + name + "." + property);
                }
            }
            Entry clientId = entries.get("client-id");
            String id = check(file, clientId, () -> DemoApp.checkClientId(clientId.value()));
            Entry sameId = clientIds.putIfAbsent(id, clientId);
            if (sameId != null) {
                throw new IllegalArgumentException(file + ":" + clientId.line() + ": " + clientId.key()
                        + ": client ID " + id + " is also the one of " + sameId.key() + " (line " + sameId.line()
                        + ")");
            }
            Entry secret = entries.get("client-secret");
            Entry enterprise = entries.get("enterprise-id");
            List<BoxSimulator.User> users = new ArrayList<>();
            Entry userList = entries.get("users");
            if (userList != null && !userList.value().isEmpty()) {
                for (String user : userList.value().split(",")) {
                    users.add(check(file, userList, () -> DemoApp.user(user.strip())));
                }
            }
            Entry asUsers = entries.get("perform-actions-as-users");
            Entry access = entries.get("app-and-enterprise-access");
            Entry scopes = entries.get("scopes");
            result.add(new DemoApp(name.equals(DEFAULT_NAME) ? "" : name, id,
                    check(file, secret, () -> DemoApp.checkSecret(secret.value())),
                    check(file, enterprise, () -> DemoApp.checkId("an enterprise ID", enterprise.value())), users,
                    asUsers != null && check(file, asUsers, () -> DemoApp.flag(asUsers.value())),
                    access == null || check(file, access, () -> DemoApp.flag(access.value())),
                    scopes == null ? BoxDownscope.SCOPES : check(file, scopes, () -> DemoApp.scopes(scopes.value()))));
        });
        return result;
    }

    private static <T> T check(String file, Entry entry, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + entry.line() + ": " + entry.key() + ": " + e.getMessage(),
                    e);
        }
    }

    private record Entry(String key, String value, int line) {
    }
}
