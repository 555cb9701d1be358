package dev.boxccg.cli;

import dev.boxccg.impl.config.BoxCcgKeys;
import dev.boxccg.testkit.BoxSimulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code box-ccg simulator}'s Box: a {@link BoxSimulator} on 127.0.0.1 with the apps of the {@link SimulatorOptions},
 * and the settings that point a server at it.
 */
final class LocalBox implements AutoCloseable {

    private final BoxSimulator simulator;
    private final SimulatorOptions options;
    private final Map<DemoApp, BoxSimulator.App> apps = new LinkedHashMap<>();

    private LocalBox(BoxSimulator simulator, SimulatorOptions options) {
        this.simulator = simulator;
        this.options = options;
        for (DemoApp app : options.apps()) {
            BoxSimulator.App registered = simulator.registerApp(app.clientId(), app.clientSecret(), app.enterpriseId())
                    .performActionsAsUsers(app.performActionsAsUsers())
                    .appAndEnterpriseAccess(app.appAndEnterpriseAccess())
                    .scopes(app.scopes().toArray(String[]::new));
            app.users().forEach(user -> registered.addUser(user.id(), user.name(), user.login()));
            apps.put(app, registered);
        }
    }

    /** @throws RuntimeException if it cannot listen on the port */
    static LocalBox start(SimulatorOptions options) {
        BoxSimulator simulator = BoxSimulator.builder().port(options.port()).tokenLifetime(options.tokenLifetime())
                .start();
        try {
            return new LocalBox(simulator, options);
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    BoxSimulator simulator() {
        return simulator;
    }

    /** Prints where it listens and, for each app, its settings as properties and as environment variables. */
    void describe(PrintStream out) {
        out.println("Box simulator (not Box) listening on " + simulator.baseUrl() + ", on 127.0.0.1 only");
        out.println("  token URL       " + simulator.tokenUrl());
        out.println("  API URL         " + simulator.baseUrl() + " (GET /2.0/users/me, GET /2.0/folders/{id}/items)");
        out.println("  token lifetime  " + format(options.tokenLifetime()));
        apps.forEach((app, registered) -> describe(app, registered, out));
        out.println();
        out.println("The client secrets above are the simulator's own demo values, not Box secrets: printing them is"
                + " safe.");
        out.println("Ctrl-C stops it.");
        out.flush();
    }

    private void describe(DemoApp app, BoxSimulator.App registered, PrintStream out) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(app.key(BoxCcgKeys.CLIENT_ID), app.clientId());
        settings.put(app.key(BoxCcgKeys.CLIENT_SECRET), app.clientSecret());
        settings.put(app.key(BoxCcgKeys.ENTERPRISE_ID), app.enterpriseId());
        settings.put(app.key(BoxCcgKeys.TOKEN_URL), simulator.tokenUrl().toString());
        settings.put(ApiUrl.URL_KEY, simulator.baseUrl().toString());

        BoxSimulator.User serviceAccount = registered.serviceAccount();
        out.println();
        out.println("App " + app.clientId() + " in enterprise " + app.enterpriseId() + ", for "
                + BoxCcgKeys.describe(app.configuration()) + ":");
        out.println("  service account  " + serviceAccount.name() + " (user ID " + serviceAccount.id()
                + "): enterprise tokens act as it");
        out.println("  " + app.accessSummary());
        for (BoxSimulator.User user : app.users()) {
            out.println("  user             " + user.name() + " (login " + user.login() + ", user ID " + user.id()
                    + "): " + app.key(BoxCcgKeys.USER_ID) + "=" + user.id() + " instead of "
                    + app.key(BoxCcgKeys.ENTERPRISE_ID) + " acts as this user");
        }
        out.println("Settings for your server, as MicroProfile Config properties:");
        out.println();
        settings.forEach((key, value) -> out.println(key + "=" + value));
        out.println();
        out.println("or as environment variables:");
        out.println();
        settings.forEach((key, value) -> out.println(Configs.environmentVariable(key) + "=" + value));
    }

    /** @return {@code 60m}, {@code 90s}, {@code 2h}; {@code PT1.5S} where no unit fits */
    static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (duration.getNano() != 0) {
            return duration.toString();
        }
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    @Override
    public void close() {
        simulator.close();
    }
}
