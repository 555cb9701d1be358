package dev.boxccg.cli;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.BoxSimulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command in-process, against the Box simulator over HTTP, with the environment it would get from the shell.
 */
class BoxCcgCommandTest {

    static final String CLIENT_ID = "cli-client";
    static final String SECRET = "cli-secret-4f9e27b1";
    static final String ENTERPRISE = "800";
    static final String USER = "801";

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    static BoxSimulator.App app;

    @BeforeAll
    static void registerApp() {
        app = BOX.simulator().registerApp(CLIENT_ID, SECRET, ENTERPRISE).addUser(USER, "Grace Hopper", "grace@example.com");
    }

    /** The default configuration as environment variables: the service account of the app. */
    static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("BOX_CCG_CLIENT_ID", CLIENT_ID);
        environment.put("BOX_CCG_CLIENT_SECRET", SECRET);
        environment.put("BOX_CCG_ENTERPRISE_ID", ENTERPRISE);
        environment.put("BOX_CCG_TOKEN_URL", BOX.simulator().tokenUrl().toString());
        environment.put("BOX_MP_REST_URL", BOX.simulator().baseUrl().toString());
        environment.put("PATH", "/usr/bin"); // unrelated variables are ignored
        return environment;
    }

    static Map<String, String> environmentWith(String... keyValues) {
        Map<String, String> environment = environment();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                environment.remove(keyValues[i]);
            } else {
                environment.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return environment;
    }

    @Test
    void theServiceAccountOfAnEnterprise() {
        Set<String> before = Set.copyOf(BOX.simulator().issuedTokens());
        CommandRun run = CommandRun.of(environment(), "check");
        String token = onlyTokenIssuedSince(before);

        assertEquals(0, run.exitCode(), run::toString);
        BoxSimulator.User serviceAccount = app.serviceAccount();
        assertContains(run.out(), "OK: Box issued a token for the default Box configuration (box.ccg.*)",
                "authenticated as   " + CLIENT_ID + " Service Account (login " + serviceAccount.login() + ", user ID "
                        + serviceAccount.id() + ")",
                "subject            enterprise " + ENTERPRISE + " (the enterprise's service account)",
                "token lifetime     60 min, expires 20",
                "restrictions       none",
                "token              fingerprint " + fingerprint(token),
                "token URL          " + BOX.simulator().tokenUrl(),
                "API URL            " + BOX.simulator().baseUrl() + " (box/mp-rest/url)");
        assertEquals("", run.err());
        assertNoSecretOrToken(run);

        // The REST client's filter got the token; the token provider then gave the same one, from its cache.
        assertEquals(1, BOX.simulator().tokenRequests());
        List<BoxSimulator.ApiCall> calls = BOX.simulator().apiCalls();
        assertEquals(1, calls.size(), calls::toString);
        assertEquals("/2.0/users/me", calls.get(0).path());
        assertEquals("Bearer " + token, calls.get(0).authorization());
        assertEquals(200, calls.get(0).status());
    }

    @Test
    void aUserThroughANamedConfiguration() {
        Map<String, String> environment = Map.of(
                "BOX_CCG_HR_CLIENT_ID", CLIENT_ID,
                "BOX_CCG_HR_CLIENT_SECRET", SECRET,
                "BOX_CCG_HR_USER_ID", USER,
                "BOX_CCG_HR_TOKEN_URL", BOX.simulator().tokenUrl().toString(),
                "BOX_MP_REST_URL", BOX.simulator().baseUrl().toString());

        CommandRun run = CommandRun.of(environment, "check", "--config", "hr");

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "the Box configuration 'hr' (box.ccg.hr.*)",
                "authenticated as   Grace Hopper (login grace@example.com, user ID " + USER + ")",
                "subject            user " + USER + "\n");
        assertEquals(1, BOX.simulator().tokenRequests("user", USER));
        assertNoSecretOrToken(run);
    }

    @Test
    void withoutCredentialsItChecksTheBuiltInSimulator() {
        CommandRun run = CommandRun.of(Map.of("HOME", "/home/someone"), "check");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("No Box credentials found (BOX_CCG_CLIENT_ID, BOX_CCG_CLIENT_SECRET,"
                + " BOX_CCG_ENTERPRISE_ID or BOX_CCG_USER_ID): running against the built-in Box simulator\n"), run::toString);
        assertContains(run.out(), "OK: Box issued a token",
                "authenticated as   box-ccg-demo Service Account (login AutomationUser_",
                "subject            enterprise 1234567",
                "restrictions       none",
                "token URL          http://127.0.0.1:",
                "That was Box's simulator with a demo app, not Box. To check your app, set BOX_CCG_CLIENT_ID,"
                        + " BOX_CCG_CLIENT_SECRET and BOX_CCG_ENTERPRISE_ID (or BOX_CCG_USER_ID)");
        assertEquals("", run.err());
        assertEquals(0, BOX.simulator().tokenRequests(), "a simulator of its own, not the test's");
    }

    @Test
    void withoutCredentialsForTheNamedConfigurationItChecksTheSimulatorUnderThatName() {
        CommandRun run = CommandRun.of(environment(), "check", "--config", "sales");

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "No Box credentials found (BOX_CCG_SALES_CLIENT_ID, BOX_CCG_SALES_CLIENT_SECRET,"
                        + " BOX_CCG_SALES_ENTERPRISE_ID or BOX_CCG_SALES_USER_ID)",
                "Note: there are settings for the default Box configuration (box.ccg.*); check it without --config.",
                "the Box configuration 'sales'");
    }

    @Test
    void simulatorForcesTheSimulatorWhateverIsConfigured() {
        CommandRun run = CommandRun.of(environmentWith("BOX_CCG_CLIENT_SECRET", "wrong"), "check", "--simulator");

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "--simulator: running against the built-in Box simulator",
                "box-ccg-demo Service Account");
        assertEquals(0, BOX.simulator().tokenRequests());
    }

    @Test
    void partialCredentialsAreAConfigurationErrorNamingEveryMissingKey() {
        CommandRun run = CommandRun.of(Map.of("BOX_CCG_CLIENT_ID", CLIENT_ID), "check");

        assertEquals(2, run.exitCode(), run::toString);
        assertContains(run.err(), "FAILED: the default Box configuration (box.ccg.*) cannot be used:",
                "  - box.ccg.client-secret is missing",
                "box.ccg.enterprise-id (service account) or box.ccg.user-id (a user): neither is set",
                "As environment variables: BOX_CCG_CLIENT_SECRET, BOX_CCG_ENTERPRISE_ID, BOX_CCG_USER_ID.");
        assertFalse(run.all().contains("simulator"), run::toString);
    }

    @Test
    void aNamedConfigurationsProblemsNameItsKeys() {
        CommandRun run = CommandRun.of(Map.of("BOX_CCG_HR_CLIENT_ID", CLIENT_ID, "BOX_CCG_HR_USER_ID", USER,
                "BOX_CCG_HR_READ_TIMEOUT", "10"), "check", "--config=hr");

        assertEquals(2, run.exitCode(), run::toString);
        assertContains(run.err(), "FAILED: the Box configuration 'hr' (box.ccg.hr.*) cannot be used:",
                "box.ccg.hr.client-secret is missing", "box.ccg.hr.read-timeout '10'",
                "As environment variables: BOX_CCG_HR_CLIENT_SECRET, BOX_CCG_HR_READ_TIMEOUT.");
    }

    @Test
    void aSecretWithoutAClientIdIsAConfigurationErrorToo() {
        CommandRun run = CommandRun.of(environmentWith("BOX_CCG_CLIENT_ID", null), "check");

        assertEquals(2, run.exitCode(), run::toString);
        assertContains(run.err(), "box.ccg.client-id is missing", "BOX_CCG_CLIENT_ID");
        assertNoSecretOrToken(run);
    }

    @Test
    void aMalformedApiUrlIsAConfigurationErrorNamingItsKey() {
        CommandRun run = CommandRun.of(environmentWith("BOX_MP_REST_URL", "api.box.com"), "check");

        assertEquals(2, run.exitCode(), run::toString);
        assertContains(run.err(), "box/mp-rest/url 'api.box.com' is not an absolute http(s) URL", "BOX_MP_REST_URL");
        assertEquals(0, BOX.simulator().tokenRequests());
    }

    @Test
    void aWrongSecretIsRefusedWithBoxsErrorAndWhatToChange() {
        CommandRun run = CommandRun.of(environmentWith("BOX_CCG_CLIENT_SECRET", "not-the-secret-77"), "check");

        assertEquals(3, run.exitCode(), run::toString);
        assertContains(run.err(), "FAILED: Box's token endpoint refused the token request",
                "HTTP status        400",
                "error              invalid_grant",
                "error_description  Grant credentials are invalid",
                "what to change     Box refused the grant.",
                "Admin Console (Apps > Platform Apps Manager)",
                "subject            enterprise " + ENTERPRISE,
                "client ID          " + CLIENT_ID);
        assertFalse(run.all().contains("not-the-secret-77"), run::toString);
        assertEquals(0, BOX.simulator().apiCalls().size(), "no API call without a token");
    }

    @Test
    void anUnknownClientIsRefused() {
        CommandRun run = CommandRun.of(environmentWith("BOX_CCG_CLIENT_ID", "nobody"), "check");

        assertEquals(3, run.exitCode(), run::toString);
        assertContains(run.err(), "error              invalid_client",
                "error_description  The client credentials are invalid", "OAuth 2.0 Credentials");
        assertNoSecretOrToken(run);
    }

    @Test
    void anUnreachableTokenEndpointIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();

        CommandRun run = CommandRun.of(environmentWith(
                "BOX_CCG_TOKEN_URL", "http://127.0.0.1:" + closedPort + "/oauth2/token",
                "BOX_CCG_RETRY_MAX_ATTEMPTS", "2",
                "BOX_CCG_RETRY_INITIAL_BACKOFF", "50ms",
                "BOX_CCG_RETRY_MAX_BACKOFF", "50ms",
                "BOX_CCG_RETRY_DEADLINE", "2s"), "check");

        assertEquals(4, run.exitCode(), run::toString);
        assertContains(run.err(), "FAILED: Box's token endpoint could not be reached or kept failing",
                "HTTP status        none (no answer)", "ConnectException", "Gave up after 2 attempts",
                "token URL          http://127.0.0.1:" + closedPort + "/oauth2/token");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
        assertNoSecretOrToken(run);
    }

    @Test
    void anApiThatFailsAfterATokenWasIssued() {
        try (FakeApi failing = FakeApi.answering(500,
                "{\"type\":\"error\",\"status\":500,\"code\":\"internal_server_error\",\"message\":\"Boom\"}")) {
            Set<String> before = Set.copyOf(BOX.simulator().issuedTokens());
            CommandRun run = CommandRun.of(environmentWith("BOX_MP_REST_URL", failing.url()), "check");
            String token = onlyTokenIssuedSince(before);

            assertEquals(5, run.exitCode(), run::toString);
            assertContains(run.err(), "FAILED: Box issued a token for the default Box configuration (box.ccg.*), but GET "
                            + failing.url() + "/2.0/users/me failed.",
                    "HTTP status        500 Internal Server Error",
                    "Box said           internal_server_error \"Boom\"",
                    "what to change     Check that box/mp-rest/url (BOX_MP_REST_URL) is Box's API",
                    "token              fingerprint " + fingerprint(token),
                    "API URL            " + failing.url() + " (box/mp-rest/url)");
            assertNoSecretOrToken(run);
        }
    }

    @Test
    void anApiThatRejectsTheTokenGetsOneRetryWithAFreshTokenAsInAServer() {
        try (FakeApi rejecting = FakeApi.answering(401, null)) {
            CommandRun run = CommandRun.of(environmentWith("BOX_MP_REST_URL", rejecting.url()), "check");

            assertEquals(5, run.exitCode(), run::toString);
            assertContains(run.err(), "HTTP status        401 Unauthorized",
                    "The API rejected the token, and a fresh one");
            assertEquals(2, rejecting.requests(), "box-ccg's interceptor retried the call once");
            assertEquals(2, BOX.simulator().tokenRequests(), "the retry carried a fresh token; the report asks for none");
            assertFalse(run.err().contains("fingerprint"), "no token the call did not carry");
        }
    }

    @Test
    void helpListsTheKeysTheVariablesAndTheExitCodes() {
        CommandRun run = CommandRun.of(Map.of(), "--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "Usage: box-ccg check [--config NAME] [--as-user ID] [--simulator]",
                "       box-ccg check [--config NAME] --downscope SCOPES [--resource URL] [--simulator]",
                "--as-user ID", "--downscope SCOPES", "--resource URL", "BOX_CCG_AS_USER_MODE", "BOX_CCG_CLIENT_ID",
                "BOX_CCG_CLIENT_SECRET", "BOX_CCG_ENTERPRISE_ID", "BOX_CCG_USER_ID", "BOX_CCG_TOKEN_URL",
                "box/mp-rest/url         BOX_MP_REST_URL", "BOX_CCG_NAME_*");
        for (ExitCode code : ExitCode.values()) {
            assertContains(run.out(), String.format("  %-4d%s", code.code(), code.meaning()));
        }
        assertEquals("", run.err());
        assertEquals(0, CommandRun.of(Map.of(), "check", "-h").exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--frobnicate", "check --frobnicate", "check extra", "check check", "check --config",
            "check --config h.r", "check --config a --config b", "verify"})
    void aCommandLineItCannotUnderstandIsAUsageError(String commandLine) {
        String[] args = commandLine.isEmpty() ? new String[0] : commandLine.split(" ");
        CommandRun run = CommandRun.of(environment(), args);

        assertEquals(64, run.exitCode(), run::toString);
        assertContains(run.err(), "box-ccg: ", "Usage: box-ccg check");
        assertEquals("", run.out());
        assertEquals(0, BOX.simulator().tokenRequests());
    }

    private static String onlyTokenIssuedSince(Set<String> before) {
        Set<String> issued = new HashSet<>(BOX.simulator().issuedTokens());
        issued.removeAll(before);
        assertEquals(1, issued.size(), "tokens issued by the run");
        return issued.iterator().next();
    }

    private static void assertNoSecretOrToken(CommandRun run) {
        assertFalse(run.all().contains(SECRET), () -> "the secret was printed: " + run);
        for (String token : BOX.simulator().issuedTokens()) {
            assertFalse(run.all().contains(token), () -> "a token was printed: " + run);
        }
    }

    static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "'" + part + "' missing from:\n" + text);
        }
    }

    /** The fingerprint the report shows for a token value, as BoxAccessToken computes it. */
    private static String fingerprint(String token) {
        Instant issued = Instant.now();
        return new BoxAccessToken(token, "bearer", issued, issued.plusSeconds(1), BoxSubject.enterprise("1"), List.of())
                .fingerprint();
    }
}
