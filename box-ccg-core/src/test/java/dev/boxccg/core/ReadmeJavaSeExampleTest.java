package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.testkit.BoxSimulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Using the engine without CDI (Java SE)" code, as written there but for the environment (a map here)
 * and the token URL (the simulator's), so it cannot rot.
 */
class ReadmeJavaSeExampleTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    private static final Map<String, String> ENV = Map.of("BOX_CCG_CLIENT_ID", "readme-client",
            "BOX_CCG_CLIENT_SECRET", "readme-secret", "BOX_CCG_ENTERPRISE_ID", "777");

    @BeforeAll
    static void registerApp() {
        BOX.simulator().registerApp("readme-client", "readme-secret", "777");
    }

    @Test
    void theReadmeCodeGetsAHeaderADownscopedTokenAndRevokes() {
        BoxCcgSettings settings = BoxCcgSettings.builder()
                .clientId(ENV.get("BOX_CCG_CLIENT_ID"))
                .clientSecret(ENV.get("BOX_CCG_CLIENT_SECRET"))
                .tokenUrl(BOX.simulator().tokenUrl())  // not in the README: Box's token URL is the default
                .build();
        try (BoxCcgEngine engine = BoxCcgEngine.builder(settings).build()) {
            BoxTokenProvider tokens = engine.provider(BoxSubject.enterprise(ENV.get("BOX_CCG_ENTERPRISE_ID")));
            String header = tokens.token().authorizationHeader();   // "Bearer …"
            assertTrue(header.startsWith("Bearer "));

            BoxAccessToken narrow = tokens.downscoped(BoxDownscope.of("item_preview", "item_download")
                    .forResource(BOX.simulator().baseUrl() + "/2.0/folders/0"));
            assertEquals(2, narrow.restrictedTo().size());
            tokens.revoke();
            assertEquals(1, BOX.simulator().revokeRequests());
        }
    }
}
