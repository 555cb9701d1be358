package dev.boxccg.core;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One Box app's credentials and how the engine talks to Box's token endpoint. Immutable; {@link #toString()} never
 * shows the client secret.
 */
public final class BoxCcgSettings {

    public static final URI DEFAULT_TOKEN_URL = URI.create("https://api.box.com/oauth2/token");
    public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final Duration refreshAhead;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final RetrySettings retry;

    private BoxCcgSettings(Builder builder) {
        this.clientId = requireText(builder.clientId, "client ID");
        this.clientSecret = requireText(builder.clientSecret, "client secret");
        this.tokenUrl = checkTokenUrl(builder.tokenUrl, builder.allowInsecureTokenUrl);
        this.refreshAhead = requireNotNegative(builder.refreshAhead, "refresh-ahead");
        this.connectTimeout = requirePositive(builder.connectTimeout, "connect timeout");
        this.readTimeout = requirePositive(builder.readTimeout, "read timeout");
        this.retry = Objects.requireNonNull(builder.retry, "retry");
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI tokenUrl() {
        return tokenUrl;
    }

    public String clientId() {
        return clientId;
    }

    /** The secret itself: only the token request may use it. */
    public String clientSecret() {
        return clientSecret;
    }

    /** How long before expiry a token is renewed; never more than half the token's lifetime. */
    public Duration refreshAhead() {
        return refreshAhead;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public RetrySettings retry() {
        return retry;
    }

    @Override
    public String toString() {
        return "BoxCcgSettings[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=<redacted>"
                + ", refreshAhead=" + refreshAhead + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", retry=" + retry + "]";
    }

    /**
     * The token endpoint receives the client secret, so it must be https: plain http only to this machine (a local
     * simulator) or when explicitly allowed.
     */
    static URI checkTokenUrl(URI url, boolean allowInsecure) {
        Objects.requireNonNull(url, "token URL");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("The token URL '" + url + "' is not an absolute http(s) URL; Box's is "
                    + DEFAULT_TOKEN_URL);
        }
        if (scheme.equals("http") && !allowInsecure && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException("The token URL '" + url + "' is not https: the client secret would be"
                    + " sent in clear text. Use https, or allow insecure token URLs explicitly for a test setup");
        }
        return url;
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses are checked: a name is never resolved here, so no DNS answer can make http acceptable.
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The Box " + what + " is missing: copy it from the Box Developer"
                    + " Console, Configuration tab, OAuth 2.0 Credentials");
        }
        return value.strip();
    }

    private static Duration requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("The " + what + " must be positive, not " + value);
        }
        return value;
    }

    private static Duration requireNotNegative(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException("The " + what + " must not be negative, not " + value);
        }
        return value;
    }

    /** Defaults: Box's token URL, refresh 5 minutes ahead, connect timeout 5 s, read timeout 10 s, {@link RetrySettings#DEFAULT}. */
    public static final class Builder {
        private URI tokenUrl = DEFAULT_TOKEN_URL;
        private String clientId;
        private String clientSecret;
        private Duration refreshAhead = DEFAULT_REFRESH_AHEAD;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private RetrySettings retry = RetrySettings.DEFAULT;
        private boolean allowInsecureTokenUrl;

        private Builder() {
        }

        public Builder tokenUrl(URI tokenUrl) {
            this.tokenUrl = tokenUrl;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder refreshAhead(Duration refreshAhead) {
            this.refreshAhead = refreshAhead;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder retry(RetrySettings retry) {
            this.retry = retry;
            return this;
        }

        /** Allows a plain-http token URL to a host other than this machine. For test setups only. */
        public Builder allowInsecureTokenUrl(boolean allow) {
            this.allowInsecureTokenUrl = allow;
            return this;
        }

        /** @throws IllegalArgumentException naming what is missing or malformed */
        public BoxCcgSettings build() {
            return new BoxCcgSettings(this);
        }
    }
}
