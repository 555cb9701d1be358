package dev.boxccg.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static dev.boxccg.cli.BoxCcgCommandTest.assertContains;
import static dev.boxccg.cli.SimulatorCommandTest.accessToken;
import static dev.boxccg.cli.SimulatorCommandTest.grant;
import static dev.boxccg.cli.SimulatorCommandTest.me;
import static dev.boxccg.cli.SimulatorCommandTest.setting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code java -jar target/box-ccg-cli.jar simulator ...} in a process of its own: a client reaches it over HTTP with
 * the settings it prints, and SIGTERM ({@link Process#destroy()}) ends it with exit code 0.
 */
class BoxCcgSimulatorJarIT {

    private static final Path JAR = Path.of("target", "box-ccg-cli.jar");
    private static final long START_SECONDS = 60;
    private static final long STOP_SECONDS = 20;

    @TempDir
    Path dir;

    @Test
    void servesTheAppOfItsOptionsUntilSigterm() throws IOException, InterruptedException {
        try (Simulator simulator = Simulator.start(dir, "--port", "0", "--client-id", "jar-app", "--client-secret",
                "jar-secret", "--enterprise-id", "4242", "--user", "5678:Ada Lovelace:ada@example.com")) {
            String started = simulator.awaitStarted();
            assertContains(started, "box.ccg.client-id=jar-app\n", "box.ccg.client-secret=jar-secret\n",
                    "box.ccg.enterprise-id=4242\n", "BOX_CCG_CLIENT_SECRET=jar-secret\n", "Ctrl-C stops it.");
            String tokenUrl = setting(started, "box.ccg.token-url");
            String apiUrl = setting(started, "box/mp-rest/url");
            assertTrue(tokenUrl.startsWith("http://127.0.0.1:"), tokenUrl);

            HttpResponse<String> token = grant(tokenUrl, setting(started, "box.ccg.client-id"),
                    setting(started, "box.ccg.client-secret"), "enterprise", setting(started, "box.ccg.enterprise-id"));
            HttpResponse<String> meResponse = me(apiUrl, accessToken(token));
            assertEquals(200, meResponse.statusCode(), meResponse::body);
            assertContains(meResponse.body(), "jar-app Service Account");

            simulator.assertStopsWithExitCode0OnSigterm();
        }
    }

    @Test
    void servesTheAppsOfAFile() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("apps.properties"), """
                app.default.client-id=file-app
                app.default.client-secret=file-secret
                app.default.enterprise-id=100
                app.hr.client-id=hr-app
                app.hr.client-secret=hr-secret
                app.hr.enterprise-id=200
                app.hr.users=5678:Ada Lovelace:ada@example.com
                """);
        try (Simulator simulator = Simulator.start(dir, "--port", "0", "--file", file.toString())) {
            String started = simulator.awaitStarted();
            String tokenUrl = setting(started, "box.ccg.token-url");
            String apiUrl = setting(started, "box/mp-rest/url");
            assertEquals(tokenUrl, setting(started, "box.ccg.hr.token-url"));
            assertEquals("hr-secret", setting(started, "BOX_CCG_HR_CLIENT_SECRET"));

            accessToken(grant(tokenUrl, setting(started, "box.ccg.client-id"),
                    setting(started, "box.ccg.client-secret"), "enterprise", "100"));
            HttpResponse<String> ada = me(apiUrl, accessToken(grant(tokenUrl, setting(started, "box.ccg.hr.client-id"),
                    setting(started, "box.ccg.hr.client-secret"), "user", "5678")));
            assertEquals(200, ada.statusCode(), ada::body);
            assertContains(ada.body(), "Ada Lovelace");

            simulator.assertStopsWithExitCode0OnSigterm();
        }
    }

    @Test
    void aBadFileIsAUsageError() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("apps.properties"), "app.a.client-id=x\napp.a.secret=y\n");
        try (Simulator simulator = Simulator.start(dir, "--file", file.toString())) {
            assertTrue(simulator.process.waitFor(START_SECONDS, TimeUnit.SECONDS), "it did not end");
            assertEquals(64, simulator.process.exitValue());
            assertContains(Files.readString(simulator.err), "box-ccg: --file " + file + ":2: unknown key app.a.secret");
        }
    }

    /**
     * The simulator's process. Its standard output goes to a file: a pipe read while the process ends can lose the
     * last lines ("Stream closed").
     */
    private static final class Simulator implements AutoCloseable {

        final Process process;
        final Path out;
        final Path err;

        private Simulator(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        static Simulator start(Path dir, String... options) throws IOException {
            assumeTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by 'package'");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                    "simulator"));
            command.addAll(List.of(options));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().keySet().removeIf(name -> name.toUpperCase(Locale.ROOT).startsWith("BOX_"));
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            builder.redirectOutput(out.toFile());
            builder.redirectError(err.toFile());
            return new Simulator(builder.start(), out, err);
        }

        /** @return its output up to "Ctrl-C stops it.", which it prints once it listens */
        String awaitStarted() throws InterruptedException, IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            while (!output().contains("\nCtrl-C stops it.\n")) {
                if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                    throw new AssertionError("the simulator did not start within " + START_SECONDS + " s:\n"
                            + output() + "\n--- err ---\n" + Files.readString(err));
                }
                Thread.sleep(100);
            }
            return output();
        }

        String output() {
            try {
                return Files.readString(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void assertStopsWithExitCode0OnSigterm() throws InterruptedException, IOException {
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(STOP_SECONDS, TimeUnit.SECONDS), "it did not stop within " + STOP_SECONDS
                    + " s of SIGTERM");
            assertEquals(0, process.exitValue(), this::output);
            assertTrue(output().endsWith("Ctrl-C stops it.\nBox simulator stopped.\n"), this::output);
            assertEquals("", Files.readString(err), "nothing on standard error");
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        }
    }
}
