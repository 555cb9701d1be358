package dev.boxccg.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.boxccg.cli.BoxCcgCommandTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code box-ccg simulator} in-process, stopped by a test's stop signal instead of Ctrl-C. */
class SimulatorCommandTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Runs the command; while it runs, {@code whileRunning} gets what it has printed so far. */
    private static CommandRun run(ThrowingConsumer whileRunning, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        boolean[] stopped = new boolean[1];
        StopSignal signal = new StopSignal() {
            @Override
            public void awaitStop() throws InterruptedException {
                try {
                    whileRunning.accept(out.toString(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public void stopped() {
                stopped[0] = true;
            }
        };
        int exitCode = new BoxCcgCommand(signal).run(List.of(args), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandRun run = new CommandRun(exitCode, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(exitCode == 0 && run.out().contains("Ctrl-C stops it."), stopped[0], run::toString);
        return run;
    }

    interface ThrowingConsumer {
        void accept(String output) throws IOException, InterruptedException;
    }

    /** @return the value of the first line {@code key=value} of the output */
    static String setting(String output, String key) {
        return output.lines().filter(line -> line.startsWith(key + "=")).findFirst()
                .map(line -> line.substring(key.length() + 1))
                .orElseThrow(() -> new AssertionError(key + " missing from:\n" + output));
    }

    /** POSTs a client credentials grant; @return the response */
    static HttpResponse<String> grant(String tokenUrl, String clientId, String secret, String subjectType,
                                      String subjectId) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret
                + "&box_subject_type=" + subjectType + "&box_subject_id=" + subjectId;
        return HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> me(String apiUrl, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/2.0/users/me")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String accessToken(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        String body = response.body();
        int start = body.indexOf("\"access_token\":\"") + "\"access_token\":\"".length();
        assertTrue(start >= "\"access_token\":\"".length(), body);
        return body.substring(start, body.indexOf('"', start));
    }

    @Test
    void servesThePrintedSettingsUntilStopped() {
        String[] apiUrl = new String[1];
        CommandRun run = run(output -> {
            assertContains(output, "Box simulator (not Box) listening on http://127.0.0.1:", "Ctrl-C stops it.",
                    "not Box secrets", "box.ccg.client-id=my-app\n", "box.ccg.client-secret=my-secret\n",
                    "box.ccg.enterprise-id=42\n", "BOX_CCG_CLIENT_ID=my-app\n", "BOX_CCG_CLIENT_SECRET=my-secret\n",
                    "BOX_CCG_ENTERPRISE_ID=42\n", "token lifetime  5m",
                    "Ada Lovelace (login ada@example.com, user ID 5678): box.ccg.user-id=5678");
            String tokenUrl = setting(output, "box.ccg.token-url");
            apiUrl[0] = setting(output, "box/mp-rest/url");
            assertEquals(tokenUrl, setting(output, "BOX_CCG_TOKEN_URL"));
            assertEquals(apiUrl[0], setting(output, "BOX_MP_REST_URL"));
            assertEquals(apiUrl[0] + "/oauth2/token", tokenUrl);

            HttpResponse<String> enterprise = grant(tokenUrl, "my-app", "my-secret", "enterprise", "42");
            assertContains(enterprise.body(), "\"expires_in\":300");
            HttpResponse<String> me = me(apiUrl[0], accessToken(enterprise));
            assertEquals(200, me.statusCode(), me::body);
            assertContains(me.body(), "my-app Service Account");
            HttpResponse<String> user = me(apiUrl[0], accessToken(grant(tokenUrl, "my-app", "my-secret", "user",
                    "5678")));
            assertContains(user.body(), "Ada Lovelace");
            assertEquals(400, grant(tokenUrl, "my-app", "wrong", "enterprise", "42").statusCode());
        }, "simulator", "--port", "0", "--client-id", "my-app", "--client-secret", "my-secret", "--enterprise-id",
                "42", "--user", "5678:Ada Lovelace:ada@example.com", "--token-lifetime", "5m");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().endsWith("Box simulator stopped.\n"), run::toString);
        assertEquals("", run.err());
        assertFalse(listening(URI.create(apiUrl[0]).getPort()), "the simulator is stopped");
    }

    static HttpResponse<String> meAsUser(String apiUrl, String token, String userId)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/2.0/users/me")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("As-User", userId).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void performActionsAsUsersLetsTheServiceAccountActAsAUser() {
        CommandRun run = run(output -> {
            assertContains(output, "acting as users: on, access: App + Enterprise, scopes: all 14\n");
            String token = accessToken(grant(setting(output, "box.ccg.token-url"), "box-ccg-demo",
                    "box-ccg-demo-secret", "enterprise", "1234567"));

            HttpResponse<String> ada = meAsUser(setting(output, "box/mp-rest/url"), token, "5678");
            assertEquals(200, ada.statusCode(), ada::body);
            assertContains(ada.body(), "Ada Lovelace", "\"id\":\"5678\"");
        }, "simulator", "--port", "0", "--user", "5678:Ada Lovelace:ada@example.com", "--perform-actions-as-users");

        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void withoutPerformActionsAsUsersAsUserIsForbidden() {
        CommandRun run = run(output -> {
            assertContains(output, "acting as users: off, access: App + Enterprise, scopes: all 14\n");
            String token = accessToken(grant(setting(output, "box.ccg.token-url"), "box-ccg-demo",
                    "box-ccg-demo-secret", "enterprise", "1234567"));

            HttpResponse<String> ada = meAsUser(setting(output, "box/mp-rest/url"), token, "5678");
            assertEquals(403, ada.statusCode(), ada::body);
        }, "simulator", "--port", "0", "--user", "5678:Ada Lovelace:ada@example.com");

        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void appAccessOnlyForbidsAsUserAndTheScopesArePrinted() {
        CommandRun run = run(output -> {
            assertContains(output, "acting as users: on, access: App only, scopes: item_read,item_preview\n");
            String token = accessToken(grant(setting(output, "box.ccg.token-url"), "box-ccg-demo",
                    "box-ccg-demo-secret", "enterprise", "1234567"));

            HttpResponse<String> ada = meAsUser(setting(output, "box/mp-rest/url"), token, "5678");
            assertEquals(403, ada.statusCode(), ada::body);
        }, "simulator", "--port", "0", "--user", "5678", "--perform-actions-as-users", "--app-access-only",
                "--scopes", "item_read,item_preview");

        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void aPortInUseIsReportedWithExitCode1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            CommandRun run = run(output -> {
                throw new AssertionError("started on a port in use: " + output);
            }, "simulator", "--port", Integer.toString(taken.getLocalPort()));

            assertEquals(1, run.exitCode(), run::toString);
            assertContains(run.err(), "box-ccg: the Box simulator cannot start on 127.0.0.1:" + taken.getLocalPort()
                    + " (is the port in use? --port N, or --port 0 for any free port)");
        }
    }

    @Test
    void aBadOptionIsAUsageErrorAndStartsNothing() {
        CommandRun run = run(output -> {
            throw new AssertionError("started: " + output);
        }, "simulator", "--port", "http");

        assertEquals(64, run.exitCode(), run::toString);
        assertContains(run.err(), "box-ccg: --port: 'http' is not a port", "Usage: box-ccg check",
                "box-ccg simulator [--port N]");
        assertEquals("", run.out());
    }

    @Test
    void helpDescribesTheOptions() {
        for (String[] args : List.of(new String[] {"simulator", "--help"}, new String[] {"--help"})) {
            CommandRun run = run(output -> {
                throw new AssertionError("started: " + output);
            }, args);

            assertEquals(0, run.exitCode(), run::toString);
            assertContains(run.out(), "box-ccg simulator: runs a local Box", "--port N", "default 8090",
                    "--client-id ID", "--client-secret SECRET", "default box-ccg-demo-secret", "--enterprise-id ID",
                    "--user ID[:NAME[:LOGIN]]", "--token-lifetime D", "--file FILE", "app.NAME.client-id=",
                    "app.NAME.users=ID:NAME:LOGIN,ID:NAME:LOGIN", "127.0.0.1",
                    "--perform-actions-as-users", "--app-access-only", "--scopes SCOPES",
                    "app.NAME.perform-actions-as-users=true|false", "app.NAME.app-and-enterprise-access=true|false",
                    "app.NAME.scopes=");
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
