package dev.boxccg.impl.cdi;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.testkit.BoxSimulatorExtension;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reported case: one box-ccg runtime (a CDI container) kept across the tests of a class, and a
 * {@link BoxSimulatorExtension} that resets the simulator before each test. Each test counts its own token requests,
 * whatever ran before it: the reset drops box-ccg's cached tokens too. Before the testkit did so, the second test
 * failed with {@code expected: <1> but was: <0>}, as the first test's token was still cached.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenCacheResetTest {

    private static final String CLIENT_ID = "reset-client";
    private static final String SECRET = "reset-secret-5d1";
    private static final String ENTERPRISE = "800";

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    private static CdiContainer cdi;
    private static final Set<String> FINGERPRINTS = new HashSet<>();

    public static class Tokens {
        @Inject
        BoxTokenProvider box;
    }

    @BeforeAll
    static void startOneContainerForAllTests() {
        BOX.simulator().registerApp(CLIENT_ID, SECRET, ENTERPRISE);
        cdi = CdiContainer.start(Map.of(
                "box.ccg.client-id", CLIENT_ID,
                "box.ccg.client-secret", SECRET,
                "box.ccg.enterprise-id", ENTERPRISE,
                "box.ccg.token-url", BOX.simulator().tokenUrl().toString()), Tokens.class);
    }

    @AfterAll
    static void stop() {
        if (cdi != null) {
            cdi.close();
        }
    }

    @Test
    @Order(1)
    void firstTestRequestsOneToken() {
        assertOneTokenRequestForThisTest();
    }

    @Test
    @Order(2)
    void secondTestRequestsOneTokenToo() {
        assertOneTokenRequestForThisTest();
    }

    private static void assertOneTokenRequestForThisTest() {
        BoxTokenProvider tokens = cdi.select(Tokens.class).box;
        BoxAccessToken token = tokens.token();
        assertEquals(token, tokens.token(), "cached within the test");
        assertEquals(1, BOX.simulator().tokenRequests());
        assertTrue(FINGERPRINTS.add(token.fingerprint()), "each test got a token of its own");
    }
}
