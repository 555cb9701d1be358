package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns one app's tokens into what a shared grid holds, and back, so that the grid's content is useless to anyone
 * without the app's client secret:
 * <ul>
 *   <li>an entry's name is an HMAC of the key's identity (token URL, client ID, request) under a key derived from
 *       the secret: no client ID or user ID in clear, and nobody without the secret can even confirm a guess;</li>
 *   <li>its value is AES-256-GCM of a small versioned byte format (token, type, issued-at and expires-at wall times,
 *       subject, restrictions), under a key derived from the secret and the entry's name, with the name as
 *       associated data: a value moved to another name, altered, or written under another secret does not open.</li>
 * </ul>
 * Keys are derived with HKDF (RFC 5869) on HMAC-SHA256; JDK only. Thread safe.
 */
final class SealedTokens {

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] SALT = "box-ccg shared token store v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] pseudoRandomKey;
    private final byte[] namingKey;

    SealedTokens(String clientSecret) {
        this.pseudoRandomKey = hmac(SALT, clientSecret.getBytes(StandardCharsets.UTF_8));
        this.namingKey = expand("entry names");
    }

    /** @return the grid name of {@code key}'s token; the lease's name is derived from it */
    String name(TokenKey key) {
        String identity = key.app().tokenUrl() + "\0" + key.app().clientId() + "\0" + canonical(key.request());
        return "box-ccg:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(namingKey, identity.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return {@code token}, encrypted for the entry {@code name}, as text */
    String seal(String name, BoxAccessToken token) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, name, nonce);
            byte[] sealed = cipher.doFinal(plain(token));
            byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
            out[0] = FORMAT;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every Java platform", e);
        }
    }

    /**
     * @return the token sealed in {@code value} for the entry {@code name}
     * @throws GeneralSecurityException if it does not open: another secret, another entry's value, or altered
     */
    BoxAccessToken open(String name, String value) throws GeneralSecurityException {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not a sealed token");
        }
        if (in.length < 1 + NONCE_BYTES + TAG_BITS / 8 || in[0] != FORMAT) {
            throw new GeneralSecurityException("not a sealed token of format " + FORMAT);
        }
        byte[] nonce = java.util.Arrays.copyOfRange(in, 1, 1 + NONCE_BYTES);
        byte[] plain = cipher(Cipher.DECRYPT_MODE, name, nonce).doFinal(in, 1 + NONCE_BYTES,
                in.length - 1 - NONCE_BYTES);
        try {
            return token(plain);
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException("a sealed token that does not parse");
        }
    }

    private Cipher cipher(int mode, String name, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(expand("token value\0" + name), "AES"),
                new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** HKDF-Expand for one block: 32 bytes, enough for HMAC-SHA256 and AES-256 keys. */
    private byte[] expand(String info) {
        byte[] infoBytes = info.getBytes(StandardCharsets.UTF_8);
        byte[] input = java.util.Arrays.copyOf(infoBytes, infoBytes.length + 1);
        input[infoBytes.length] = 1;
        return hmac(pseudoRandomKey, input);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * A request as text that names everything that changes which token Box issues, stable across JVMs and versions
     * (unlike {@code toString()}, which leaves out what must not be logged).
     */
    static String canonical(TokenRequest request) {
        if (request instanceof TokenRequest.ClientCredentials credentials) {
            return "client_credentials\0" + credentials.subject().type().wireValue() + "\0"
                    + credentials.subject().id();
        }
        TokenRequest.TokenExchange exchange = (TokenRequest.TokenExchange) request;
        return "token_exchange\0" + canonical(exchange.parent()) + "\0" + exchange.downscope().scope() + "\0"
                + exchange.downscope().resource().orElse("") + "\0" + exchange.downscope().sharedLink().orElse("");
    }

    private static byte[] plain(BoxAccessToken token) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(token.value());
            out.writeUTF(token.type());
            writeInstant(out, token.issuedAt());
            writeInstant(out, token.expiresAt());
            out.writeUTF(token.subject().type().name());
            out.writeUTF(token.subject().id());
            out.writeInt(token.restrictedTo().size());
            for (BoxAccessToken.Restriction restriction : token.restrictedTo()) {
                out.writeUTF(restriction.scope());
                writeOptional(out, restriction.objectType());
                writeOptional(out, restriction.objectId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static BoxAccessToken token(byte[] plain) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
        String value = in.readUTF();
        String type = in.readUTF();
        Instant issuedAt = readInstant(in);
        Instant expiresAt = readInstant(in);
        BoxSubject.Type subjectType = BoxSubject.Type.valueOf(in.readUTF());
        String subjectId = in.readUTF();
        BoxSubject subject = subjectType == BoxSubject.Type.ENTERPRISE ? BoxSubject.enterprise(subjectId)
                : BoxSubject.user(subjectId);
        int count = in.readInt();
        if (count < 0 || count > 10_000) {
            throw new IOException("restriction count");
        }
        List<BoxAccessToken.Restriction> restrictedTo = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            restrictedTo.add(new BoxAccessToken.Restriction(in.readUTF(), readOptional(in), readOptional(in)));
        }
        return new BoxAccessToken(value, type, issuedAt, expiresAt, subject, restrictedTo);
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeOptional(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
