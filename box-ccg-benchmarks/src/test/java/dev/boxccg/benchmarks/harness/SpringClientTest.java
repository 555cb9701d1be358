package dev.boxccg.benchmarks.harness;

import dev.boxccg.benchmarks.support.BoxFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spring Security peer is wired the way the harnesses describe it: checked against the simulator. */
class SpringClientTest {

    @Test
    void tokenRequestCarriesBoxSubjectAndTheTokenIsReused() {
        try (BoxFixture box = BoxFixture.start("spring-test", "7100", Duration.ofHours(1), 8);
             SpringClient spring = new SpringClient(box)) {
            String token = spring.token();

            // The simulator counts only requests whose box_subject_type/box_subject_id name this enterprise.
            assertEquals(1, box.tokenRequests());
            assertTrue(new ApiCheck(box.simulator().baseUrl()).accepts(token));
            assertEquals(token, spring.token());
            assertEquals(1, box.simulator().tokenRequests());
        }
    }

    @Test
    void revokedTokenFailsOneCallWhichIsNotRetriedAndTheNextCallGetsANewToken() {
        try (BoxFixture box = BoxFixture.start("spring-test", "7101", Duration.ofHours(1), 8);
             SpringClient spring = new SpringClient(box)) {
            ApiCheck api = new ApiCheck(box.simulator().baseUrl());
            assertTrue(spring.call(api));
            String first = spring.token();
            box.simulator().revokeAllTokens();

            assertFalse(spring.call(api)); // 401 reaches the caller
            assertEquals(1, box.tokenRequests()); // ... without a token request: no retry

            assertTrue(spring.call(api)); // the failure handler dropped the token: a new one is fetched
            assertEquals(2, box.tokenRequests());
            assertNotEquals(first, spring.token());
        }
    }

    @Test
    void aTokenWithinTheDefaultSixtySecondClockSkewCountsAsExpired() {
        try (BoxFixture box = BoxFixture.start("spring-test", "7102", Duration.ofSeconds(30), 8);
             SpringClient spring = new SpringClient(box)) {
            spring.token();
            spring.token();

            assertEquals(2, box.tokenRequests());
        }
    }
}
