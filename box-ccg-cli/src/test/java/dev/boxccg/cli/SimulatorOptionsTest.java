package dev.boxccg.cli;

import dev.boxccg.BoxDownscope;
import dev.boxccg.testkit.BoxSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static dev.boxccg.cli.BoxCcgCommandTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code box-ccg simulator}'s options and {@code --file}. */
class SimulatorOptionsTest {

    @TempDir
    Path dir;

    private static SimulatorOptions parse(String... args) {
        return SimulatorOptions.parse(List.of(args));
    }

    @Test
    void defaultsToTheDemoAppOnPort8090() {
        SimulatorOptions options = parse();

        assertEquals(8090, options.port());
        assertEquals(Duration.ofMinutes(60), options.tokenLifetime());
        assertEquals(List.of(new DemoApp("", "box-ccg-demo", "box-ccg-demo-secret", "1234567", List.of())),
                options.apps());
    }

    @Test
    void oneAppFromTheOptions() {
        SimulatorOptions options = parse("--port", "0", "--client-id", "my-app", "--client-secret=s3cret",
                "--enterprise-id", "42", "--user", "5678:Ada Lovelace:ada@example.com", "--user=5679:Alan Turing",
                "--user", "5680", "--token-lifetime", "30s");

        assertEquals(0, options.port());
        assertEquals(Duration.ofSeconds(30), options.tokenLifetime());
        assertEquals(List.of(new DemoApp("", "my-app", "s3cret", "42", List.of(
                new BoxSimulator.User("5678", "Ada Lovelace", "ada@example.com"),
                new BoxSimulator.User("5679", "Alan Turing", "user-5679@example.com"),
                new BoxSimulator.User("5680", "User 5680", "user-5680@example.com")))), options.apps());
    }

    @Test
    void theAppsConsoleSettingsDefaultAsInBoxsConsole() {
        DemoApp app = parse().apps().get(0);

        assertEquals(false, app.performActionsAsUsers());
        assertEquals(true, app.appAndEnterpriseAccess());
        assertEquals(BoxDownscope.SCOPES, app.scopes());
        assertEquals("acting as users: off, access: App + Enterprise, scopes: all 14", app.accessSummary());
    }

    @Test
    void theAppsConsoleSettingsFromTheOptions() {
        DemoApp app = parse("--perform-actions-as-users", "--app-access-only", "--scopes",
                "item_read,item_preview item_read").apps().get(0);

        assertEquals(true, app.performActionsAsUsers());
        assertEquals(false, app.appAndEnterpriseAccess());
        assertEquals(List.of("item_read", "item_preview"), app.scopes());
        assertEquals("acting as users: on, access: App only, scopes: item_read,item_preview", app.accessSummary());
        assertEquals(List.of("base_upload"), parse("--scopes=base_upload").apps().get(0).scopes());
    }

