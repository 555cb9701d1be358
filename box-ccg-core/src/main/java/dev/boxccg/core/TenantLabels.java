package dev.boxccg.core;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * box-ccg's pseudonym for a tenant, shown in metrics, traces and health data instead of the tenant key (which may be
 * a customer's name): {@code t-} and the first 12 hex digits of an HMAC-SHA256 of the configuration's name and the
 * tenant key, under a key derived (HKDF, RFC 5869) from the tenant's client secret. The same on every node and after
 * a restart while the secret is the same; without the secret nobody can tell which tenant key it stands for, nor
 * confirm a guess.
 */
final class TenantLabels {

    private static final byte[] SALT = "box-ccg tenant label v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INFO = "tenant label\1".getBytes(StandardCharsets.UTF_8);

    private TenantLabels() {
    }

    /**
     * @param clientSecret      the tenant's client secret: the key
     * @param configurationName the configuration serving the tenant, {@code ""} for the default one
     * @param tenant            the tenant key
     */
    static String pseudonym(String clientSecret, String configurationName, String tenant) {
        byte[] pseudoRandomKey = SealedTokens.hmac(SALT, clientSecret.getBytes(StandardCharsets.UTF_8));
        byte[] labelKey = SealedTokens.hmac(pseudoRandomKey, INFO); // HKDF-Expand, one block
        byte[] mac = SealedTokens.hmac(labelKey,
                (configurationName + "\0" + tenant).getBytes(StandardCharsets.UTF_8));
        return "t-" + HexFormat.of().formatHex(mac, 0, 6);
    }
}
