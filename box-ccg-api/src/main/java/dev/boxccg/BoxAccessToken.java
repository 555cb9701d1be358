package dev.boxccg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An access token issued by Box's token endpoint.
 *
 * <p>Immutable and thread safe. Two tokens are equal when their values are equal. {@link #toString()} never
 * prints the token's value, only a {@linkplain #fingerprint() fingerprint} that can be matched in logs.
 */
public final class BoxAccessToken {

    /**
     * One entry of Box's {@code restricted_to}: a scope granted on one item. CCG tokens normally have none;
     * downscoped tokens have some.
     *
     * @param scope      for example {@code item_preview}
     * @param objectType the item's type, for example {@code file}, or null when Box named no item
     * @param objectId   the item's ID, or null when Box named no item
     */
    public record Restriction(String scope, String objectType, String objectId) {
    }

    private final String value;
    /** Built once: the REST client filter sends it on every request. */
    private final String authorizationHeader;
    private final String type;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final BoxSubject subject;
    private final List<Restriction> restrictedTo;

    /**
     * @param value        the {@code access_token}
     * @param type         the {@code token_type}, normally {@code bearer}
     * @param issuedAt     when the token request was <em>sent</em> (so the expiry errs on the early side)
     * @param expiresAt    {@code issuedAt} plus Box's {@code expires_in}
     * @param subject      whom the token acts as
     * @param restrictedTo Box's {@code restricted_to}; empty when unrestricted
     */
    public BoxAccessToken(String value, String type, Instant issuedAt, Instant expiresAt, BoxSubject subject,
                          List<Restriction> restrictedTo) {
        this.value = Objects.requireNonNull(value, "value");
        this.authorizationHeader = "Bearer " + value;
        this.type = Objects.requireNonNull(type, "type");
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.restrictedTo = List.copyOf(restrictedTo);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("A token must expire after it was issued");
        }
    }

    /** @return the secret token value; send it, never log it */
    public String value() {
        return value;
    }

    /** @return the token type, {@code bearer} for CCG tokens */
    public String type() {
        return type;
    }

    /** @return the {@code Authorization} header value for this token, e.g. {@code Bearer abc…} */
    public String authorizationHeader() {
        return authorizationHeader;
    }

    /** @return when the token request was sent */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** @return when the token stops being valid */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return the lifetime Box granted, from {@link #issuedAt()} to {@link #expiresAt()} */
    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }

    /** @return true if the token is still valid at {@code now} */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    public BoxSubject subject() {
        return subject;
    }

    /** @return Box's {@code restricted_to}, never null */
    public List<Restriction> restrictedTo() {
        return restrictedTo;
    }

    /**
     * A short, non-reversible identifier of the token: the first 12 hex digits of its SHA-256. Safe to log; lets
     * two log lines be matched to the same token without revealing it.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoxAccessToken that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Never contains the token's value. */
    @Override
    public String toString() {
        return "BoxAccessToken[fingerprint=" + fingerprint() + ", type=" + type + ", subject=" + subject
                + ", expiresAt=" + expiresAt + ", restrictedTo=" + restrictedTo + "]";
    }
}
