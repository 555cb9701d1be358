package dev.boxccg.cli;

import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.BoxSimulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.boxccg.cli.BoxCcgCommandTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check --as-user ID}, in-process, against the Box simulator over HTTP. */
class CheckAsUserTest {

    static final String SECRET = "as-user-secret-61c0d2";
    /** May act as users: "Perform Actions as Users", "App + Enterprise Access", user tokens. */
    static final String ALLOWED = "as-user-allowed";
    static final String ALLOWED_ENTERPRISE = "900";
    static final String USER = "901";
    /** As Box's apps start: without "Perform Actions as Users", and without user tokens. */
    static final String PLAIN = "as-user-plain";
    static final String PLAIN_ENTERPRISE = "910";
    static final String PLAIN_USER = "911";

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    static BoxSimulator.App allowed;

    @BeforeAll
    static void registerApps() {
        allowed = BOX.simulator().registerApp(ALLOWED, SECRET, ALLOWED_ENTERPRISE)
                .performActionsAsUsers(true)
                .addUser(USER, "Ada Lovelace", "ada@example.com");
        BOX.simulator().registerApp(PLAIN, SECRET, PLAIN_ENTERPRISE)
                .userSubjectsAllowed(false)
                .addUser(PLAIN_USER, "Alan Turing", "alan@example.com");
    }

    static Map<String, String> environment(String clientId, String enterpriseId, String... more) {
        Map<String, String> environment = new HashMap<>();
        environment.put("BOX_CCG_CLIENT_ID", clientId);
        environment.put("BOX_CCG_CLIENT_SECRET", SECRET);
        environment.put("BOX_CCG_ENTERPRISE_ID", enterpriseId);
        environment.put("BOX_CCG_TOKEN_URL", BOX.simulator().tokenUrl().toString());
        environment.put("BOX_MP_REST_URL", BOX.simulator().baseUrl().toString());
        for (int i = 0; i < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return environment;
    }

    @Test
    void headerModeActsAsTheUserWithTheServiceAccountsToken() {
        CommandRun run = CommandRun.of(environment(ALLOWED, ALLOWED_ENTERPRISE), "check", "--as-user", USER);

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "OK: the app can act as user " + USER,
                "acted as           Ada Lovelace (login ada@example.com, user ID " + USER + ")",
                "as-user mode       header (box.ccg.as-user-mode): the configuration's own token with the header"
                        + " As-User: " + USER,
                "subject            enterprise " + ALLOWED_ENTERPRISE + " (the enterprise's service account), sent"
                        + " with As-User: " + USER,
                "token              fingerprint ");
        assertEquals("", run.err());
        assertEquals(1, BOX.simulator().tokenRequests("enterprise", ALLOWED_ENTERPRISE));
        assertEquals(0, BOX.simulator().tokenRequests("user", USER));
        List<BoxSimulator.ApiCall> calls = BOX.simulator().apiCalls();
        assertEquals(1, calls.size(), calls::toString);
        assertEquals(USER, calls.get(0).asUser());
        assertEquals(200, calls.get(0).status());
        assertNoSecretOrToken(run);
    }

