package dev.boxccg.impl.runtime;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import dev.boxccg.core.AppIdentity;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.core.TokenKey;
import dev.boxccg.core.TokenRequest;
import dev.boxccg.core.TokenStatus;
import dev.boxccg.impl.config.AsUserMode;
import dev.boxccg.impl.config.BoxAppConfiguration;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness of one configuration, from the engine's {@link TokenStatus} alone. */
class BoxCcgReadinessTest {

    private static final String SECRET = "readiness-secret-0f3c9";
    private static final Instant UNTIL = Instant.parse("2026-11-30T13:00:00Z");
    private static final Instant NEXT = Instant.parse("2026-11-30T12:00:05Z");

    private static BoxAppConfiguration configuration(String name, boolean eager) {
        BoxCcgSettings settings = BoxCcgSettings.builder().clientId("readiness-client").clientSecret(SECRET).build();
        return new BoxAppConfiguration(name, settings, BoxSubject.enterprise("1234"), AsUserMode.HEADER, eager, false);
    }

    private static TokenStatus status(Optional<Instant> validUntil, BoxAuthenticationException failure,
                                      Optional<Instant> next, boolean inFlight) {
        TokenKey key = new TokenKey(new AppIdentity(URI.create("https://api.box.com/oauth2/token"), "readiness-client",
                "digest"), TokenRequest.clientCredentials(BoxSubject.enterprise("1234")));
        return new TokenStatus(key, validUntil, Optional.ofNullable(failure), next, inFlight);
    }

    private static BoxAuthenticationException refused() {
        return new BoxAuthenticationException("Box refused the token request (HTTP 400 invalid_grant)", 400,
                "invalid_grant", "Grant credentials are invalid", "Check the client ID and secret", false, null);
    }

    @Test
    void upAndNotRequestedYetBeforeTheFirstToken() {
        BoxCcgReadiness readiness = BoxCcgReadiness.of(configuration("", false), Optional.empty());
        assertTrue(readiness.up());
        assertEquals(Map.of("configuration", "default", "subject", "enterprise 1234", "state", "not requested yet"),
                readiness.data());
        assertEquals("box-ccg", BoxCcgReadiness.checkName(""));
        assertEquals("box-ccg:hr", BoxCcgReadiness.checkName("hr"));
    }

    @Test
    void eagerConfigurationsAreDownAndStartingUntilTheFirstAnswer() {
        BoxCcgReadiness before = BoxCcgReadiness.of(configuration("hr", true), Optional.empty());
        assertFalse(before.up());
        assertEquals("starting", before.data().get("state"));
        assertEquals("hr", before.data().get("configuration"));
        BoxCcgReadiness inFlight = BoxCcgReadiness.of(configuration("hr", true),
                Optional.of(status(Optional.empty(), null, Optional.empty(), true)));
        assertFalse(inFlight.up());
        assertEquals("starting", inFlight.data().get("state"));
    }

    @Test
    void upWithItsExpiryWhileATokenIsHeld() {
        BoxCcgReadiness readiness = BoxCcgReadiness.of(configuration("", false),
                Optional.of(status(Optional.of(UNTIL), null, Optional.empty(), false)));
        assertTrue(readiness.up());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("configuration", "default");
        expected.put("subject", "enterprise 1234");
        expected.put("valid-until", "2026-11-30T13:00:00Z");
        expected.put("state", "token held");
        assertEquals(expected, readiness.data());
    }

    @Test
    void downWithBoxsErrorAndTheNextAttemptWhileRefused() {
        BoxCcgReadiness readiness = BoxCcgReadiness.of(configuration("", false),
                Optional.of(status(Optional.empty(), refused(), Optional.of(NEXT), false)));
        assertFalse(readiness.up());
        assertEquals("refused", readiness.data().get("state"));
        assertEquals("invalid_grant", readiness.data().get("last-error"));
        assertEquals("Grant credentials are invalid", readiness.data().get("last-error-description"));
        assertEquals("400", readiness.data().get("last-http-status"));
        assertEquals("Check the client ID and secret", readiness.data().get("hint"));
        assertEquals("2026-11-30T12:00:05Z", readiness.data().get("next-attempt"));
        assertFalse(readiness.data().containsKey("valid-until"));
    }

    @Test
    void downAndUnreachableInTheCooldownAfterAnOutage() {
        BoxAuthenticationException outage = new BoxAuthenticationException("Box's token endpoint could not be reached",
                BoxAuthenticationException.NO_RESPONSE, null, null, "Check the network", true, null);
        BoxCcgReadiness readiness = BoxCcgReadiness.of(configuration("", false),
                Optional.of(status(Optional.empty(), outage, Optional.of(NEXT), false)));
        assertFalse(readiness.up());
        assertEquals("unreachable", readiness.data().get("state"));
        assertEquals("transient", readiness.data().get("last-error"));
        assertFalse(readiness.data().containsKey("last-http-status"));
        assertEquals("2026-11-30T12:00:05Z", readiness.data().get("next-attempt"));
    }

    @Test
    void aFailedRenewalWithATokenStillValidStaysUpAndShowsTheError() {
        BoxCcgReadiness readiness = BoxCcgReadiness.of(configuration("", false),
                Optional.of(status(Optional.of(UNTIL), refused(), Optional.of(NEXT), false)));
        assertTrue(readiness.up());
        assertEquals("token held", readiness.data().get("state"));
        assertEquals("invalid_grant", readiness.data().get("last-error"));
    }

    @Test
    void upAfterTheLastTokenExpiredWithoutFailure() {
        BoxCcgReadiness readiness = BoxCcgReadiness.of(configuration("", false),
                Optional.of(status(Optional.empty(), null, Optional.empty(), false)));
        assertTrue(readiness.up());
        assertEquals("no valid token held (expired or dropped), fetched on next use", readiness.data().get("state"));
    }

    @Test
    void noDataEverCarriesTheSecret() {
        for (BoxCcgReadiness readiness : new BoxCcgReadiness[]{
                BoxCcgReadiness.of(configuration("", false), Optional.empty()),
                BoxCcgReadiness.of(configuration("", true), Optional.of(status(Optional.of(UNTIL), refused(),
                        Optional.of(NEXT), true)))}) {
            readiness.data().forEach((key, value) -> assertFalse(value.contains(SECRET), key));
        }
    }
}
