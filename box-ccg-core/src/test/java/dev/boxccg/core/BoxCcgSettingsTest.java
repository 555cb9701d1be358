package dev.boxccg.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoxCcgSettingsTest {

    private static final String SECRET = "s3cr3t-VALUE-never-shown";

    private static BoxCcgSettings.Builder app() {
        return BoxCcgSettings.builder().clientId("my-client").clientSecret(SECRET);
    }

    @Test
    void defaultsToBoxsHttpsTokenEndpoint() {
        assertEquals(URI.create("https://api.box.com/oauth2/token"), app().build().tokenUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.box.com/oauth2/token", "http://localhost:8080/oauth2/token",
            "http://127.0.0.1:1234/oauth2/token", "http://127.8.9.10/oauth2/token", "http://[::1]:99/oauth2/token"})
    void acceptsHttpsAnywhereAndHttpOnlyToThisMachine(String url) {
        assertDoesNotThrow(() -> app().tokenUrl(URI.create(url)).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.box.com/oauth2/token", "http://10.0.0.1/oauth2/token",
            "http://localhost.example.com/oauth2/token", "http://127.0.0.1.nip.io/oauth2/token"})
    void refusesPlainHttpToOtherHosts(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app().tokenUrl(URI.create(url)).build());
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains("not https"), e.getMessage());
    }

    @Test
    void plainHttpToAnotherHostOnlyWithTheExplicitOptIn() {
        assertDoesNotThrow(() -> app().tokenUrl(URI.create("http://box-fake.test/oauth2/token"))
                .allowInsecureTokenUrl(true).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/oauth2/token", "ftp://api.box.com/oauth2/token", "api.box.com/oauth2/token"})
    void refusesWhatIsNotAnAbsoluteHttpUrl(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app().tokenUrl(URI.create(url)).build());
        assertTrue(e.getMessage().contains("not an absolute http(s) URL"), e.getMessage());
    }

    @Test
    void namesAMissingClientIdOrSecret() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BoxCcgSettings.builder().clientSecret(SECRET).build())
                .getMessage().contains("client ID is missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BoxCcgSettings.builder().clientId("id").clientSecret(" ").build())
                .getMessage().contains("client secret is missing"));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        String text = app().build().toString();
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("my-client"), text);
    }
}
