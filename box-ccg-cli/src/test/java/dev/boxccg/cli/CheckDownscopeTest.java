package dev.boxccg.cli;

import dev.boxccg.BoxDownscope;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.BoxSimulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.boxccg.cli.BoxCcgCommandTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check --downscope SCOPES [--resource URL]}, in-process, against the Box simulator over HTTP. */
class CheckDownscopeTest {

    static final String SECRET = "downscope-secret-7d41e9";
    /** Holds all 14 scopes, as the simulator's apps do by default. */
    static final String FULL = "downscope-full";
    static final String FULL_ENTERPRISE = "920";
    /** Holds only item_read and item_preview. */
    static final String NARROW = "downscope-narrow";
    static final String NARROW_ENTERPRISE = "930";

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    @BeforeAll
    static void registerApps() {
        BOX.simulator().registerApp(FULL, SECRET, FULL_ENTERPRISE);
        BOX.simulator().registerApp(NARROW, SECRET, NARROW_ENTERPRISE).scopes("item_read", "item_preview");
    }

    static Map<String, String> environment(String clientId, String enterpriseId) {
        Map<String, String> environment = new HashMap<>();
        environment.put("BOX_CCG_CLIENT_ID", clientId);
        environment.put("BOX_CCG_CLIENT_SECRET", SECRET);
        environment.put("BOX_CCG_ENTERPRISE_ID", enterpriseId);
        environment.put("BOX_CCG_TOKEN_URL", BOX.simulator().tokenUrl().toString());
        environment.put("BOX_MP_REST_URL", BOX.simulator().baseUrl().toString());
        return environment;
    }

    private static String folderItems() {
        return BOX.simulator().baseUrl() + "/2.0/folders/0/items";
    }

