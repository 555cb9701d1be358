package dev.boxccg.core;

import java.util.Objects;

/**
 * An HTTP proxy for the token endpoint. The password is a secret like the client secret: {@link #toString()} never
 * shows it.
 *
 * @param host     the proxy's host
 * @param port     its port
 * @param username for proxy authentication (Basic), or null
 * @param password its password, or null
 */
public record ProxySettings(String host, int port, String username, String password) {

    public ProxySettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The proxy host is missing");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The proxy port " + port + " is not between 1 and 65535");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("Give both a proxy user name and a proxy password, or neither");
        }
    }

    /** A proxy without authentication. */
    public static ProxySettings of(String host, int port) {
        return new ProxySettings(host, port, null, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProxySettings that && host.equals(that.host) && port == that.port
                && Objects.equals(username, that.username) && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username);
    }

    @Override
    public String toString() {
        return host + ":" + port + (username == null ? "" : " (user " + username + ", password <redacted>)");
    }
}
