package dev.boxccg.impl.config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** Real MicroProfile Config objects (SmallRye), built from maps instead of files and the process environment. */
final class TestConfigs {

    /** A secret distinctive enough to search for in every message. */
    static final String SECRET = "Zq8-SECRET-VALUE-7731";

    private TestConfigs() {
    }

    /** @param keyValues key, value, key, value, … */
    static Config properties(String... keyValues) {
        return config(map(keyValues), Map.of());
    }

    /** Environment variables outrank properties, as in a server (ordinal 300 against 100). */
    static Config config(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100), new EnvConfigSource(environment, 300))
                .build();
    }

    static Config withSources(ConfigSource... sources) {
        return new SmallRyeConfigBuilder().withSources(sources).build();
    }

    static Map<String, String> map(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** The minimum that is valid for the default configuration, plus the given pairs (later pairs win). */
    static Config minimal(String... more) {
        Map<String, String> map = map("box.ccg.client-id", "the-client-id", "box.ccg.client-secret", SECRET,
                "box.ccg.enterprise-id", "1234");
        map.putAll(map(more));
        return config(map, Map.of());
    }

    /** A source whose reads of one key fail, as a broken source or an unresolvable expression might. */
    static ConfigSource failingFor(String failingKey, Map<String, String> values) {
        return new ConfigSource() {
            @Override
            public Set<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public String getValue(String propertyName) {
                if (propertyName.equals(failingKey)) {
                    throw new IllegalStateException("cannot resolve " + propertyName);
                }
                return values.get(propertyName);
            }

            @Override
            public String getName() {
                return "failing";
            }

            @Override
            public int getOrdinal() {
                return 100;
            }
        };
    }
}