    @Test
    void userTokenModeActsAsTheUserWithTheUsersOwnToken() {
        CommandRun run = CommandRun.of(environment(ALLOWED, ALLOWED_ENTERPRISE, "BOX_CCG_AS_USER_MODE", "user-token"),
                "check", "--as-user=" + USER);

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "OK: the app can act as user " + USER,
                "acted as           Ada Lovelace (login ada@example.com, user ID " + USER + ")",
                "as-user mode       user-token (box.ccg.as-user-mode): a token for user " + USER
                        + " (box_subject_type=user), no As-User header",
                "subject            user " + USER + " (the user's own token)",
                "token              fingerprint ");
        assertEquals(1, BOX.simulator().tokenRequests("user", USER));
        assertEquals(0, BOX.simulator().tokenRequests("enterprise", ALLOWED_ENTERPRISE));
        List<BoxSimulator.ApiCall> calls = BOX.simulator().apiCalls();
        assertEquals(1, calls.size(), calls::toString);
        assertNull(calls.get(0).asUser(), "no As-User header with the user's own token");
        assertNoSecretOrToken(run);
    }

    @Test
    void anAppWithoutPerformActionsAsUsersGets403AndWhatToTurnOn() {
        CommandRun run = CommandRun.of(environment(PLAIN, PLAIN_ENTERPRISE), "check", "--as-user", PLAIN_USER);

        assertEquals(5, run.exitCode(), run::toString);
        assertContains(run.err(), "FAILED: Box issued a token for the default Box configuration (box.ccg.*), but GET "
                        + BOX.simulator().baseUrl() + "/2.0/users/me as user " + PLAIN_USER + " (--as-user) failed.",
                "HTTP status        403 Forbidden",
                "Box said           access_denied_insufficient_permissions",
                "\"Perform Actions as Users\" (Configuration > Advanced Features)",
                "\"App + Enterprise Access\"",
                "an admin re-authorize the app (Admin Console > Apps > Platform Apps Manager)",
                "as-user mode       header",
                "subject            enterprise " + PLAIN_ENTERPRISE + " (the enterprise's service account), sent"
                        + " with As-User: " + PLAIN_USER,
                "token              fingerprint ");
        assertEquals("", run.out());
        assertNoSecretOrToken(run);
    }

    @Test
    void aUserNotInTheEnterpriseGets404AndIsCalledUnknown() {
        CommandRun run = CommandRun.of(environment(ALLOWED, ALLOWED_ENTERPRISE), "check", "--as-user", "911");

        assertEquals(5, run.exitCode(), run::toString);
        assertContains(run.err(), "HTTP status        404 Not Found",
                "Box found no user 911 for the app: the ID is wrong, or 911 is not a user of the app's enterprise",
                "not the app's own service account");
        assertFalse(run.err().contains("Perform Actions as Users"), run::toString);
    }

    @Test
    void userTokenModeRefusedNamesGenerateUserAccessTokens() {
        CommandRun run = CommandRun.of(environment(PLAIN, PLAIN_ENTERPRISE, "BOX_CCG_AS_USER_MODE", "user-token"),
                "check", "--as-user", PLAIN_USER);

        assertEquals(3, run.exitCode(), run::toString);
        assertContains(run.err(), "FAILED: Box's token endpoint refused a token for user " + PLAIN_USER
                        + " (--as-user) for the default Box configuration (box.ccg.*).",
                "error              invalid_grant",
                "\"Generate user access tokens\" (Configuration > Advanced Features)",
                "\"App + Enterprise Access\"",
                "an admin re-authorize the app (Admin Console > Apps > Platform Apps Manager)",
                "subject            user " + PLAIN_USER + " (the user's own token)");
        assertEquals(0, BOX.simulator().apiCalls().size(), "no API call without a token");
        assertNoSecretOrToken(run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"...", "abc", "", "-1", "12 34", "ada@example.com"})
    void anAsUserIdThatIsNotDigitsIsAUsageErrorAndNothingIsSent(String id) {
        CommandRun run = CommandRun.of(environment(ALLOWED, ALLOWED_ENTERPRISE), "check", "--as-user=" + id);

        assertEquals(64, run.exitCode(), run::toString);
        assertContains(run.err(), "box-ccg: --as-user: '" + id + "' is not a Box user ID: Box user IDs are digits",
                "Usage: box-ccg check");
        assertEquals(0, BOX.simulator().tokenRequests());
        assertEquals(0, BOX.simulator().apiCalls().size());
    }

    @Test
    void asUserWithoutAnIdOrTwiceIsAUsageError() {
        for (String[] args : List.of(new String[] {"check", "--as-user"},
                new String[] {"check", "--as-user", USER, "--as-user", USER})) {
            CommandRun run = CommandRun.of(environment(ALLOWED, ALLOWED_ENTERPRISE), args);
            assertEquals(64, run.exitCode(), run::toString);
            assertContains(run.err(), "box-ccg: --as-user");
        }
        assertEquals(0, BOX.simulator().tokenRequests());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BOX_CCG_ENTERPRISE_ID", "BOX_CCG_USER_ID"})
    void aConfiguredIdThatIsNotDigitsIsAConfigurationErrorAndNothingIsSent(String variable) {
        Map<String, String> environment = environment(ALLOWED, ALLOWED_ENTERPRISE);
        environment.remove("BOX_CCG_ENTERPRISE_ID");
        environment.put(variable, "...");

        CommandRun run = CommandRun.of(environment, "check", "--as-user", USER);

        assertEquals(2, run.exitCode(), run::toString);
        String key = variable.equals("BOX_CCG_USER_ID") ? "box.ccg.user-id" : "box.ccg.enterprise-id";
        assertContains(run.err(), "FAILED: the default Box configuration (box.ccg.*) cannot be used:",
                "  - " + key + " '...' is not a Box ", "Box's IDs are digits",
                "As environment variables: " + variable + ".");
        assertEquals(0, BOX.simulator().tokenRequests());
        assertEquals(0, BOX.simulator().apiCalls().size());
    }

    @Test
    void theBuiltInSimulatorsDemoAppActsAsItsDemoUser() {
        CommandRun run = CommandRun.of(Map.of("HOME", "/home/someone"), "check", "--as-user", "20000000002");

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "running against the built-in Box simulator",
                "OK: the app can act as user 20000000002",
                "acted as           Demo User (login demo.user@example.com, user ID 20000000002)",
                "as-user mode       header",
                "subject            enterprise 1234567 (the enterprise's service account), sent with As-User:"
                        + " 20000000002",
                "That was Box's simulator with a demo app, not Box.");
        assertEquals("", run.err());
        assertEquals(0, BOX.simulator().tokenRequests(), "a simulator of its own, not the test's");
    }

    @Test
    void theBuiltInSimulatorTakesTheConfiguredAsUserMode() {
        CommandRun run = CommandRun.of(Map.of("BOX_CCG_AS_USER_MODE", "user-token"), "check", "--simulator",
                "--as-user", "20000000002");

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "as-user mode       user-token", "subject            user 20000000002");
    }

    @Test
    void anUnknownUserOfTheBuiltInSimulatorListsItsUsers() {
        CommandRun run = CommandRun.of(Map.of(), "check", "--as-user", "42");

        assertEquals(5, run.exitCode(), run::toString);
        assertContains(run.err(), "HTTP status        404 Not Found", "Box found no user 42");
        assertContains(run.err(), "The built-in simulator's demo enterprise has no user 42; its users are"
                + " 20000000002 (Demo User, demo.user@example.com): try --as-user 20000000002.");
    }

    private static void assertNoSecretOrToken(CommandRun run) {
        assertFalse(run.all().contains(SECRET), () -> "the secret was printed: " + run);
        List<String> tokens = new ArrayList<>(BOX.simulator().issuedTokens());
        assertTrue(tokens.stream().noneMatch(run.all()::contains), () -> "a token was printed: " + run);
    }
}
