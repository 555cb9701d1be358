package dev.boxccg.impl.config;

import static dev.boxccg.impl.config.TestConfigs.SECRET;
import static dev.boxccg.impl.config.TestConfigs.failingFor;
import static dev.boxccg.impl.config.TestConfigs.map;
import static dev.boxccg.impl.config.TestConfigs.minimal;
import static dev.boxccg.impl.config.TestConfigs.properties;
import static dev.boxccg.impl.config.TestConfigs.withSources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Configurations that cannot be used, and exactly what the user is told. */
class BoxCcgConfigProblemsTest {

    private static List<String> problems(Config config) {
        return new BoxCcgConfigReader(config).problems("");
    }

    @Test
    void missingClientId() {
        assertEquals(List.of("box.ccg.client-id is missing (the app's Client ID, Developer Console > Configuration)"),
                problems(properties("box.ccg.client-secret", SECRET, "box.ccg.enterprise-id", "1")));
    }

    @Test
    void missingClientSecret() {
        assertEquals(List.of("box.ccg.client-secret is missing (the app's Client Secret,"
                        + " Developer Console > Configuration)"),
                problems(properties("box.ccg.client-id", "abc", "box.ccg.enterprise-id", "1")));
    }

    @Test
    void neitherSubject() {
        assertEquals(List.of("set exactly one of box.ccg.enterprise-id (service account) or box.ccg.user-id (a user):"
                        + " neither is set"),
                problems(properties("box.ccg.client-id", "abc", "box.ccg.client-secret", SECRET)));
    }

    @Test
    void bothSubjects() {
        assertEquals(List.of("set exactly one of box.ccg.enterprise-id (service account) or box.ccg.user-id (a user),"
                + " not both"), problems(minimal("box.ccg.user-id", "42")));
    }

    @Test
    void subjectIdWithWhiteSpace() {
        assertEquals(List.of("box.ccg.enterprise-id: The Box enterprise ID '12 34' contains white space"),
                problems(minimal("box.ccg.enterprise-id", "12 34")));
    }

