package dev.boxccg.cli;

import dev.boxccg.impl.config.BoxCcgKeys;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The MicroProfile Config the check runs with, and what it needs to know about it before it starts. */
final class Configs {

    /** The keys whose presence means someone meant to configure a Box app. */
    static final List<String> CREDENTIALS = List.of(BoxCcgKeys.CLIENT_ID, BoxCcgKeys.CLIENT_SECRET,
            BoxCcgKeys.ENTERPRISE_ID, BoxCcgKeys.USER_ID);

    private static final int ENVIRONMENT_ORDINAL = 300; // MicroProfile Config's: system properties (400) win

    private Configs() {
    }

    /** As in a server: environment variables (by MicroProfile Config's standard mapping) and system properties. */
    static SmallRyeConfig of(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new EnvConfigSource(environment, ENVIRONMENT_ORDINAL), new SysPropConfigSource())
                .build();
    }

    /** Exactly these properties, nothing from the environment. */
    static SmallRyeConfig ofOnly(Map<String, String> properties, String sourceName) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, sourceName, ENVIRONMENT_ORDINAL))
                .build();
    }

    /**
     * @return true if any of client-id, client-secret, enterprise-id, user-id is set for the configuration (or cannot
     * be read): then it is checked, and found incomplete if it is; false only if none is there at all
     */
    static boolean hasCredentials(Config config, String configurationName) {
        for (String property : CREDENTIALS) {
            try {
                if (config.getOptionalValue(BoxCcgKeys.key(configurationName, property), String.class)
                        .filter(value -> !value.isBlank()).isPresent()) {
                    return true;
                }
            } catch (RuntimeException unreadable) {
                return true; // the check will name the key and why
            }
        }
        return false;
    }

    /** @return MicroProfile Config's environment variable for a key: {@code box.ccg.hr.client-id} → {@code BOX_CCG_HR_CLIENT_ID} */
    static String environmentVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
