package dev.boxccg.impl.config;

import static dev.boxccg.impl.config.TestConfigs.SECRET;
import static dev.boxccg.impl.config.TestConfigs.config;
import static dev.boxccg.impl.config.TestConfigs.map;
import static dev.boxccg.impl.config.TestConfigs.minimal;
import static dev.boxccg.impl.config.TestConfigs.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boxccg.BoxSubject;
import dev.boxccg.core.Backoff;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.core.RetrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configurations that are usable, and what they become. */
class BoxCcgConfigReaderTest {

    @Test
    void readsAFullDefaultConfigurationForTheServiceAccount() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(properties(
                "box.ccg.client-id", "abc123",
                "box.ccg.client-secret", SECRET,
                "box.ccg.enterprise-id", "987654",
                "box.ccg.token-url", "https://box.example.com/oauth2/token",
                "box.ccg.allow-insecure-token-url", "false",
                "box.ccg.refresh-ahead", "2m",
                "box.ccg.connect-timeout", "3s",
                "box.ccg.read-timeout", "PT20S",
                "box.ccg.retry.initial-backoff", "250ms",
                "box.ccg.retry.max-backoff", "4s",
                "box.ccg.retry.deadline", "1m",
                "box.ccg.retry.max-attempts", "3"));

        BoxAppConfiguration configuration = reader.read("");

