package dev.boxccg.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the engine connects to a token endpoint: everything an {@link HttpClient} is built with. Apps that connect
 * alike share one client (its connection pool and threads).
 */
record Transport(Duration connectTimeout, ProxySettings proxy, TrustStoreSettings trustStore) {

    static Transport of(BoxCcgSettings settings) {
        return new Transport(settings.connectTimeout(), settings.proxy().orElse(null),
                settings.trustStore().orElse(null));
    }

    HttpClient newClient() {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (proxy != null) {
            builder.proxy(ProxySelector.of(new InetSocketAddress(proxy.host(), proxy.port())));
            if (proxy.username() != null) {
                builder.authenticator(new ProxyAuthenticator(proxy));
            }
        }
        if (trustStore != null) {
            builder.sslContext(sslContext(trustStore));
        }
        return builder.build();
    }

    /**
     * @throws IllegalArgumentException naming the file, if the trust store cannot be read
     */
    static SSLContext sslContext(TrustStoreSettings settings) {
        try (InputStream in = Files.newInputStream(settings.path())) {
            KeyStore store = KeyStore.getInstance(settings.type());
            store.load(in, settings.password() == null ? null : settings.password().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // The message of a key store error never holds the password; it may name the file, which is fine.
            throw new IllegalArgumentException("The trust store " + settings.path() + " (" + settings.type()
                    + ") cannot be read: " + e.getMessage(), e);
        }
    }

    /** Answers the proxy's challenge only: the token endpoint itself is never sent the proxy's password. */
    private static final class ProxyAuthenticator extends Authenticator {
        private final ProxySettings proxy;

        ProxyAuthenticator(ProxySettings proxy) {
            this.proxy = proxy;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            return getRequestorType() == RequestorType.PROXY
                    ? new PasswordAuthentication(proxy.username(), proxy.password().toCharArray())
                    : null;
        }
    }
}
