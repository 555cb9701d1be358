package dev.boxccg;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoxCredentialsTest {

    private final BoxCredentials credentials = BoxCredentials.of("client-1", "secret-1", BoxSubject.enterprise("42"));

    @Test
    void aLabelIsShortAndSafeInAnyMetricsBackEnd() {
        assertEquals(Optional.empty(), credentials.label());
        assertEquals(Optional.of("customer-0042_eu.1"), credentials.withLabel("customer-0042_eu.1").label());
        for (String bad : new String[]{"", "a b", "acme@example.com", "none", "é", "x".repeat(65), "a\nb"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> credentials.withLabel(bad), bad);
            assertFalse(e.getMessage().contains("secret-1"));
        }
        assertThrows(IllegalArgumentException.class, () -> credentials.withLabel(null));
        assertEquals("x".repeat(64), credentials.withLabel("x".repeat(64)).label().orElseThrow());
    }

    @Test
    void aLabelIsNotPartOfEqualityButASecretIs() {
        BoxCredentials labelled = credentials.withLabel("customer-1");
        assertEquals(credentials, labelled, "a new label is not a new secret");
        assertEquals(credentials.hashCode(), labelled.hashCode());
        assertNotEquals(credentials, BoxCredentials.of("client-1", "secret-2", BoxSubject.enterprise("42")));
        assertEquals(Optional.of("customer-1"),
                labelled.withTokenUrl(java.net.URI.create("https://box.example/token")).label(), "kept");
        assertTrue(labelled.toString().contains("customer-1"));
        assertFalse(labelled.toString().contains("secret-1"));
    }
}
