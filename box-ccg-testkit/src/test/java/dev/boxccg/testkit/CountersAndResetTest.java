package dev.boxccg.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountersAndResetTest extends SimulatorTest {

    @BeforeEach
    void addUser() {
        app.addUser("5001", "Alan Turing", "alan@example.com");
    }

    private int postToken(String secret, String subjectType, String subjectId) throws IOException {
        return http.postToken(BoxHttp.grantForm(app.clientId(), secret, subjectType, subjectId)).statusCode();
    }

    @Test
    void countsTokenRequestsBySubjectSentWhetherTheySucceedOrNot() throws IOException {
        postToken(TestApps.SECRET, "enterprise", app.enterpriseId());
        postToken("wrong", "enterprise", app.enterpriseId());
        postToken(TestApps.SECRET, "user", "5001");
        postToken(TestApps.SECRET, "user", "unknown");
        Map<String, String> noSubject = BoxHttp.grantForm(app.clientId(), TestApps.SECRET, "user", "5001");
        noSubject.remove("box_subject_type");
        noSubject.remove("box_subject_id");
        http.postToken(noSubject);

        assertEquals(5, box.tokenRequests());
        assertEquals(2, box.tokenRequests("enterprise", app.enterpriseId()));
        assertEquals(1, box.tokenRequests("user", "5001"));
        assertEquals(1, box.tokenRequests("user", "unknown"));
        assertEquals(1, box.tokenRequests(null, null));
        assertEquals(0, box.tokenRequests("enterprise", "5001"));
    }

    @Test
    void resetClearsFaultsDelayCountersAndApiCallsButKeepsAppsAndTokens() throws IOException {
        String token = enterpriseToken();
        String revoked = http.token(app.clientId(), TestApps.SECRET, "user", "5001");
        box.revoke(revoked);
        http.getWithToken("/2.0/users/me", token);
        box.failNextTokenRequests(3, TokenFault.status(500));
        box.tokenEndpointDelay(Duration.ofSeconds(5));
        app.userSubjectsAllowed(false);

        box.reset();

        assertEquals(0, box.tokenRequests());
        assertEquals(0, box.tokenRequests("enterprise", app.enterpriseId()));
        assertEquals(0, box.revokeRequests());
        assertTrue(box.apiCalls().isEmpty());
        long start = System.nanoTime();
        assertEquals(200, postToken(TestApps.SECRET, "enterprise", app.enterpriseId()), "no fault left");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "no delay left");
        assertEquals(400, postToken(TestApps.SECRET, "user", "5001"), "app settings are kept");
        assertEquals(200, http.getWithToken("/2.0/users/me", token).statusCode());
        assertEquals(401, http.getWithToken("/2.0/users/me", revoked).statusCode());
        assertTrue(box.issuedTokens().containsAll(java.util.Set.of(token, revoked)));
    }
}
