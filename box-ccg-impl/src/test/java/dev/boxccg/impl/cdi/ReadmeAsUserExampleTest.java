package dev.boxccg.impl.cdi;

import dev.boxccg.BoxAuthenticated;
import dev.boxccg.BoxCalls;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.BoxSimulatorExtension;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The code of the README's "Acting as users", as written there, against the Box simulator in both modes. */
class ReadmeAsUserExampleTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    private static final String CLIENT_ID = "readme-as-user";
    private static final String SECRET = "readme-as-user-secret";
    private static final String ENTERPRISE = "4000";
    private static final String USER = "12345";

    // --- as in the README ---
    @RegisterRestClient(configKey = "box")
    @BoxAuthenticated
    @Path("/2.0/folders")
    public interface Folders {
        @GET
        @Path("/{id}/items")
        JsonObject items(@PathParam("id") String id);

        @GET
        @Path("/{id}/items")
        JsonObject items(@PathParam("id") String id, @HeaderParam("As-User") String userId); // null: no user
    }
    // ---

    public static class Caller {
        @Inject
        @RestClient
        Folders folders;

        List<JsonObject> run() {
            JsonObject items = BoxCalls.asUser("12345", () -> folders.items("0"));  // every call inside acts as 12345
            BoxCalls.asUser("12345", () -> { folders.items("0"); });               // nothing to return: a Runnable
            JsonObject same = folders.items("0", "12345");                          // per call, with the header
            return List.of(items, same);
        }
    }

    @BeforeAll
    static void registerApp() {
        BOX.simulator().registerApp(CLIENT_ID, SECRET, ENTERPRISE).performActionsAsUsers(true)
                .addUser(USER, "Grace Hopper", "grace@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"header", "user-token"})
    void theReadmeCodeActsAsTheUser(String mode) {
        Map<String, String> config = new HashMap<>(Map.of(
                "box.ccg.client-id", CLIENT_ID,
                "box.ccg.client-secret", SECRET,
                "box.ccg.enterprise-id", ENTERPRISE,
                "box.ccg.token-url", BOX.simulator().tokenUrl().toString(),
                "box.ccg.as-user-mode", mode,
                "box/mp-rest/url", BOX.simulator().baseUrl().toString()));
        try (CdiContainer cdi = CdiContainer.start(config, Caller.class, Folders.class)) {
            List<JsonObject> answers = cdi.select(Caller.class).run();

            assertEquals(answers.get(0), answers.get(1), "the scope and the header parameter act alike");
            List<BoxSimulator.ApiCall> calls = BOX.simulator().apiCalls();
            assertEquals(3, calls.size(), calls.toString());
            assertTrue(calls.stream().allMatch(call -> call.status() == 200), calls.toString());
            if (mode.equals("header")) {
                assertTrue(calls.stream().allMatch(call -> USER.equals(call.asUser())), calls.toString());
                assertEquals(0, BOX.simulator().tokenRequests("user", USER));
            } else {
                calls.forEach(call -> assertNull(call.asUser(), calls.toString()));
                assertEquals(1, BOX.simulator().tokenRequests("user", USER), "one user token for the three calls");
            }
        }
    }
}
