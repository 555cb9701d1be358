package dev.boxccg;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One Box app's Client Credentials Grant credentials and subject, as a {@link BoxTenantCredentials} resolves them
 * for one tenant: the client ID and secret the tenant's Box admin shared, and the enterprise (service account) or
 * user the tokens act as. Immutable. Two credentials are equal when every field is, the secret included, so a
 * changed secret is told apart; {@link #toString()} never shows the secret.
 */
public final class BoxCredentials {

    private final String clientId;
    private final String clientSecret;
    private final BoxSubject subject;
    private final URI tokenUrl;

    private BoxCredentials(String clientId, String clientSecret, BoxSubject subject, URI tokenUrl) {
        this.clientId = requireText(clientId, "client ID");
        this.clientSecret = requireText(clientSecret, "client secret");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.tokenUrl = tokenUrl;
    }

    /**
     * @param clientId     the app's client ID
     * @param clientSecret the app's client secret
     * @param subject      whom the tokens act as: {@link BoxSubject#enterprise(String)} or {@link BoxSubject#user}
     * @throws IllegalArgumentException if the client ID or secret is blank
     */
    public static BoxCredentials of(String clientId, String clientSecret, BoxSubject subject) {
        return new BoxCredentials(clientId, clientSecret, subject, null);
    }

    /**
     * @param tokenUrl the token endpoint for this tenant; without it, the configuration's {@code token-url} (Box's by
     *                 default) is used
     * @return these credentials with that token URL
     */
    public BoxCredentials withTokenUrl(URI tokenUrl) {
        return new BoxCredentials(clientId, clientSecret, subject, Objects.requireNonNull(tokenUrl, "tokenUrl"));
    }

    public String clientId() {
        return clientId;
    }

    /** The secret itself: only the token request may use it. */
    public String clientSecret() {
        return clientSecret;
    }

    public BoxSubject subject() {
        return subject;
    }

    /** @return the tenant's own token URL; empty to use the configuration's */
    public Optional<URI> tokenUrl() {
        return Optional.ofNullable(tokenUrl);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The Box " + what + " is missing");
        }
        return value.strip();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoxCredentials that && clientId.equals(that.clientId)
                && clientSecret.equals(that.clientSecret) && subject.equals(that.subject)
                && Objects.equals(tokenUrl, that.tokenUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, clientSecret, subject, tokenUrl);
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "BoxCredentials[clientId=" + clientId + ", clientSecret=<redacted>, subject=" + subject
                + (tokenUrl == null ? "" : ", tokenUrl=" + tokenUrl) + "]";
    }
}
