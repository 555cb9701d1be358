package dev.boxccg.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static dev.boxccg.cli.BoxCcgCommandTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The packaged command as people run it, {@code java -jar target/box-ccg-cli.jar check}, in a process of its own. */
class BoxCcgJarIT {

    private static final Path JAR = Path.of("target", "box-ccg-cli.jar");

    @Test
    void checksTheBuiltInSimulatorWhenNoCredentialsAreSet() throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by 'package'");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "check");
        builder.environment().keySet().removeIf(name -> name.toUpperCase(Locale.ROOT).startsWith("BOX_"));
        Path err = Files.createTempFile("box-ccg-cli-err", ".txt");
        builder.redirectError(err.toFile());

        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "box-ccg check did not end within 60 s");
        String errors = Files.readString(err);
        Files.delete(err);

        assertEquals(0, process.exitValue(), () -> out + errors);
        assertContains(out, "No Box credentials found (BOX_CCG_CLIENT_ID, BOX_CCG_CLIENT_SECRET, BOX_CCG_ENTERPRISE_ID"
                        + " or BOX_CCG_USER_ID): running against the built-in Box simulator",
                "OK: Box issued a token", "authenticated as   box-ccg-demo Service Account", "restrictions       none",
                "token              fingerprint ");
        assertEquals("", errors, "nothing on standard error: no library logging, no warnings");
    }
}
