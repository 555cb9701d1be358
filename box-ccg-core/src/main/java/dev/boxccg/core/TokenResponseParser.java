package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the token endpoint's answer into a {@link BoxAccessToken}, or into a {@link TokenAttemptException} that says
 * what Box said and what to do. Shapes from Box's OpenAPI: {@code AccessToken}, {@code OAuth2Error},
 * {@code ClientError}.
 *
 * <p>Strict: what is not exactly a token Box could have sent is a malformed answer, never a token. Messages never quote
 * an answer's body (it may hold a token, or anything a proxy put there); they say what it looks like instead.
 */
final class TokenResponseParser {

    /**
     * RFC 6750's b64token, the syntax of a bearer token: anything else (CR, LF, NUL, spaces...) would go into an
     * {@code Authorization} header as it is, to split it or to fail somewhere far from here.
     */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    /** Box's tokens are 32 characters; a downscoped one is longer, but nowhere near this. */
    static final int MAX_TOKEN_LENGTH = 4096;

    /**
     * The longest {@code expires_in} believed, in seconds: Box grants about an hour (3600 to 4200 s seen). More is not
     * a token Box issued, and a huge one overflowed the expiry instant.
     */
    static final long MAX_EXPIRES_IN_SECONDS = 86_400;

    /** Box's {@code error} and {@code error_description} are cut to this many characters, "…" included. */
    static final int MAX_BOX_TEXT = 300;

    /** Values named in a message ({@code expires_in}, {@code token_type}) are cut to this many characters. */
    private static final int MAX_QUOTED_VALUE = 20;

    private final String clientSecret;

