package dev.boxccg.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoxCcgKeysTest {

    @Test
    void keysOfTheDefaultConfiguration() {
        assertEquals("box.ccg.client-id", BoxCcgKeys.key(BoxCcgKeys.DEFAULT_NAME, BoxCcgKeys.CLIENT_ID));
        assertEquals("box.ccg.retry.max-attempts", BoxCcgKeys.key("", BoxCcgKeys.RETRY_MAX_ATTEMPTS));
    }

    @Test
    void keysOfANamedConfiguration() {
        assertEquals("box.ccg.hr.client-id", BoxCcgKeys.key("hr", BoxCcgKeys.CLIENT_ID));
        assertEquals("box.ccg.My_App-2.retry.deadline", BoxCcgKeys.key("My_App-2", BoxCcgKeys.RETRY_DEADLINE));
    }

    @Test
    void describesConfigurations() {
        assertEquals("the default Box configuration (box.ccg.*)", BoxCcgKeys.describe(""));
        assertEquals("the Box configuration 'hr' (box.ccg.hr.*)", BoxCcgKeys.describe("hr"));
    }

    @Test
    void theAsUserModeKey() {
        assertEquals("box.ccg.as-user-mode", BoxCcgKeys.key("", BoxCcgKeys.AS_USER_MODE));
        assertEquals("box.ccg.hr.as-user-mode", BoxCcgKeys.key("hr", BoxCcgKeys.AS_USER_MODE));
    }

    @Test
    void knowsEveryPropertyOnce() {
        assertEquals(List.of("client-id", "client-secret", "enterprise-id", "user-id", "token-url",
                "allow-insecure-token-url", "refresh-ahead", "connect-timeout", "read-timeout", "retry.initial-backoff",
                "retry.max-backoff", "retry.deadline", "retry.max-attempts", "failure-cooldown.initial",
                "failure-cooldown.max", "proxy", "proxy-username", "proxy-password", "trust-store",
                "trust-store-password", "trust-store-type", "as-user-mode", "revoke-url", "revoke-on-stop", "eager",
                "eager.fail-deployment", "token-store", "token-store.cache", "token-store.cache-manager",
                "token-store.lease", "token-store.timeout", "tenants"),
                BoxCcgKeys.PROPERTIES);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"hr.eu", "h r", " hr", "hr ", "équipe", "hr/1", "hr$", "*"})
    void refusesInvalidNamesNamingThem(String name) {
        String expected = "'" + name + "' is not a Box configuration name: use letters, digits, '-' and '_' only,"
                + " or \"\" for the default configuration";
        assertEquals(expected,
                assertThrows(IllegalArgumentException.class, () -> BoxCcgKeys.key(name, "client-id")).getMessage());
        assertEquals(expected,
                assertThrows(IllegalArgumentException.class, () -> BoxCcgKeys.describe(name)).getMessage());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void refusesBlankProperties(String property) {
        assertThrows(IllegalArgumentException.class, () -> BoxCcgKeys.key("hr", property));
    }
}