    @Test
    void helpNeedsNothingElse() {
        assertTrue(parse("--help").help());
        assertTrue(parse("--port", "1", "-h").help());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--frobnicate                      | simulator: unknown option --frobnicate",
            "extra                             | simulator: unexpected argument 'extra'",
            "--port                            | --port needs a value",
            "--port x                          | --port: 'x' is not a port",
            "--port 65536                      | --port: '65536' is not a port",
            "--port -1                         | --port: '-1' is not a port",
            "--port 1 --port 2                 | --port is given twice",
            "--client-id a --client-id b       | --client-id is given twice",
            "--client-id=                      | --client-id: '' is not a client ID",
            "--client-secret=                  | --client-secret: a client secret must be non-empty",
            "--enterprise-id acme              | --enterprise-id: 'acme' is not an enterprise ID",
            "--user ada                        | --user: 'ada' is not a user ID",
            "--user 1:a:b:c                    | --user: '1:a:b:c' is not a user",
            "--user 1::x                       | --user: '1::x' is not a user: the name and login must not be empty",
            "--token-lifetime 5 minutes        | simulator: unexpected argument 'minutes'",
            "--token-lifetime 5x               | --token-lifetime: '5x' is not a duration",
            "--token-lifetime 0s               | --token-lifetime: '0s' is too short: at least 1s",
            "--file a.properties --client-id x | --file and --client-id exclude each other",
            "--file a.properties --user 1      | --file and --user exclude each other",
            "--file                            | --file needs a value",
            "--scopes item_read,item_edit      | --scopes: 'item_edit' is not one of Box's 14 scopes: annotation_edit,",
            "--scopes=,                        | --scopes: no scopes",
            "--scopes                          | --scopes needs a value, e.g. --scopes item_read,item_preview",
            "--scopes a --scopes b             | --scopes is given twice",
            "--perform-actions-as-users=true   | --perform-actions-as-users is a flag and takes no value",
            "--app-access-only --app-access-only | --app-access-only is given twice",
            "--app-access-only yes             | simulator: unexpected argument 'yes'",
            "--file a.properties --scopes item_read | --file and --scopes exclude each other",
            "--file a.properties --perform-actions-as-users | --file and --perform-actions-as-users exclude each other",
            "--file a.properties --app-access-only | --file and --app-access-only exclude each other"})
    void aBadOptionIsAUsageErrorThatNamesIt(String commandLine, String message) {
        Arguments.UsageException e = assertThrows(Arguments.UsageException.class,
                () -> SimulatorOptions.parse(Arrays.asList(commandLine.split(" "))));
        assertContains(e.getMessage(), message);
    }

    @Test
    void severalAppsFromAFile() throws IOException {
        Path file = write("""
                # two apps
                app.default.client-id=box-ccg-demo
                app.default.client-secret = box-ccg-demo-secret
                app.default.enterprise-id=1234567

                ! another comment
                app.hr.client-id=hr-app
                app.hr.enterprise-id=1234567
                app.hr.client-secret=hr=secret
                app.hr.users=5678:Ada Lovelace:ada@example.com, 5679
                """);

        SimulatorOptions options = parse("--file", file.toString(), "--port", "0", "--token-lifetime", "5m");

        assertEquals(Duration.ofMinutes(5), options.tokenLifetime());
        assertEquals(List.of(new DemoApp("", "box-ccg-demo", "box-ccg-demo-secret", "1234567", List.of()),
                new DemoApp("hr", "hr-app", "hr=secret", "1234567", List.of(
                        new BoxSimulator.User("5678", "Ada Lovelace", "ada@example.com"),
                        new BoxSimulator.User("5679", "User 5679", "user-5679@example.com")))), options.apps());
        assertEquals("box.ccg.hr.client-id", options.apps().get(1).key("client-id"));
    }

    @Test
    void theAppsConsoleSettingsFromAFile() throws IOException {
        Path file = write("""
                app.default.client-id=box-ccg-demo
                app.default.client-secret=box-ccg-demo-secret
                app.default.enterprise-id=1234567
                app.hr.client-id=hr-app
                app.hr.client-secret=hr-secret
                app.hr.enterprise-id=1234567
                app.hr.perform-actions-as-users = true
                app.hr.app-and-enterprise-access=false
                app.hr.scopes=item_read, item_preview
                """);

        List<DemoApp> apps = parse("--file", file.toString()).apps();

        assertEquals(new DemoApp("", "box-ccg-demo", "box-ccg-demo-secret", "1234567", List.of(), false, true,
                BoxDownscope.SCOPES), apps.get(0));
        assertEquals(new DemoApp("hr", "hr-app", "hr-secret", "1234567", List.of(), true, false,
                List.of("item_read", "item_preview")), apps.get(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "app.a.client-id=x\\napp.a.secret=y                  | :2: unknown key app.a.secret",
            "app.a.client-id=x\\nclient-id y                     | :2: 'client-id y' is not key=value",
            "app.a.client-id=x\\napp.a.client-id=y               | :2: app.a.client-id is set twice (also on line 1)",
            "app.a.client-id=x\\napp.a.enterprise-id=1           | :1: app a has no app.a.client-secret",
            "app.a.client-id=x\\napp.a.client-secret=s\\napp.a.enterprise-id=e1 | :3: app.a.enterprise-id: 'e1' is not an enterprise ID",
            "app.a.client-id=x\\napp.a.client-secret=s\\napp.a.enterprise-id=1\\napp.a.users=1:A,b | :4: app.a.users: 'b' is not a user ID",
            "app.a.client-id=x\\napp.a.client-secret=\\napp.a.enterprise-id=1 | :2: app.a.client-secret: a client secret must be non-empty",
            "app.a.client-id=x\\napp.a.client-secret=s\\napp.a.enterprise-id=1\\napp.b.client-id=x\\napp.b.client-secret=s\\napp.b.enterprise-id=1 | :4: app.b.client-id: client ID x is also the one of app.a.client-id (line 1)",
            "app.a.b.client-id=x                                  | :1: unknown key app.a.b.client-id",
            "app.a.client-id=x\\napp.a.client-secret=s\\napp.a.enterprise-id=1\\napp.a.perform-actions-as-users=yes | :4: app.a.perform-actions-as-users: 'yes' is not true or false",
            "app.a.client-id=x\\napp.a.client-secret=s\\napp.a.enterprise-id=1\\napp.a.app-and-enterprise-access= | :4: app.a.app-and-enterprise-access: '' is not true or false",
            "app.a.client-id=x\\napp.a.client-secret=s\\napp.a.enterprise-id=1\\napp.a.scopes=item_read,read_all | :4: app.a.scopes: 'read_all' is not one of Box's 14 scopes",
            "app.a.client-id=x\\napp.a.client-secret=s\\napp.a.enterprise-id=1\\napp.a.scopes= | :4: app.a.scopes: no scopes",
            "app.a.client-id=x\\napp.a.scope=item_read          | :2: unknown key app.a.scope",
            "# nothing                                            | : no apps in it"})
    void aBadFileIsAUsageErrorThatNamesTheKeyAndTheLine(String content, String message) throws IOException {
        Path file = write(content.replace("\\n", "\n"));

        Arguments.UsageException e = assertThrows(Arguments.UsageException.class,
                () -> parse("--file", file.toString()));
        assertContains(e.getMessage(), "--file " + file + message);
    }

    @Test
    void aFileThatCannotBeReadIsAUsageError() {
        Path missing = dir.resolve("missing.properties");

        Arguments.UsageException e = assertThrows(Arguments.UsageException.class,
                () -> parse("--file", missing.toString()));
        assertContains(e.getMessage(), "--file " + missing + ": cannot read it");
    }

    @Test
    void aSecretFromTheFileIsNotQuotedInAnError() throws IOException {
        Path file = write("app.a.client-id=x\napp.a.client-secret=top\u0001secret\napp.a.enterprise-id=1\n");

        Arguments.UsageException e = assertThrows(Arguments.UsageException.class,
                () -> parse("--file", file.toString()));
        assertContains(e.getMessage(), ":2: app.a.client-secret: a client secret must be non-empty, without control");
        assertTrue(!e.getMessage().contains("secret\u0001") && !e.getMessage().contains("top"), e::getMessage);
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("apps.properties"), content);
    }
}