    @Test
    void anEnterpriseIdThatIsNotDigitsIsNamed() {
        assertEquals(List.of("box.ccg.enterprise-id '...' is not a Box enterprise ID: Box's IDs are digits"
                        + " (Developer Console > General Settings shows the enterprise ID)"),
                problems(properties("box.ccg.client-id", "abc", "box.ccg.client-secret", SECRET,
                        "box.ccg.enterprise-id", "...")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "grace@example.com", "-42", "4.2", "\u0661\u0662"})
    void aUserIdThatIsNotDigitsIsNamed(String userId) {
        assertEquals(List.of("box.ccg.hr.user-id '" + userId + "' is not a Box user ID: Box's IDs are digits"
                        + " (Admin Console > Users and Groups shows a user's ID)"),
                new BoxCcgConfigReader(properties("box.ccg.hr.client-id", "abc", "box.ccg.hr.client-secret", SECRET,
                        "box.ccg.hr.user-id", userId)).problems("hr"));
    }

    @Test
    void malformedTokenUrl() {
        assertEquals(List.of("box.ccg.token-url 'https://box example.com/token' is not a URL"
                        + " (Illegal character in authority)"),
                problems(minimal("box.ccg.token-url", "https://box example.com/token")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.box.com/oauth2/token", "ftp://api.box.com/oauth2/token", "https:/oauth2/token"})
    void tokenUrlThatIsNotAnAbsoluteHttpUrl(String url) {
        assertEquals(List.of("box.ccg.token-url: The token URL '" + url + "' is not an absolute http(s) URL; Box's is"
                + " https://api.box.com/oauth2/token"), problems(minimal("box.ccg.token-url", url)));
    }

    @Test
    void plainHttpTokenUrlToAnotherMachine() {
        assertEquals(List.of("box.ccg.token-url: The token URL 'http://box.example.com/token' is not https: the client"
                        + " secret would be sent in clear text. Use https, or allow insecure token URLs explicitly"
                        + " for a test setup (box.ccg.allow-insecure-token-url=true)"),
                problems(minimal("box.ccg.token-url", "http://box.example.com/token")));
    }

    @Test
    void malformedDurationIsQuoted() {
        assertEquals(List.of("box.ccg.hr.connect-timeout '5 minutes' is not a duration: use for example 30s, 5m, 500ms"
                        + " or PT30S"),
                new BoxCcgConfigReader(properties("box.ccg.hr.client-id", "abc", "box.ccg.hr.client-secret", SECRET,
                        "box.ccg.hr.user-id", "42", "box.ccg.hr.connect-timeout", "5 minutes")).problems("hr"));
    }

    @ParameterizedTest
    @CsvSource({"connect-timeout, 0s", "read-timeout, PT0S", "retry.initial-backoff, 0ms", "retry.max-backoff, 0m",
            "retry.deadline, 0d"})
    void nonPositiveDurations(String property, String value) {
        assertEquals(List.of("box.ccg." + property + " '" + value + "' must be longer than zero"),
                problems(minimal("box.ccg." + property, value)));
    }

    @ParameterizedTest
    @CsvSource({"retry.deadline, 9223372036854775807s", "retry.deadline, PT9999999999999H", "read-timeout, 2d",
            "refresh-ahead, P1DT1S"})
    void durationsLongerThanADay(String property, String value) {
        // retry.deadline=9223372036854775807s used to pass validation: a deadline that never comes.
        assertEquals(List.of("box.ccg." + property + " '" + value + "' is longer than the maximum of 1d"),
                problems(minimal("box.ccg." + property, value)));
    }

    @Test
    void negativeDurationsAreNotDurations() {
        assertEquals(List.of("box.ccg.refresh-ahead '-5m' is not a duration: use for example 30s, 5m, 500ms or PT30S"),
                problems(minimal("box.ccg.refresh-ahead", "-5m")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "three", "2.5", "99999999999"})
    void badMaxAttempts(String value) {
        assertEquals(List.of("box.ccg.retry.max-attempts '" + value + "' is not a whole number of at least 1"),
                problems(minimal("box.ccg.retry.max-attempts", value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "truee"})
    void badBoolean(String value) {
        assertEquals(List.of("box.ccg.allow-insecure-token-url '" + value + "' is neither true nor false"),
                problems(minimal("box.ccg.allow-insecure-token-url", value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"as-user", "user_token", "token", "both"})
    void unknownAsUserMode(String value) {
        assertEquals(List.of("box.ccg.as-user-mode '" + value + "' is neither header (the configuration's token and"
                + " the As-User header) nor user-token (a token for the user)"),
                problems(minimal("box.ccg.as-user-mode", value)));
    }

    @Test
    void aBadBooleanDoesNotAlsoBlameAnHttpTokenUrlItMayHaveAllowed() {
        assertEquals(List.of("box.ccg.allow-insecure-token-url 'yes' is neither true nor false"),
                problems(minimal("box.ccg.allow-insecure-token-url", "yes",
                        "box.ccg.token-url", "http://box-simulator.test/token")));
    }

    @Test
    void initialBackoffLongerThanMaxBackoff() {
        assertEquals(List.of("box.ccg.retry.initial-backoff '20s' is longer than box.ccg.retry.max-backoff '5s'"),
                problems(minimal("box.ccg.retry.initial-backoff", "20s", "box.ccg.retry.max-backoff", "5s")));
    }

    @Test
    void initialBackoffLongerThanTheDefaultMaxBackoff() {
        assertEquals(List.of("box.ccg.retry.initial-backoff '20s' is longer than box.ccg.retry.max-backoff"
                + " (10s, the default)"), problems(minimal("box.ccg.retry.initial-backoff", "20s")));
    }

    @Test
    void reportsEveryProblemAtOnceNamingEachKey() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(properties(
                "box.ccg.hr.client-id", "abc",
                "box.ccg.hr.enterprise-id", "1",
                "box.ccg.hr.user-id", "2",
                "box.ccg.hr.token-url", "http://box.example.com/token",
                "box.ccg.hr.refresh-ahead", "soon",
                "box.ccg.hr.read-timeout", "0s",
                "box.ccg.hr.retry.max-attempts", "many",
                "box.ccg.hr.retry.deadline", "30"));

        BoxConfigurationException e = assertThrows(BoxConfigurationException.class, () -> reader.read("hr"));

        List<String> expected = List.of(
                "box.ccg.hr.client-secret is missing (the app's Client Secret, Developer Console > Configuration)",
                "set exactly one of box.ccg.hr.enterprise-id (service account) or box.ccg.hr.user-id (a user),"
                        + " not both",
                "box.ccg.hr.token-url: The token URL 'http://box.example.com/token' is not https: the client secret"
                        + " would be sent in clear text. Use https, or allow insecure token URLs explicitly for a test"
                        + " setup (box.ccg.hr.allow-insecure-token-url=true)",
                "box.ccg.hr.refresh-ahead 'soon' is not a duration: use for example 30s, 5m, 500ms or PT30S",
                "box.ccg.hr.read-timeout '0s' must be longer than zero",
                "box.ccg.hr.retry.deadline '30' is not a duration: use for example 30s, 5m, 500ms or PT30S",
                "box.ccg.hr.retry.max-attempts 'many' is not a whole number of at least 1");
        assertEquals(expected, e.problems());
        assertEquals("hr", e.configurationName());
        assertEquals("the Box configuration 'hr' (box.ccg.hr.*) cannot be used: " + String.join("; ", expected),
                e.getMessage());
        assertEquals(expected, reader.problems("hr"));
    }

    @Test
    void theDesignExampleMessage() {
        BoxConfigurationException e = assertThrows(BoxConfigurationException.class,
                () -> new BoxCcgConfigReader(properties("box.ccg.hr.client-id", "abc", "box.ccg.hr.enterprise-id", "1",
                        "box.ccg.hr.user-id", "2")).read("hr"));

        assertEquals("the Box configuration 'hr' (box.ccg.hr.*) cannot be used: box.ccg.hr.client-secret is missing"
                + " (the app's Client Secret, Developer Console > Configuration); set exactly one of"
                + " box.ccg.hr.enterprise-id (service account) or box.ccg.hr.user-id (a user), not both",
                e.getMessage());
    }

    @Test
    void anEmptyConfigurationIsMissingItsRequiredKeys() {
        assertEquals(3, new BoxCcgConfigReader(properties()).problems("absent").size());
    }

    @Test
    void theSecretsValueNeverAppears() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(properties(
                "box.ccg.client-id", SECRET + " ",
                "box.ccg.client-secret", SECRET,
                "box.ccg.user-id", "user " + SECRET,
                "box.ccg.token-url", "https://box example.com/" + SECRET,
                "box.ccg.retry.deadline", SECRET,
                "box.ccg.retry.max-attempts", SECRET,
                "box.ccg.allow-insecure-token-url", SECRET));

        BoxConfigurationException e = assertThrows(BoxConfigurationException.class, () -> reader.read(""));

        assertEquals(5, e.problems().size(), e::getMessage);
        assertFalse(e.getMessage().contains(SECRET), e::getMessage);
        assertFalse(e.toString().contains(SECRET), e::toString);
        e.problems().forEach(problem -> assertFalse(problem.contains(SECRET), problem));
        reader.problems("").forEach(problem -> assertFalse(problem.contains(SECRET), problem));
        assertEquals("box.ccg.retry.deadline '<redacted>' is not a duration: use for example 30s, 5m, 500ms or PT30S",
                e.problems().get(3));
    }

    @Test
    void anUnreadableKeyIsAProblemNotAnException() {
        Config config = withSources(failingFor("box.ccg.read-timeout", map("box.ccg.client-id", "abc",
                "box.ccg.client-secret", SECRET, "box.ccg.enterprise-id", "1", "box.ccg.read-timeout", "x")));

        assertEquals(List.of("box.ccg.read-timeout cannot be read: cannot resolve box.ccg.read-timeout"),
                problems(config));
    }

    @Test
    void anUnreadableSecretIsNotEchoedNorCalledMissing() {
        Config config = withSources(failingFor("box.ccg.client-secret", map("box.ccg.client-id", "abc",
                "box.ccg.client-secret", SECRET, "box.ccg.enterprise-id", "1")));

        assertEquals(List.of("box.ccg.client-secret cannot be read: IllegalStateException"), problems(config));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"hr.eu", "h r", "hr/1", " "})
    void invalidConfigurationNames(String name) {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(minimal());
        String expected = "'" + name + "' is not a Box configuration name: use letters, digits, '-' and '_' only, or"
                + " \"\" for the default configuration";

        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> reader.read(name)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> reader.problems(name)).getMessage());
    }
}
