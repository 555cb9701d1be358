package dev.boxccg.cli;

import dev.boxccg.impl.config.BoxCcgKeys;
import dev.boxccg.testkit.BoxSimulator;
import org.eclipse.microprofile.config.Config;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/** A {@link BoxSimulator} on this machine with a demo app, and the configuration that points the check at it. */
final class BuiltInSimulator implements AutoCloseable {

    static final String CLIENT_ID = "box-ccg-demo";
    static final String ENTERPRISE_ID = "1234567";

    private final BoxSimulator simulator;
    private final Config config;

    private BuiltInSimulator(String configuration) {
        simulator = BoxSimulator.start();
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        simulator.registerApp(CLIENT_ID, secret, ENTERPRISE_ID);
        config = Configs.ofOnly(Map.of(
                BoxCcgKeys.key(configuration, BoxCcgKeys.CLIENT_ID), CLIENT_ID,
                BoxCcgKeys.key(configuration, BoxCcgKeys.CLIENT_SECRET), secret,
                BoxCcgKeys.key(configuration, BoxCcgKeys.ENTERPRISE_ID), ENTERPRISE_ID,
                BoxCcgKeys.key(configuration, BoxCcgKeys.TOKEN_URL), simulator.tokenUrl().toString(),
                ApiUrl.URL_KEY, simulator.baseUrl().toString()), "box-ccg built-in simulator");
    }

    /** @param configuration the configuration name the demo app is configured under */
    static BuiltInSimulator start(String configuration) {
        return new BuiltInSimulator(configuration);
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
