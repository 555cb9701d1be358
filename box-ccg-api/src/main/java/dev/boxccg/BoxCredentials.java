package dev.boxccg;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Box app's Client Credentials Grant credentials and subject, as a {@link BoxTenantCredentials} resolves them
 * for one tenant: the client ID and secret the tenant's Box admin shared, and the enterprise (service account) or
 * user the tokens act as. Immutable. Two credentials are equal when they fetch the same tokens: client ID, secret,
 * subject and token URL, the secret included, so a changed secret is told apart. The {@linkplain #withLabel label}
 * is left out of {@code equals}: a new label is not a new secret, and must not drop the tenant's valid tokens.
 * {@link #toString()} never shows the secret.
 */
public final class BoxCredentials {

    private final String clientId;
    private final String clientSecret;
    private final BoxSubject subject;
    private final URI tokenUrl;
    private final String label;

    /** What a label may be: short, and safe in any metrics back end's label value. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private BoxCredentials(String clientId, String clientSecret, BoxSubject subject, URI tokenUrl, String label) {
        this.clientId = requireText(clientId, "client ID");
        this.clientSecret = requireText(clientSecret, "client secret");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.tokenUrl = tokenUrl;
        this.label = label;
    }

    /**
     * @param clientId     the app's client ID
     * @param clientSecret the app's client secret
     * @param subject      whom the tokens act as: {@link BoxSubject#enterprise(String)} or {@link BoxSubject#user}
     * @throws IllegalArgumentException if the client ID or secret is blank
     */
    public static BoxCredentials of(String clientId, String clientSecret, BoxSubject subject) {
        return new BoxCredentials(clientId, clientSecret, subject, null, null);
    }

    /**
     * @param tokenUrl the token endpoint for this tenant; without it, the configuration's {@code token-url} (Box's by
     *                 default) is used
     * @return these credentials with that token URL
     */
    public BoxCredentials withTokenUrl(URI tokenUrl) {
        return new BoxCredentials(clientId, clientSecret, subject, Objects.requireNonNull(tokenUrl, "tokenUrl"),
                label);
    }

    /**
     * The name box-ccg gives the tenant in its metrics, traces and health data, chosen by the application. It
     * <b>must not be personal data</b> (not a customer's or person's name, not an e-mail address, not a Box ID):
     * dashboards and alerts show it to whoever reads them. Without it box-ccg uses a pseudonym of its own:
     * {@code t-} and 12 hex digits of an HMAC-SHA256, keyed from the client secret, of the configuration's name and
     * the tenant key; the same on every node and after a restart while the secret is the same, and unguessable
     * without the secret. A label is not compared by {@link #equals}: a tenant resolved with another label keeps its
     * tokens, and the new label is shown from the next time box-ccg resolves the tenant.
     *
     * @param label 1 to 64 characters, each a letter, digit, {@code .}, {@code _} or {@code -}; not {@code none}
     *              (what metrics show where there is no tenant)
     * @return these credentials with that label
     * @throws IllegalArgumentException if the label is not such a name
     */
    public BoxCredentials withLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches() || label.equals("none")) {
            throw new IllegalArgumentException("A tenant label is 1 to 64 letters, digits, '.', '_' or '-', and not"
                    + " 'none'");
        }
        return new BoxCredentials(clientId, clientSecret, subject, tokenUrl, label);
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

    /** @return the label the application chose ({@link #withLabel}); empty for box-ccg's own pseudonym */
    public Optional<String> label() {
        return Optional.ofNullable(label);
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
                + (tokenUrl == null ? "" : ", tokenUrl=" + tokenUrl) + (label == null ? "" : ", label=" + label) + "]";
    }
}
