package dev.boxccg.impl.config;

import static dev.boxccg.impl.config.TestConfigs.SECRET;
import static dev.boxccg.impl.config.TestConfigs.config;
import static dev.boxccg.impl.config.TestConfigs.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boxccg.BoxSubject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** MicroProfile Config's standard mapping alone makes environment variables work; the reader asks for dotted keys. */
class EnvironmentVariablesTest {

    @Test
    void theDefaultConfigurationFromEnvironmentVariables() {
        BoxAppConfiguration configuration = new BoxCcgConfigReader(config(Map.of(), map(
                "BOX_CCG_CLIENT_ID", "abc",
                "BOX_CCG_CLIENT_SECRET", SECRET,
                "BOX_CCG_ENTERPRISE_ID", "1234",
                "BOX_CCG_RETRY_MAX_ATTEMPTS", "4",
                "BOX_CCG_ALLOW_INSECURE_TOKEN_URL", "true",
                "BOX_CCG_TOKEN_URL", "http://box-simulator.test/token"))).read("");

        assertEquals(SECRET, configuration.settings().clientSecret());
        assertEquals(BoxSubject.enterprise("1234"), configuration.subject());
        assertEquals(4, configuration.settings().retry().maxAttempts());
        assertEquals("http://box-simulator.test/token", configuration.settings().tokenUrl().toString());
    }

    @Test
    void aNamedConfigurationFromEnvironmentVariablesOverridingProperties() {
        BoxAppConfiguration hr = new BoxCcgConfigReader(config(
                map("box.ccg.hr.client-id", "from-properties", "box.ccg.hr.user-id", "42",
                        "box.ccg.hr.retry.max-attempts", "9"),
                map("BOX_CCG_HR_CLIENT_ID", "from-environment", "BOX_CCG_HR_CLIENT_SECRET", SECRET,
                        "BOX_CCG_HR_RETRY_MAX_ATTEMPTS", "2", "BOX_CCG_HR_RETRY_INITIAL_BACKOFF", "100ms")))
                .read("hr");

        assertEquals("from-environment", hr.settings().clientId());
        assertEquals(BoxSubject.user("42"), hr.subject());
        assertEquals(2, hr.settings().retry().maxAttempts());
        assertEquals(Duration.ofMillis(100), hr.settings().retry().backoff().initial());
    }

    @Test
    void lowerCaseVariablesAndNamesWithDashesMapToo() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(config(Map.of(), map(
                "box_ccg_client_id", "abc", "box_ccg_client_secret", SECRET, "box_ccg_user_id", "7",
                "BOX_CCG_MY_APP_CLIENT_ID", "mine", "BOX_CCG_MY_APP_CLIENT_SECRET", SECRET,
                "BOX_CCG_MY_APP_ENTERPRISE_ID", "8")));

        assertEquals("abc", reader.read("").settings().clientId());
        assertEquals("mine", reader.read("my-app").settings().clientId());
        assertEquals("mine", reader.read("my_app").settings().clientId());
        assertEquals(Set.of("", "my_app"), reader.configuredNames());
    }

    @Test
    void problemsNameTheDottedKeyEvenWhenTheValueCameFromTheEnvironment() {
        assertEquals(List.of("box.ccg.hr.retry.max-attempts 'zero' is not a whole number of at least 1"),
                new BoxCcgConfigReader(config(Map.of(), map("BOX_CCG_HR_CLIENT_ID", "abc",
                        "BOX_CCG_HR_CLIENT_SECRET", SECRET, "BOX_CCG_HR_USER_ID", "1",
                        "BOX_CCG_HR_RETRY_MAX_ATTEMPTS", "zero"))).problems("hr"));
    }
}
