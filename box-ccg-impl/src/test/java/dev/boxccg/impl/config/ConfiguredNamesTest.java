package dev.boxccg.impl.config;

import static dev.boxccg.impl.config.TestConfigs.config;
import static dev.boxccg.impl.config.TestConfigs.map;
import static dev.boxccg.impl.config.TestConfigs.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Only keys of known properties make up a configuration: a stray or misspelt key does not invent one. */
class ConfiguredNamesTest {

    private static Set<String> names(String... keyValues) {
        return new BoxCcgConfigReader(properties(keyValues)).configuredNames();
    }

    @Test
    void noneInAnEmptyConfig() {
        assertEquals(Set.of(), names());
    }

    @Test
    void theDefaultConfigurationFromAnyOfItsKeys() {
        assertEquals(Set.of(""), names("box.ccg.client-id", "x"));
        assertEquals(Set.of(""), names("box.ccg.retry.deadline", "1m"));
        assertEquals(Set.of(""), names("box.ccg.allow-insecure-token-url", "true"));
    }

    @Test
    void namedConfigurationsFromAnyOfTheirKeys() {
        assertEquals(Set.of("", "hr", "Sales_EU-2", "retry"), names(
                "box.ccg.client-id", "a",
                "box.ccg.hr.retry.max-attempts", "3",
                "box.ccg.Sales_EU-2.user-id", "4",
                "box.ccg.retry.client-secret", "5"));
    }

    @Test
    void ignoresUnrelatedAndUnknownKeys() {
        assertEquals(Set.of("hr"), names(
                "box.other.x", "1",
                "box.ccgx.client-id", "1",
                "box.ccg.unknown-prop", "1",
                "box.ccg.hr.unknown-prop", "1",
                "box.ccg.sales.clientid", "1",
                "box.ccg.a.b.client-id", "1",
                "box.ccg.h r.client-id", "1",
                "box.ccg..client-id", "1",
                "box.ccg.hr.client-id", "1",
                "BOX_OTHER_CLIENT_ID", "1"));
    }

    @Test
    void findsConfigurationsGivenOnlyAsEnvironmentVariables() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(config(Map.of(), map(
                "BOX_CCG_CLIENT_SECRET", "1",
                "BOX_CCG_HR_CLIENT_ID", "2",
                "BOX_CCG_SALES_RETRY_MAX_ATTEMPTS", "3",
                "BOX_CCG_TEST_ALLOW_INSECURE_TOKEN_URL", "true",
                "BOX_CCG_CLIENTID", "misspelt",
                "BOX_CCG_HR_UNKNOWN", "4",
                "PATH", "/usr/bin")));

        assertEquals(List.of("", "hr", "sales", "test"), List.copyOf(reader.configuredNames()));
    }

    @Test
    void aConfigurationInBothFormsIsNamedOnce() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(config(
                map("box.ccg.my-app.client-id", "1", "box.ccg.HR.user-id", "2"),
                map("BOX_CCG_MY_APP_CLIENT_SECRET", "3", "BOX_CCG_HR_CLIENT_SECRET", "4",
                        "BOX_CCG_ALLOW_INSECURE_TOKEN_URL", "true")));

        assertEquals(Set.of("", "my-app", "HR"), reader.configuredNames());
    }

    @Test
    void theNamesAreSortedAndUnmodifiable() {
        Set<String> names = names("box.ccg.zz.client-id", "1", "box.ccg.aa.client-id", "1", "box.ccg.client-id", "1");

        assertEquals(List.of("", "aa", "zz"), List.copyOf(names));
        assertThrows(UnsupportedOperationException.class, () -> names.add("more"));
    }
}
