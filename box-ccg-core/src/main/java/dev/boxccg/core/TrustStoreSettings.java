package dev.boxccg.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The certificates trusted for the token endpoint's TLS, instead of the JVM's default trust store: for a token URL
 * behind a corporate TLS proxy or a private CA. The password is a secret: {@link #toString()} never shows it.
 *
 * @param path     the key store file
 * @param password its password, or null
 * @param type     its type, for example {@code PKCS12} or {@code JKS}
 */
public record TrustStoreSettings(Path path, String password, String type) {

    public TrustStoreSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return path + " (" + type + (password == null ? "" : ", password <redacted>") + ")";
    }
}