    /** @param clientSecret removed from anything quoted from an answer, in case a proxy echoes the request */
    TokenResponseParser(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    BoxAccessToken parse(int status, String body, String retryAfter, BoxSubject subject, Instant sentAt)
            throws TokenAttemptException {
        return parse(status, body, retryAfter, TokenRequest.clientCredentials(subject), sentAt);
    }

    /** @param request what was asked: its subject is the token's, and a refusal's hint depends on its kind */
    BoxAccessToken parse(int status, String body, String retryAfter, TokenRequest request, Instant sentAt)
            throws TokenAttemptException {
        if (status == 200) {
            return parseToken(body, request.subject(), sentAt);
        }
        throw errorAnswer(status, body, retryAfter, request);
    }

    /**
     * Box's refusal of a revocation ({@code OAuth2Error}), or an answer that is not Box's.
     *
     * @param fingerprint the revoked token's fingerprint, never its value
     */
    BoxAuthenticationException revokeRefused(int status, String body, BoxSubject subject, String fingerprint) {
        Read read = read(body);
        JsonObject json = read.value() instanceof JsonObject object ? object : null;
        String error = json == null ? null : text(json, "error", text(json, "code", null));
        String description = json == null ? null : text(json, "error_description", text(json, "message", null));
        String hint = error != null && error.equals("invalid_client")
                ? BoxErrorHints.hint(error, status, subject)
                : status == 404 ? "Check the revoke URL (Box's is " + BoxCcgSettings.DEFAULT_REVOKE_URL + ")."
                : BoxErrorHints.hint(error, status, subject).replace("token URL", "revoke URL");
        StringBuilder message = new StringBuilder("Box did not confirm the revocation of the token (fingerprint ")
                .append(fingerprint).append(") for ").append(subject).append(": HTTP ").append(status);
        if (error != null) {
            message.append(' ').append(error);
        }
        if (description != null) {
            message.append(" \"").append(description).append('"');
        }
        if (json == null && body != null && !body.isBlank()) {
            message.append(", ").append(describeBody(body, read));
        }
        message.append(". The token was dropped anyway. ").append(hint);
        return new BoxAuthenticationException(message.toString(), status, error, description, hint,
                status == 408 || status == 429 || status >= 500, null);
    }

    private BoxAccessToken parseToken(String body, BoxSubject subject, Instant sentAt) throws TokenAttemptException {
        Read read = read(body);
        if (!(read.value() instanceof JsonObject json)) {
            throw malformed(subject, describeBody(body, read));
        }
        JsonValue accessToken = json.get("access_token");
        if (!(accessToken instanceof JsonString tokenString) || tokenString.getString().isBlank()) {
            throw malformed(subject, "it has no \"access_token\"");
        }
        String token = tokenString.getString();
        if (token.length() > MAX_TOKEN_LENGTH || !B64TOKEN.matcher(token).matches()) {
            // Its length only: the value may be a real token, and messages end up in logs.
            throw malformed(subject, "its \"access_token\" (" + token.length() + " characters) is not a bearer token:"
                    + " RFC 6750 allows letters, digits and -._~+/ then '=' padding, at most " + MAX_TOKEN_LENGTH
                    + " characters");
        }
        JsonValue expiresIn = json.get("expires_in");
        long seconds = seconds(expiresIn);
        if (seconds <= 0) {
            throw malformed(subject, "its \"expires_in\" is " + (expiresIn == null ? "missing" : quoteValue(expiresIn))
                    + ", not a positive number of seconds up to " + MAX_EXPIRES_IN_SECONDS);
        }
        JsonValue tokenType = json.get("token_type");
        if (tokenType != null
                && !(tokenType instanceof JsonString type && type.getString().equalsIgnoreCase("bearer"))) {
            throw malformed(subject, "its \"token_type\" is " + quoteValue(tokenType) + ", not \"bearer\"");
        }
        return new BoxAccessToken(token, tokenType == null ? "bearer" : ((JsonString) tokenType).getString(), sentAt,
                sentAt.plus(Duration.ofSeconds(seconds)), subject, restrictions(json.get("restricted_to")));
    }

    /** @return the whole number of seconds in 1..{@link #MAX_EXPIRES_IN_SECONDS}, or 0 if it is anything else */
    static long seconds(JsonValue expiresIn) {
        if (!(expiresIn instanceof JsonNumber number)) {
            return 0;
        }
        // Exact, unlike longValue(), which truncated 3600.5 and wrapped 1E+400 silently.
        BigDecimal value = number.bigDecimalValue();
        if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(MAX_EXPIRES_IN_SECONDS)) > 0) {
            return 0;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException fractional) {
            return 0;
        }
    }

    private static List<BoxAccessToken.Restriction> restrictions(JsonValue value) {
        List<BoxAccessToken.Restriction> result = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue entry : array) {
                if (entry instanceof JsonObject scope) {
                    JsonObject item = scope.get("object") instanceof JsonObject object ? object : null;
                    result.add(new BoxAccessToken.Restriction(scope.getString("scope", null),
                            item == null ? null : item.getString("type", null),
                            item == null ? null : item.getString("id", null)));
                }
            }
        }
        return result;
    }

    private TokenAttemptException errorAnswer(int status, String body, String retryAfter, TokenRequest request) {
        BoxSubject subject = request.subject();
        Read read = read(body);
        JsonObject json = read.value() instanceof JsonObject object ? object : null;
        String error = null;
        String description = null;
        if (json != null) {
            // OAuth2Error {error, error_description}; 429 and 5xx may come as ClientError {code, message}.
            error = text(json, "error", text(json, "code", null));
            description = text(json, "error_description", text(json, "message", null));
        }
        boolean transientFailure = status == 408 || status == 429 || status >= 500;
        String hint = request instanceof TokenRequest.TokenExchange exchange
                ? BoxErrorHints.exchangeHint(error, status, exchange) : BoxErrorHints.hint(error, status, subject);
        StringBuilder message = new StringBuilder(request instanceof TokenRequest.TokenExchange
                ? "Box did not issue a downscoped token for " + request : "Box did not issue a token for " + subject)
                .append(": HTTP ").append(status);
        if (error != null) {
            message.append(' ').append(error);
        }
        if (description != null) {
            message.append(" \"").append(description).append('"');
        }
        if (json == null && body != null && !body.isBlank()) {
            message.append(", ").append(describeBody(body, read));
        }
        message.append(". ").append(hint);
        return new TokenAttemptException(new BoxAuthenticationException(message.toString(), status, error, description,
                hint, transientFailure, null), retryAfter);
    }

    private TokenAttemptException malformed(BoxSubject subject, String what) {
        String hint = "Check that the token URL points to Box's token endpoint (" + BoxCcgSettings.DEFAULT_TOKEN_URL
                + ") and that no proxy rewrites its answers.";
        String message = "The token endpoint answered HTTP 200 for " + subject + " but " + what + ". " + hint;
        return new TokenAttemptException(new BoxAuthenticationException(message, 200, null, null, hint, false, null),
                null);
    }

    /** Box's text, made safe to print: redacted, one line (a CR/LF could forge log lines), at most 300 characters. */
    private String text(JsonObject json, String name, String fallback) {
        JsonValue value = json.get(name);
        return value instanceof JsonString string ? cut(redact(oneLine(redact(string.getString()))), MAX_BOX_TEXT)
                : fallback;
    }

    private String redact(String text) {
        return text.replace(clientSecret, "<redacted>");
    }

    /** Runs of ISO control characters and of the line/paragraph separators U+2028/U+2029 become one space. */
    static String oneLine(String text) {
        StringBuilder result = new StringBuilder(text.length());
        boolean inRun = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (!control) {
                result.append(c);
            } else if (!inRun) {
                result.append(' ');
            }
            inRun = control;
        }
        return result.toString().strip();
    }

    /** At most {@code max} characters, "…" included when cut; never half a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** A value named in a message: short, one line, never the secret. */
    private String quoteValue(JsonValue value) {
        return cut(redact(oneLine(value.toString())), MAX_QUOTED_VALUE + 1);
    }

    /**
     * What a body that is not one JSON object looks like, without quoting any of it: it may carry a token (a 200 with
     * extra text), the secret (a proxy echoing the request) or just a page of HTML.
     */
    static String describeBody(String body, Read read) {
        if (body == null || body.isEmpty()) {
            return "its body is not a JSON object (empty)";
        }
        String kind;
        String start = body.strip();
        if (start.isEmpty()) {
            kind = "only white space";
        } else if (read.value() != null) {
            kind = switch (read.value().getValueType()) {
                case ARRAY -> "a JSON array";
                case STRING -> "a JSON string";
                case NUMBER -> "a JSON number";
                case TRUE, FALSE -> "a JSON boolean";
                case NULL -> "JSON null";
                case OBJECT -> "a JSON object"; // not reached: an object is read, not described
            };
        } else if (read.trailing()) {
            kind = "more than one JSON value";
        } else if (start.startsWith("<")) {
            kind = "looks like HTML";
        } else if (start.startsWith("{") || start.startsWith("[") || start.startsWith("\"")) {
            kind = "not valid JSON";
        } else {
            kind = "not JSON";
        }
        return "its body is not a JSON object (" + utf8Length(body) + " bytes, " + kind + ")";
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * What reading a body gave.
     *
     * @param value    the one JSON value the body holds; null if it holds none, more than one, or is not JSON
     * @param trailing true if a JSON value was followed by more text
     */
    record Read(JsonValue value, boolean trailing) {
        static final Read NOTHING = new Read(null, false);
    }

    /** Reads exactly one JSON value. Never throws: whatever the JSON parser throws means "not JSON we can use". */
    static Read read(String body) {
        if (body == null || body.isBlank()) {
            return Read.NOTHING;
        }
        JsonValue value;
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            if (!parser.hasNext()) {
                return Read.NOTHING;
            }
            parser.next();
            value = parser.getValue();
            try {
                if (parser.hasNext()) {
                    return new Read(null, true);
                }
            } catch (RuntimeException textAfterTheValue) {
                return new Read(null, true);
            }
        } catch (RuntimeException notJson) {
            // JsonException, but Parsson also throws NumberFormatException (1e9999999999),
            // UnsupportedOperationException (a 2000-digit number) and RuntimeException (nested too deeply).
            return Read.NOTHING;
        }
        return new Read(value, false);
    }
}
