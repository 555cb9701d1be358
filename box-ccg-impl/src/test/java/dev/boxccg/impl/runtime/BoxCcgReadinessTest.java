package dev.boxccg.impl.runtime;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import dev.boxccg.core.AppIdentity;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.core.TenantRegistry;
import dev.boxccg.core.TokenKey;
import dev.boxccg.core.TokenRequest;
import dev.boxccg.core.TokenStatus;
import dev.boxccg.impl.config.AsUserMode;
import dev.boxccg.impl.config.BoxAppConfiguration;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    private static TenantRegistry.TenantState tenant(String label, Optional<Instant> validUntil,
                                                     BoxAuthenticationException failure) {
        TokenStatus status = status(validUntil, failure, Optional.empty(), false);
        return new TenantRegistry.TenantState(label, status.key().app(), BoxSubject.enterprise("1234"),
                Optional.of(status));
    }

    private static BoxAuthenticationException outage() {
        return new BoxAuthenticationException("Box's token endpoint could not be reached",
                BoxAuthenticationException.NO_RESPONSE, null, null, "Check the network", true, null);
    }

    @Test
    void tenantsInTroubleAreListedByLabelAndTheOthersOnlyCounted() {
        List<TenantRegistry.TenantState> tenants = List.of(
                tenant("t-0a", Optional.of(UNTIL), null),
                tenant("t-0b", Optional.empty(), refused()),
                tenant("t-0c", Optional.empty(), outage()),
                tenant("t-0d", Optional.empty(), null),
                tenant("t-0e", Optional.of(UNTIL), refused())); // a failed renewal, its token still valid
        BoxCcgReadiness readiness = BoxCcgReadiness.ofTenants(configuration("", false), tenants, 1000);

        assertTrue(readiness.up(), "one tenant's trouble never takes the application out of service");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("configuration", "default");
        expected.put("tenants-live", "5");
        expected.put("tenants-max", "1000");
        expected.put("tenants-token-held", "2");
        expected.put("tenants-refused", "1");
        expected.put("tenants-unreachable", "1");
        expected.put("tenants-no-token", "1");
        expected.put("tenant t-0b", "refused (invalid_grant)");
        expected.put("tenant t-0c", "unreachable (no_response)");
        assertEquals(expected, readiness.data(), "Box's description is left out: it may echo what was sent");
    }

    @Test
    void atMostTwentyTenantsInTroubleAreListedAndTheRestCounted() {
        List<TenantRegistry.TenantState> tenants = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tenants.add(tenant(String.format("t-%02d", i), Optional.empty(), refused()));
        }
        tenants.add(tenant("t-held", Optional.of(UNTIL), null));
        Map<String, String> data = BoxCcgReadiness.ofTenants(configuration("", false), tenants, 1000).data();

        List<String> listed = data.keySet().stream().filter(key -> key.startsWith("tenant ")).toList();
        assertEquals(BoxCcgReadiness.MAX_TENANTS_LISTED, listed.size());
        assertEquals(20, listed.size());
        assertEquals("tenant t-00", listed.get(0));
        assertEquals("tenant t-19", listed.get(19));
        assertEquals("5", data.get("tenants-not-listed"));
        assertEquals("25", data.get("tenants-refused"));
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