    @Test
    void aListingScopeIsGrantedAndListsTheRootFolderWithTheDownscopedToken() {
        CommandRun run = CommandRun.of(environment(FULL, FULL_ENTERPRISE), "check", "--downscope",
                "item_read,item_preview");

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "OK: Box issued a token for the default Box configuration (box.ccg.*) and GET"
                        + " /2.0/users/me succeeded with it.",
                "OK: Box downscoped the token to item_read item_preview (--downscope) and GET " + folderItems()
                        + " succeeded with the downscoped token.",
                "scopes asked       item_read item_preview",
                "resource           none",
                "granted            item_read, item_preview",
                "token lifetime     ",
                "listing            3 entries (total_count 3) (GET " + folderItems() + ")");
        assertEquals("", run.err());
        assertEquals(1, BOX.simulator().tokenExchangeRequests());
        List<BoxSimulator.ApiCall> calls = BOX.simulator().apiCalls();
        assertEquals(2, calls.size(), calls::toString);
        assertEquals("/2.0/users/me", calls.get(0).path());
        assertEquals("/2.0/folders/0/items", calls.get(1).path());
        assertEquals(200, calls.get(1).status());
        assertNotEquals(calls.get(0).authorization(), calls.get(1).authorization(),
                "the listing carries the downscoped token, not the configuration's");
        assertNoSecretOrToken(run);
    }

    @Test
    void aResourceRestrictsTheTokenToThatFolderAndItIsListed() {
        String folder = BOX.simulator().baseUrl() + "/2.0/folders/0";
        CommandRun run = CommandRun.of(environment(FULL, FULL_ENTERPRISE), "check", "--downscope",
                "base_explorer item_upload", "--resource", folder);

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "OK: Box downscoped the token to base_explorer item_upload (--downscope) and GET "
                        + folderItems() + " succeeded",
                "resource           " + folder,
                "granted            base_explorer on folder 0, item_upload on folder 0",
                "listing            3 entries");
        assertEquals(200, BOX.simulator().apiCalls().get(1).status());
        assertNoSecretOrToken(run);
    }

    @Test
    void withoutAListingScopeTheTokenIsShownButNothingIsListed() {
        CommandRun run = CommandRun.of(environment(FULL, FULL_ENTERPRISE), "check", "--downscope=item_preview",
                "--resource", BOX.simulator().baseUrl() + "/2.0/files/1195335620120");

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "OK: Box downscoped the token to item_preview (--downscope).",
                "granted            item_preview on file 1195335620120",
                "listing            not tried: none of base_explorer, base_picker, item_read");
        assertEquals(1, BOX.simulator().apiCalls().size(), "only GET /2.0/users/me");
    }

    @Test
    void aScopeTheAppLacksIsRefusedWithExit3AndTheHintNamesIt() {
        CommandRun run = CommandRun.of(environment(NARROW, NARROW_ENTERPRISE), "check", "--downscope",
                "item_read,item_upload");

        assertEquals(3, run.exitCode(), run::toString);
        assertContains(run.err(), "FAILED: Box issued a token for the default Box configuration (box.ccg.*) and GET"
                        + " /2.0/users/me succeeded with it, but Box refused to downscope it to item_read item_upload"
                        + " (--downscope).",
                "HTTP status        401",
                "error              invalid_scope",
                "what to change     The app does not hold item_upload: ",
                "Configuration > Application Scopes",
                "have an admin re-authorize the app (Admin Console > Apps > Platform Apps Manager)",
                "scopes asked       item_read item_upload",
                "subject            enterprise " + NARROW_ENTERPRISE);
        assertFalse(run.err().contains("does not hold item_read"), run::toString);
        assertEquals("", run.out());
        List<BoxSimulator.ApiCall> calls = BOX.simulator().apiCalls();
        assertEquals(1, calls.size(), () -> "no listing without a downscoped token: " + calls);
        assertNoSecretOrToken(run);
    }

    @Test
    void anUnknownScopeIsAUsageErrorListingBoxsScopesAndNothingIsSent() {
        CommandRun run = CommandRun.of(environment(FULL, FULL_ENTERPRISE), "check", "--downscope",
                "item_read,item_write");

        assertEquals(64, run.exitCode(), run::toString);
        assertContains(run.err(), "box-ccg: --downscope: 'item_write' is not a Box downscope scope; valid scopes are "
                + String.join(", ", BoxDownscope.SCOPES), "Usage: box-ccg check");
        assertEquals(0, BOX.simulator().tokenRequests());
        assertEquals(0, BOX.simulator().tokenExchangeRequests());
        assertEquals(0, BOX.simulator().apiCalls().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--downscope=", "--downscope=item_read --as-user 901", "--resource https://api.box.com/2.0/folders/0",
            "--downscope=item_read --resource not-a-url", "--downscope=item_read --downscope=item_preview"})
    void otherMisuseIsAUsageErrorAndNothingIsSent(String options) {
        List<String> args = new java.util.ArrayList<>(List.of("check"));
        args.addAll(List.of(options.split(" ")));
        CommandRun run = CommandRun.of(environment(FULL, FULL_ENTERPRISE), args.toArray(String[]::new));

        assertEquals(64, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("box-ccg: --"), run::toString);
        assertEquals(0, BOX.simulator().tokenRequests());
        assertEquals(0, BOX.simulator().apiCalls().size());
    }

    @Test
    void aResourceBoxCannotUseGetsTheInvalidResourceHint() {
        String unknown = BOX.simulator().baseUrl() + "/2.0/files/999";
        CommandRun run = CommandRun.of(environment(FULL, FULL_ENTERPRISE), "check", "--downscope", "item_read",
                "--resource", unknown);

        assertEquals(3, run.exitCode(), run::toString);
        assertContains(run.err(), "Box refused to downscope it to item_read (--downscope).",
                "HTTP status        400",
                "error              invalid_resource",
                "what to change     Box cannot use the resource " + unknown + ": it must be the full API URL of an"
                        + " item the app's enterprise " + FULL_ENTERPRISE,
                "resource           " + unknown);
        assertEquals(1, BOX.simulator().apiCalls().size(), "no listing");
        assertNoSecretOrToken(run);
    }

    @Test
    void theBuiltInSimulatorsDemoAppDownscopes() {
        CommandRun run = CommandRun.of(Map.of(), "check", "--downscope", "item_read,item_preview");

        assertEquals(0, run.exitCode(), run::toString);
        assertContains(run.out(), "running against the built-in Box simulator",
                "OK: Box downscoped the token to item_read item_preview (--downscope) and GET ",
                "granted            item_read, item_preview", "listing            3 entries",
                "That was Box's simulator with a demo app, not Box.");
        assertEquals(0, BOX.simulator().tokenRequests(), "a simulator of its own, not the test's");
    }

    private static void assertNoSecretOrToken(CommandRun run) {
        assertFalse(run.all().contains(SECRET), () -> "the secret was printed: " + run);
        assertTrue(BOX.simulator().issuedTokens().stream().noneMatch(run.all()::contains),
                () -> "a token was printed: " + run);
    }
}