        assertEquals("", configuration.name());
        assertEquals(BoxSubject.enterprise("987654"), configuration.subject());
        BoxCcgSettings settings = configuration.settings();
        assertEquals("abc123", settings.clientId());
        assertEquals(SECRET, settings.clientSecret());
        assertEquals(URI.create("https://box.example.com/oauth2/token"), settings.tokenUrl());
        assertEquals(Duration.ofMinutes(2), settings.refreshAhead());
        assertEquals(Duration.ofSeconds(3), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(20), settings.readTimeout());
        assertEquals(new RetrySettings(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(4)),
                Duration.ofMinutes(1), 3), settings.retry());
        assertEquals(List.of(), reader.problems(""));
    }

    @Test
    void readsAFullDefaultConfigurationForAUser() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(properties(
                "box.ccg.client-id", "abc123",
                "box.ccg.client-secret", SECRET,
                "box.ccg.user-id", "55501",
                "box.ccg.token-url", "http://box-simulator.test:8080/token",
                "box.ccg.allow-insecure-token-url", "TRUE",
                "box.ccg.refresh-ahead", "0s",
                "box.ccg.connect-timeout", "1500ms",
                "box.ccg.read-timeout", "1m",
                "box.ccg.retry.initial-backoff", "1s",
                "box.ccg.retry.max-backoff", "1s",
                "box.ccg.retry.deadline", "PT2M",
                "box.ccg.retry.max-attempts", "1"));

        BoxAppConfiguration configuration = reader.read("");

        assertEquals(BoxSubject.user("55501"), configuration.subject());
        BoxCcgSettings settings = configuration.settings();
        assertEquals(URI.create("http://box-simulator.test:8080/token"), settings.tokenUrl());
        assertEquals(Duration.ZERO, settings.refreshAhead());
        assertEquals(Duration.ofMillis(1500), settings.connectTimeout());
        assertEquals(Duration.ofMinutes(1), settings.readTimeout());
        assertEquals(new RetrySettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                Duration.ofMinutes(2), 1), settings.retry());
    }

    @Test
    void readsANamedConfigurationFromItsOwnKeysOnly() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(properties(
                "box.ccg.client-id", "default-id",
                "box.ccg.client-secret", "default-secret",
                "box.ccg.enterprise-id", "1",
                "box.ccg.read-timeout", "1m",
                "box.ccg.hr.client-id", "hr-id",
                "box.ccg.hr.client-secret", SECRET,
                "box.ccg.hr.user-id", "42",
                "box.ccg.hr.retry.max-attempts", "2"));

        BoxAppConfiguration hr = reader.read("hr");

        assertEquals("hr", hr.name());
        assertEquals("hr-id", hr.settings().clientId());
        assertEquals(SECRET, hr.settings().clientSecret());
        assertEquals(BoxSubject.user("42"), hr.subject());
        assertEquals(2, hr.settings().retry().maxAttempts());
        // The default configuration's keys are not inherited.
        assertEquals(BoxCcgSettings.DEFAULT_READ_TIMEOUT, hr.settings().readTimeout());
        assertEquals("default-id", reader.read("").settings().clientId());
    }

    @Test
    void appliesTheEngineDefaultsWhenOptionalKeysAreAbsent() {
        BoxCcgSettings settings = new BoxCcgConfigReader(minimal()).read("").settings();

        assertEquals(BoxCcgSettings.DEFAULT_TOKEN_URL, settings.tokenUrl());
        assertEquals(BoxCcgSettings.DEFAULT_REFRESH_AHEAD, settings.refreshAhead());
        assertEquals(BoxCcgSettings.DEFAULT_CONNECT_TIMEOUT, settings.connectTimeout());
        assertEquals(BoxCcgSettings.DEFAULT_READ_TIMEOUT, settings.readTimeout());
        assertEquals(RetrySettings.DEFAULT, settings.retry());
    }

    @Test
    void actsAsUsersWithTheHeaderUnlessTheConfigurationSaysUserTokens() {
        assertEquals(AsUserMode.HEADER, new BoxCcgConfigReader(minimal()).read("").asUserMode());
        assertEquals(AsUserMode.HEADER,
                new BoxCcgConfigReader(minimal("box.ccg.as-user-mode", "header")).read("").asUserMode());
        assertEquals(AsUserMode.USER_TOKEN,
                new BoxCcgConfigReader(minimal("box.ccg.as-user-mode", " User-Token ")).read("").asUserMode());
    }

    @Test
    void fetchesTokensOnFirstUseUnlessEager() {
        BoxAppConfiguration defaults = new BoxCcgConfigReader(minimal()).read("");
        assertEquals(false, defaults.eager());
        assertEquals(false, defaults.eagerFailDeployment());
        BoxAppConfiguration eager = new BoxCcgConfigReader(minimal("box.ccg.eager", "true")).read("");
        assertEquals(true, eager.eager());
        assertEquals(false, eager.eagerFailDeployment());
        BoxAppConfiguration failing = new BoxCcgConfigReader(minimal("box.ccg.eager", "TRUE",
                "box.ccg.eager.fail-deployment", "true")).read("");
        assertEquals(true, failing.eager());
        assertEquals(true, failing.eagerFailDeployment());
    }

    @Test
    void eagerKeysAreCheckedNamingTheKey() {
        assertEquals(List.of("box.ccg.eager 'yes' is neither true nor false"),
                new BoxCcgConfigReader(minimal("box.ccg.eager", "yes")).problems(""));
        assertEquals(List.of("box.ccg.eager.fail-deployment is true but box.ccg.eager is not: set box.ccg.eager=true"
                        + " too, or remove box.ccg.eager.fail-deployment"),
                new BoxCcgConfigReader(minimal("box.ccg.eager.fail-deployment", "true")).problems(""));
    }

    @Test
    void revokesAtTheDerivedUrlAndNotOnStopUnlessConfigured() {
        BoxCcgSettings defaults = new BoxCcgConfigReader(minimal()).read("").settings();
        assertEquals(java.util.Optional.of(java.net.URI.create("https://api.box.com/oauth2/revoke")),
                defaults.revokeUrl());
        assertEquals(Duration.ZERO, defaults.revokeOnStop());

        BoxCcgSettings set = new BoxCcgConfigReader(minimal("box.ccg.revoke-url", "https://box.example.com/revoke",
                "box.ccg.revoke-on-stop", "2s")).read("").settings();
        assertEquals(java.util.Optional.of(java.net.URI.create("https://box.example.com/revoke")), set.revokeUrl());
        assertEquals(Duration.ofSeconds(2), set.revokeOnStop());
    }

    @Test
    void aPlainHttpRevokeUrlToAnotherHostIsRefusedNamingTheKey() {
        List<String> problems = new BoxCcgConfigReader(minimal("box.ccg.revoke-url", "http://box.example.com/revoke"))
                .problems("");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("box.ccg.revoke-url: "), problems.get(0));
    }

    @Test
    void stripsValuesAndTakesBlankOnesForAbsent() {
        BoxAppConfiguration configuration = new BoxCcgConfigReader(config(map(
                "box.ccg.client-id", "  abc  ",
                "box.ccg.client-secret", "\t" + SECRET + " ",
                "box.ccg.enterprise-id", " 1234 ",
                "box.ccg.user-id", "   ",
                "box.ccg.read-timeout", "",
                "box.ccg.connect-timeout", " 7s "), Map.of())).read("");

        assertEquals("abc", configuration.settings().clientId());
        assertEquals(SECRET, configuration.settings().clientSecret());
        assertEquals(BoxSubject.enterprise("1234"), configuration.subject());
        assertEquals(BoxCcgSettings.DEFAULT_READ_TIMEOUT, configuration.settings().readTimeout());
        assertEquals(Duration.ofSeconds(7), configuration.settings().connectTimeout());
    }

    @Test
    void acceptsPlainHttpToThisMachineWithoutBeingAllowed() {
        BoxCcgSettings settings = new BoxCcgConfigReader(minimal("box.ccg.token-url", "http://127.0.0.1:9999/token"))
                .read("").settings();

        assertEquals(URI.create("http://127.0.0.1:9999/token"), settings.tokenUrl());
    }

    @Test
    void aSingleRetryBackoffKeyIsCheckedAgainstTheOtherDefault() {
        RetrySettings retry = new BoxCcgConfigReader(minimal("box.ccg.retry.max-backoff", "1m")).read("")
                .settings().retry();

        assertEquals(new Backoff(RetrySettings.DEFAULT.backoff().initial(), Duration.ofMinutes(1)), retry.backoff());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        BoxAppConfiguration configuration = new BoxCcgConfigReader(minimal()).read("");

        assertFalse(configuration.toString().contains(SECRET), configuration::toString);
        assertTrue(configuration.toString().contains("clientSecret=<redacted>"), configuration::toString);
        assertTrue(configuration.toString().contains("subject=enterprise 1234"), configuration::toString);
    }
}
