package dev.boxccg.core;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One Box app's credentials and how the engine talks to Box's token endpoint. Immutable; {@link #toString()} never
 * shows the client secret.
 */
public final class BoxCcgSettings {

    public static final URI DEFAULT_TOKEN_URL = URI.create("https://api.box.com/oauth2/token");
    public static final URI DEFAULT_REVOKE_URL = URI.create("https://api.box.com/oauth2/revoke");
    public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** The longest duration any setting of the engine accepts. */
    public static final Duration MAX_DURATION = Duration.ofDays(1);
    /** After a refusal with no valid token: callers fail fast for 1 s, 2 s, 4 s, … at most 1 minute. */
    public static final Backoff DEFAULT_FAILURE_COOLDOWN = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final Duration refreshAhead;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final RetrySettings retry;
    private final Backoff failureCooldown;
    private final ProxySettings proxy;
    private final TrustStoreSettings trustStore;
    private final URI revokeUrl;
    private final Duration revokeOnStop;
    private final boolean allowInsecureTokenUrl;

    private BoxCcgSettings(Builder builder) {
        this.allowInsecureTokenUrl = builder.allowInsecureTokenUrl;
        this.clientId = requireText(builder.clientId, "client ID");
        this.clientSecret = requireText(builder.clientSecret, "client secret");
        this.tokenUrl = checkTokenUrl(builder.tokenUrl, builder.allowInsecureTokenUrl);
        this.refreshAhead = requireNotNegative(builder.refreshAhead, "refresh-ahead");
        this.connectTimeout = requirePositive(builder.connectTimeout, "connect timeout");
        this.readTimeout = requirePositive(builder.readTimeout, "read timeout");
        this.retry = Objects.requireNonNull(builder.retry, "retry");
        this.failureCooldown = Objects.requireNonNull(builder.failureCooldown, "failure cooldown");
        this.proxy = builder.proxy;
        this.trustStore = builder.trustStore;
        this.revokeUrl = builder.revokeUrl == null ? null
                : checkUrl(builder.revokeUrl, builder.allowInsecureTokenUrl, "revoke URL");
        this.revokeOnStop = requireNotNegative(builder.revokeOnStop, "revoke-on-stop deadline");
        if (trustStore != null) {
            Transport.sslContext(trustStore); // a trust store that cannot be read fails here, not at the first request
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder holding every one of these settings, to derive others from them: for example a tenant's
     *         settings from a configuration's, with the tenant's credentials
     */
    public Builder toBuilder() {
        return new Builder()
                .tokenUrl(tokenUrl)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .refreshAhead(refreshAhead)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .retry(retry)
                .failureCooldown(failureCooldown)
                .proxy(proxy)
                .trustStore(trustStore)
                .revokeUrl(revokeUrl)
                .revokeOnStop(revokeOnStop)
                .allowInsecureTokenUrl(allowInsecureTokenUrl);
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

    /**
     * How long callers fail fast, without a request, after a request failed and no valid token exists: this
     * schedule after refusals ({@code invalid_grant}, …), a quarter of it (at least its initial wait) after transient
     * failures used up a retry deadline.
     */
    public Backoff failureCooldown() {
        return failureCooldown;
    }

    /** @return the cooldown after {@code failures} failed requests in a row */
    Duration cooldownAfter(int failures, boolean transientFailure) {
        Duration cooldown = failureCooldown.after(failures);
        if (!transientFailure) {
            return cooldown;
        }
        Duration cap = failureCooldown.max().dividedBy(4);
        return cooldown.compareTo(cap) <= 0 ? cooldown
                : cap.compareTo(failureCooldown.initial()) >= 0 ? cap : failureCooldown.initial();
    }

    /** @return the HTTP proxy to the token endpoint; empty for the JVM's default proxy selection */
    public Optional<ProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** @return the trust store for the token endpoint's TLS; empty for the JVM's default */
    public Optional<TrustStoreSettings> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /**
     * Box's revocation endpoint: the one set, else the token URL with its last path segment {@code token} replaced by
     * {@code revoke} ({@code https://api.box.com/oauth2/token} gives {@code https://api.box.com/oauth2/revoke}).
     *
     * @return empty if none was set and the token URL's path does not end with {@code /token}
     */
    public Optional<URI> revokeUrl() {
        if (revokeUrl != null) {
            return Optional.of(revokeUrl);
        }
        String path = tokenUrl.getRawPath();
        if (path == null || !path.endsWith("/token")) {
            return Optional.empty();
        }
        String revokePath = path.substring(0, path.length() - "token".length()) + "revoke";
        return Optional.of(URI.create(tokenUrl.getScheme() + "://" + tokenUrl.getRawAuthority() + revokePath));
    }

    /**
     * How long {@link BoxCcgEngine#close()} may take to revoke the tokens of this app it still holds;
     * {@link Duration#ZERO} (the default) revokes none.
     */
    public Duration revokeOnStop() {
        return revokeOnStop;
    }

    /** @return the app these settings get tokens for: token URL, client ID, digest of the secret */
    public AppIdentity identity() {
        return AppIdentity.of(tokenUrl, clientId, clientSecret);
    }

    /**
     * The settings that decide how tokens are requested and renewed. Two settings of the same {@link #identity()}
     * must agree on all of them to share tokens.
     *
     * @return the names of the settings that differ, empty if they agree
     */
    public List<String> policyDifferences(BoxCcgSettings other) {
        List<String> differences = new ArrayList<>();
        compare(differences, "refresh-ahead", refreshAhead, other.refreshAhead);
        compare(differences, "connect-timeout", connectTimeout, other.connectTimeout);
        compare(differences, "read-timeout", readTimeout, other.readTimeout);
        compare(differences, "retry", retry, other.retry);
        compare(differences, "failure-cooldown", failureCooldown, other.failureCooldown);
        compare(differences, "proxy", proxy, other.proxy);
        compare(differences, "trust-store", trustStore, other.trustStore);
        compare(differences, "revoke-url", revokeUrl(), other.revokeUrl());
        compare(differences, "revoke-on-stop", revokeOnStop, other.revokeOnStop);
        return differences;
    }

    private static void compare(List<String> differences, String name, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            differences.add(name);
        }
    }

    @Override
    public String toString() {
        return "BoxCcgSettings[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=<redacted>"
                + ", refreshAhead=" + refreshAhead + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", retry=" + retry + ", failureCooldown=" + failureCooldown
                + (proxy == null ? "" : ", proxy=" + proxy) + (trustStore == null ? "" : ", trustStore=" + trustStore)
                + (revokeUrl == null ? "" : ", revokeUrl=" + revokeUrl)
                + (revokeOnStop.isZero() ? "" : ", revokeOnStop=" + revokeOnStop) + "]";
    }

    /**
     * The token endpoint receives the client secret, so it must be https: plain http only to this machine (a local
     * simulator) or when explicitly allowed.
     */
    static URI checkTokenUrl(URI url, boolean allowInsecure) {
        return checkUrl(url, allowInsecure, "token URL");
    }

    /** The https rule of the token URL, for any URL the client secret is sent to. */
    static URI checkUrl(URI url, boolean allowInsecure, String what) {
        Objects.requireNonNull(url, what);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("The " + what + " '" + url + "' is not an absolute http(s) URL; Box's"
                    + " is " + (what.equals("token URL") ? DEFAULT_TOKEN_URL : DEFAULT_REVOKE_URL));
        }
        if (scheme.equals("http") && !allowInsecure && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException("The " + what + " '" + url + "' is not https: the client secret would"
                    + " be sent in clear text. Use https, or allow insecure token URLs explicitly for a test setup");
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
        return requireAtMostMax(value, what);
    }

    private static Duration requireNotNegative(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException("The " + what + " must not be negative, not " + value);
        }
        return requireAtMostMax(value, what);
    }

    /**
     * Every duration of the engine is at most a day: longer ones mean nothing for tokens that live an hour, and
     * would overflow once turned into nanoseconds.
     */
    static Duration requireAtMostMax(Duration value, String what) {
        if (value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("The " + what + " " + value + " is longer than the maximum of "
                    + MAX_DURATION);
        }
        return value;
    }

    /**
     * Defaults: Box's token URL, refresh 5 minutes ahead, connect timeout 5 s, read timeout 10 s,
     * {@link RetrySettings#DEFAULT}, {@link #DEFAULT_FAILURE_COOLDOWN}, the JVM's proxy and trust store.
     */
    public static final class Builder {
        private URI tokenUrl = DEFAULT_TOKEN_URL;
        private String clientId;
        private String clientSecret;
        private Duration refreshAhead = DEFAULT_REFRESH_AHEAD;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private RetrySettings retry = RetrySettings.DEFAULT;
        private Backoff failureCooldown = DEFAULT_FAILURE_COOLDOWN;
        private ProxySettings proxy;
        private TrustStoreSettings trustStore;
        private boolean allowInsecureTokenUrl;
        private URI revokeUrl;
        private Duration revokeOnStop = Duration.ZERO;

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

        public Builder failureCooldown(Backoff failureCooldown) {
            this.failureCooldown = failureCooldown;
            return this;
        }

        /** @param proxy the HTTP proxy to the token endpoint, or null for the JVM's default proxy selection */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        /** @param trustStore the trust store for the token endpoint's TLS, or null for the JVM's default */
        public Builder trustStore(TrustStoreSettings trustStore) {
            this.trustStore = trustStore;
            return this;
        }

        /**
         * @param revokeUrl Box's revocation endpoint, or null (the default) to derive it from the token URL (see
         *                  {@link BoxCcgSettings#revokeUrl()}); https as for the token URL
         */
        public Builder revokeUrl(URI revokeUrl) {
            this.revokeUrl = revokeUrl;
            return this;
        }

        /**
         * @param deadline how long {@link BoxCcgEngine#close()} may spend revoking the tokens of this app it still
         *                 holds, all in parallel; {@link Duration#ZERO} (the default) revokes none
         */
        public Builder revokeOnStop(Duration deadline) {
            this.revokeOnStop = deadline;
            return this;
        }

        /** Allows a plain-http token URL (and revoke URL) to a host other than this machine. For test setups only. */
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
