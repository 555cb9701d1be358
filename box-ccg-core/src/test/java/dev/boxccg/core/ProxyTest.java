package dev.boxccg.core;

import dev.boxccg.BoxSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-configuration proxy: token requests go through it, to a host this machine never resolves itself. */
@Timeout(30)
class ProxyTest {

    @Test
    void tokenRequestsGoThroughTheConfiguredProxy() {
        List<String> requestLines = new CopyOnWriteArrayList<>();
        try (HostileTokenServer proxy = HostileTokenServer.start()) {
            proxy.route(request -> {
                requestLines.add(request.method() + " " + request.path());
                return null; // then the default: a valid token
            });
            BoxCcgSettings settings = BoxCcgSettings.builder().clientId("proxied").clientSecret("proxied-secret")
                    // .invalid never resolves (RFC 2606): only the proxy can have answered
                    .tokenUrl(URI.create("http://box.example.invalid/oauth2/token")).allowInsecureTokenUrl(true)
                    .proxy(ProxySettings.of("127.0.0.1", proxy.tokenUrl().getPort()))
                    .readTimeout(Duration.ofSeconds(5)).build();
            try (BoxCcgEngine engine = BoxCcgEngine.builder(settings).build()) {
                assertFalse(engine.provider(BoxSubject.enterprise("1")).token().value().isEmpty());
            }
            assertEquals(List.of("POST http://box.example.invalid/oauth2/token"), requestLines);
        }
    }

    @Test
    void theProxyPasswordIsASecret() {
        ProxySettings proxy = new ProxySettings("proxy.example.com", 3128, "svc", "proxy-password-5e1");
        BoxCcgSettings settings = BoxCcgSettings.builder().clientId("c").clientSecret("s").proxy(proxy).build();
        assertFalse(proxy.toString().contains("proxy-password-5e1"), proxy.toString());
        assertFalse(settings.toString().contains("proxy-password-5e1"), settings.toString());
        assertTrue(settings.toString().contains("proxy.example.com:3128"), settings.toString());
    }

    @Test
    void anotherProxyIsAnotherTokenPolicy() {
        BoxCcgSettings direct = BoxCcgSettings.builder().clientId("c").clientSecret("s").build();
        BoxCcgSettings proxied = BoxCcgSettings.builder().clientId("c").clientSecret("s")
                .proxy(ProxySettings.of("proxy.example.com", 3128)).build();
        assertEquals(List.of("proxy"), direct.policyDifferences(proxied));
    }
}
