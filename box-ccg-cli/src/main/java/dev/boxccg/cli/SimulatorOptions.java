package dev.boxccg.cli;

import dev.boxccg.BoxDownscope;
import dev.boxccg.impl.config.Durations;
import dev.boxccg.testkit.BoxSimulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code box-ccg simulator}, without the word {@code simulator}: see {@link Help}.
 *
 * @param help          print the usage and nothing else
 * @param port          the port on 127.0.0.1, 0 for any free one
 * @param tokenLifetime how long the tokens it issues live
 * @param apps          the apps it registers, at least one
 */
record SimulatorOptions(boolean help, int port, Duration tokenLifetime, List<DemoApp> apps) {

    static final String COMMAND = "simulator";
    static final int DEFAULT_PORT = 8090;
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(60);

    private static final List<String> APP_OPTIONS = List.of("--client-id", "--client-secret", "--enterprise-id",
            "--user", "--perform-actions-as-users", "--app-access-only", "--scopes");
    private static final List<String> SINGLE_OPTIONS = List.of("--port", "--token-lifetime", "--file",
            "--client-id", "--client-secret", "--enterprise-id", "--scopes");
    private static final List<String> FLAGS = List.of("--perform-actions-as-users", "--app-access-only");

    SimulatorOptions {
        apps = List.copyOf(apps);
    }

    /**
     * @param args the arguments after {@code simulator}
     * @throws Arguments.UsageException naming the option, or the file, key and line, that is wrong
     */
    static SimulatorOptions parse(List<String> args) {
        Map<String, String> single = new LinkedHashMap<>();
        List<String> users = new ArrayList<>();
        boolean help = false;
        for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
            String arg = it.next();
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (FLAGS.contains(option)) {
                if (!option.equals(arg)) {
                    throw new Arguments.UsageException(option + " is a flag and takes no value: give " + option
                            + " or leave it out");
                }
                if (single.putIfAbsent(option, "") != null) {
                    throw new Arguments.UsageException(option + " is given twice");
                }
                continue;
            }
            if (!SINGLE_OPTIONS.contains(option) && !option.equals("--user")) {
                throw new Arguments.UsageException(arg.startsWith("-") ? "simulator: unknown option " + option
                        : "simulator: unexpected argument '" + arg + "'");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (it.hasNext()) {
                value = it.next();
            } else {
                throw new Arguments.UsageException(option + " needs a value, e.g. " + example(option));
            }
            if (option.equals("--user")) {
                users.add(value);
            } else if (single.putIfAbsent(option, value) != null) {
                throw new Arguments.UsageException(option + " is given twice");
            }
        }
        if (help) {
            return new SimulatorOptions(true, DEFAULT_PORT, DEFAULT_TOKEN_LIFETIME, List.of());
        }
        int port = single.containsKey("--port") ? port(single.get("--port")) : DEFAULT_PORT;
        Duration lifetime = single.containsKey("--token-lifetime") ? tokenLifetime(single.get("--token-lifetime"))
                : DEFAULT_TOKEN_LIFETIME;
        List<DemoApp> apps;
        if (single.containsKey("--file")) {
            for (String appOption : APP_OPTIONS) {
                if (single.containsKey(appOption) || (appOption.equals("--user") && !users.isEmpty())) {
                    throw new Arguments.UsageException("--file and " + appOption + " exclude each other: put the"
                            + " app in the file");
                }
            }
            apps = readFile(Path.of(single.get("--file")));
        } else {
            apps = List.of(app(single, users));
        }
        return new SimulatorOptions(false, port, lifetime, apps);
    }

    private static DemoApp app(Map<String, String> single, List<String> userTexts) {
        String clientId = check("--client-id", () -> DemoApp.checkClientId(
                single.getOrDefault("--client-id", DemoApp.DEFAULT_CLIENT_ID)));
        String secret = check("--client-secret", () -> DemoApp.checkSecret(
                single.getOrDefault("--client-secret", DemoApp.DEFAULT_CLIENT_SECRET)));
        String enterpriseId = check("--enterprise-id", () -> DemoApp.checkId("an enterprise ID",
                single.getOrDefault("--enterprise-id", DemoApp.DEFAULT_ENTERPRISE_ID)));
        List<BoxSimulator.User> users = new ArrayList<>();
        for (String text : userTexts) {
            users.add(check("--user", () -> DemoApp.user(text)));
        }
        List<String> scopes = single.containsKey("--scopes")
                ? check("--scopes", () -> DemoApp.scopes(single.get("--scopes"))) : BoxDownscope.SCOPES;
        return new DemoApp("", clientId, secret, enterpriseId, users, single.containsKey("--perform-actions-as-users"),
                !single.containsKey("--app-access-only"), scopes);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Arguments.UsageException("--port: '" + text + "' is not a port: use 0 to 65535 (0: any free port)");
    }

    private static Duration tokenLifetime(String text) {
        Duration lifetime = check("--token-lifetime", () -> Durations.parse(text));
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new Arguments.UsageException("--token-lifetime: '" + text + "' is too short: at least 1s");
        }
        return lifetime;
    }

    private static List<DemoApp> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new Arguments.UsageException("--file " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new Arguments.UsageException("--file " + file + ": cannot read it (" + e + ")");
        }
        try {
            return AppsFile.parse(file.toString(), lines);
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException("--file " + e.getMessage());
        }
    }

    private static <T> T check(String option, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException(option + ": " + e.getMessage());
        }
    }

    private static String example(String option) {
        return switch (option) {
            case "--port" -> "--port 8090 (0: any free port)";
            case "--token-lifetime" -> "--token-lifetime 5m";
            case "--file" -> "--file apps.properties";
            case "--client-id" -> "--client-id my-app";
            case "--client-secret" -> "--client-secret my-demo-secret";
            case "--enterprise-id" -> "--enterprise-id 1234567";
            case "--scopes" -> "--scopes item_read,item_preview";
            default -> "--user 5678:Ada Lovelace:ada@example.com";
        };
    }
}
