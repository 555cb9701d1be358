package dev.boxccg.cli;

import dev.boxccg.impl.config.BoxCcgKeys;
import dev.boxccg.testkit.BoxSimulator;
import org.eclipse.microprofile.config.Config;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link BoxSimulator} on this machine with a demo app, and the configuration that points the check at it. The demo
 * app may act as users ("Perform Actions as Users", "App + Enterprise Access", user tokens), and its enterprise has
 * one user besides the service account, {@link #DEMO_USER}, for {@code check --as-user}.
 */
final class BuiltInSimulator implements AutoCloseable {

    static final String CLIENT_ID = "box-ccg-demo";
    static final String ENTERPRISE_ID = "1234567";
    /** The user of the demo enterprise {@code check --as-user 20000000002} acts as. */
    static final BoxSimulator.User DEMO_USER = new BoxSimulator.User("20000000002", "Demo User",
            "demo.user@example.com");

    private final BoxSimulator simulator;
    private final Config config;

    private BuiltInSimulator(String configuration, String asUserMode) {
        simulator = BoxSimulator.start();
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        simulator.registerApp(CLIENT_ID, secret, ENTERPRISE_ID)
                .performActionsAsUsers(true)
                .appAndEnterpriseAccess(true)
                .userSubjectsAllowed(true)
                .addUser(DEMO_USER.id(), DEMO_USER.name(), DEMO_USER.login());
        Map<String, String> properties = new HashMap<>(Map.of(
                BoxCcgKeys.key(configuration, BoxCcgKeys.CLIENT_ID), CLIENT_ID,
                BoxCcgKeys.key(configuration, BoxCcgKeys.CLIENT_SECRET), secret,
                BoxCcgKeys.key(configuration, BoxCcgKeys.ENTERPRISE_ID), ENTERPRISE_ID,
                BoxCcgKeys.key(configuration, BoxCcgKeys.TOKEN_URL), simulator.tokenUrl().toString(),
                ApiUrl.URL_KEY, simulator.baseUrl().toString()));
        if (asUserMode != null) {
            properties.put(BoxCcgKeys.key(configuration, BoxCcgKeys.AS_USER_MODE), asUserMode);
        }
        config = Configs.ofOnly(properties, "box-ccg built-in simulator");
    }

    /** @param configuration the configuration name the demo app is configured under */
    static BuiltInSimulator start(String configuration) {
        return new BuiltInSimulator(configuration, null);
    }

    /**
     * @param configuration the configuration name the demo app is configured under
     * @param asUserMode    the {@code as-user-mode} to give the demo app's configuration (as the user set it for the
     *                      configuration, so {@code check --as-user} tries that mode), or null for the default
     */
    static BuiltInSimulator start(String configuration, String asUserMode) {
        return new BuiltInSimulator(configuration, asUserMode);
    }

    /** @return the users of the demo enterprise a check may act as */
    static List<BoxSimulator.User> users() {
        return List.of(DEMO_USER);
    }

    /** @return for example {@code 20000000002 (Demo User, demo.user@example.com)} */
    static String describeUsers() {
        return users().stream().map(user -> user.id() + " (" + user.name() + ", " + user.login() + ")")
                .collect(Collectors.joining(", "));
    }

    /** @return the demo app's configuration: credentials, the simulator's token URL and API URL */
    Config config() {
        return config;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
