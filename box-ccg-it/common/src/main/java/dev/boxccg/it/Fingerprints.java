package dev.boxccg.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Token fingerprints computed on the test's side, as {@code BoxAccessToken.fingerprint()} does in the server: the
 * first 12 hex digits of the token's SHA-256. The application reports fingerprints, never tokens.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String of(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return each token by its fingerprint */
    public static Map<String, String> byFingerprint(Set<String> tokens) {
        return tokens.stream().collect(Collectors.toMap(Fingerprints::of, Function.identity(), (a, b) -> a));
    }
}
