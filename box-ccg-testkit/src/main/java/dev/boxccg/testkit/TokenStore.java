package dev.boxccg.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The access tokens issued and revoked. Expiry is decided by the simulator's clock. Thread safe. */
final class TokenStore {

    /**
     * An issued access token.
     *
     * @param value            the {@code access_token}
     * @param expiresInSeconds the {@code expires_in} it was issued with
     * @param clientId         the app it was issued to
     * @param subject          whom it acts as
     * @param expiresAt        when it stops working
     * @param scopes           the scopes it holds: those of its app for a client credentials grant, those
     *                         granted for a downscoped token
     * @param resource         the item a downscoped token is restricted to, or null
     * @param downscoped       whether it came from a token exchange
     */
    record IssuedToken(String value, long expiresInSeconds, String clientId, Account subject, Instant expiresAt,
                       Set<String> scopes, Scopes.Resource resource, boolean downscoped) {
        @Override
        public String toString() {
            return "IssuedToken[clientId=" + clientId + ", subject=" + subject.user().id() + ", expiresAt="
                    + expiresAt + ", scopes=" + scopes + ", resource=" + resource + ", downscoped=" + downscoped
                    + "]";
        }
    }

    private static final int TOKEN_LENGTH = 32;

    private final Clock clock;
    private volatile Duration lifetime;
    private final Map<String, IssuedToken> issued = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    TokenStore(Clock clock, Duration lifetime) {
        this.clock = clock;
        lifetime(lifetime);
    }

    /** Sets the lifetime of tokens issued from now on. */
    void lifetime(Duration lifetime) {
        this.lifetime = checkLifetime(lifetime);
    }

    /** @throws IllegalArgumentException if the lifetime is negative */
    static Duration checkLifetime(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("A token lifetime cannot be negative: " + lifetime);
        }
        return lifetime;
    }

    /**
     * Issues a token that works for exactly the current lifetime; its {@code expires_in} is that lifetime in whole
     * seconds (rounded down, at least 1).
     */
    IssuedToken issue(String clientId, Account subject, Set<String> scopes) {
        Duration tokenLifetime = lifetime;
        IssuedToken token = new IssuedToken(RandomText.alphanumerics(TOKEN_LENGTH),
                Math.max(1, tokenLifetime.toSeconds()), clientId, subject, clock.instant().plus(tokenLifetime),
                Set.copyOf(scopes), null, false);
        issued.put(token.value(), token);
        return token;
    }

    /**
     * Issues a downscoped token for the same client and subject as its parent. It lives the current lifetime but
     * never longer than the parent has left; its {@code expires_in} is what it has left in whole seconds (rounded
     * down, at least 1).
     *
     * @param scopes   the scopes granted, in the order they were asked for
     * @param resource the item it is restricted to, or null
     */
    IssuedToken exchange(IssuedToken parent, Set<String> scopes, Scopes.Resource resource) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        if (parent.expiresAt().isBefore(expiresAt)) {
            expiresAt = parent.expiresAt();
        }
        IssuedToken token = new IssuedToken(RandomText.alphanumerics(TOKEN_LENGTH),
                Math.max(1, Duration.between(now, expiresAt).toSeconds()), parent.clientId(), parent.subject(),
                expiresAt, Collections.unmodifiableSet(new LinkedHashSet<>(scopes)), resource, true);
        issued.put(token.value(), token);
        return token;
    }

    /** @return the token if it was ever issued (even expired or revoked), else null */
    IssuedToken issued(String value) {
        return value == null ? null : issued.get(value);
    }

    /** @return the token if it was issued, is not revoked and has not expired; otherwise null */
    IssuedToken valid(String value) {
        IssuedToken token = value == null ? null : issued.get(value);
        if (token == null || revoked.contains(value) || !clock.instant().isBefore(token.expiresAt())) {
            return null;
        }
        return token;
    }

    void revoke(String value) {
        revoked.add(Objects.requireNonNull(value, "accessToken"));
    }

    /** Revokes the token only if it was issued to that client; RFC 7009 lets others' tokens pass unharmed. */
    void revokeIfIssuedTo(String value, String clientId) {
        IssuedToken token = issued.get(value);
        if (token != null && token.clientId().equals(clientId)) {
            revoked.add(value);
        }
    }

    void revokeAll() {
        revoked.addAll(issued.keySet());
    }

    Set<String> issuedTokens() {
        return Set.copyOf(issued.keySet());
    }
}
