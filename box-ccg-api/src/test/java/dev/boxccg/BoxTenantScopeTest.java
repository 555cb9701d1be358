package dev.boxccg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BoxCalls#asTenant}, {@link BoxCredentials} and the default {@link BoxTokenProvider#forTenant}. */
class BoxTenantScopeTest {

    @Test
    void scopesNestComposeWithAsUserAndAreRestoredOnThrow() {
        List<String> seen = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        BoxCalls.asTenant("acme", () -> {
            seen.add(BoxCalls.currentTenant().orElseThrow());
            BoxCalls.asTenant("globex", () -> BoxCalls.asUser("42",
                    () -> seen.add(BoxCalls.currentTenant().orElseThrow() + "/" + BoxCalls.currentUser().orElseThrow())));
            assertSame(boom, assertThrows(IllegalStateException.class, () -> BoxCalls.asTenant("initech", () -> {
                throw boom;
            })));
            seen.add(BoxCalls.currentTenant().orElseThrow());
        });
        assertEquals(List.of("acme", "globex/42", "acme"), seen);
        assertEquals(Optional.empty(), BoxCalls.currentTenant());
        assertEquals(Optional.empty(), BoxCalls.currentUser());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "tab\there"})
    void aBlankOrControlCharacterKeyIsRefused(String tenant) {
        assertThrows(IllegalArgumentException.class, () -> BoxCalls.asTenant(tenant, () -> "never"));
        assertEquals(Optional.empty(), BoxCalls.currentTenant());
    }

    @Test
    void aKeyLongerThan200CharactersIsRefused() {
        assertEquals("a".repeat(200), BoxCalls.checkTenant("a".repeat(200)));
        assertThrows(IllegalArgumentException.class, () -> BoxCalls.checkTenant("a".repeat(201)));
    }

    @Test
    void credentialsNeverShowTheSecretButTellSecretsApart() {
        BoxCredentials one = BoxCredentials.of("client", "s3cret-value", BoxSubject.enterprise("1"));
        BoxCredentials two = BoxCredentials.of("client", "other-value", BoxSubject.enterprise("1"));
        assertFalse(one.toString().contains("s3cret-value"), one.toString());
        assertNotEquals(one, two);
        assertEquals(one, BoxCredentials.of("client", "s3cret-value", BoxSubject.enterprise("1")));
        assertEquals(Optional.of(URI.create("https://box.example/token")),
                one.withTokenUrl(URI.create("https://box.example/token")).tokenUrl());
        assertThrows(IllegalArgumentException.class, () -> BoxCredentials.of("client", " ", BoxSubject.user("2")));
    }

    @Test
    void aProviderThatDoesNotServeTenantsRefusesForTenant() {
        BoxTokenProvider own = new BoxTokenProvider() {
            public BoxAccessToken token() { throw new AssertionError(); }
            public BoxSubject subject() { return BoxSubject.enterprise("1"); }
            public void invalidate(BoxAccessToken token) { }
            public BoxTokenProvider forUser(String userId) { return this; }
            public BoxAccessToken downscoped(BoxDownscope downscope) { throw new AssertionError(); }
            public void revoke() { }
        };
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> own.forTenant("acme"));
        assertTrue(refused.getMessage().contains("tenants=true"), refused.getMessage());
    }
}
