package dev.boxccg.core;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One Box app as the token endpoint sees it: the token URL, the client ID and a digest of the client secret. Two
 * configurations with the same identity are the same app and share tokens; with another secret they are not (one of
 * them is wrong, and must not use the other's tokens).
 *
 * @param tokenUrl     the token endpoint
 * @param clientId     the app's client ID
 * @param secretDigest the first 16 hex digits of the SHA-256 of the secret: tells secrets apart, reveals nothing
 */
public record AppIdentity(URI tokenUrl, String clientId, String secretDigest) {

    public AppIdentity {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secretDigest, "secretDigest");
    }

    static AppIdentity of(URI tokenUrl, String clientId, String clientSecret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("box-ccg app identity\0" + clientSecret).getBytes(StandardCharsets.UTF_8));
            return new AppIdentity(tokenUrl, clientId, HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
