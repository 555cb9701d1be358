package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the token endpoint's answer into a {@link BoxAccessToken}, or into a {@link TokenAttemptException} that says
 * what Box said and what to do. Shapes from Box's OpenAPI: {@code AccessToken}, {@code OAuth2Error},
 * {@code ClientError}.
 */
final class TokenResponseParser {

    /** Bodies that are not Box's JSON are quoted in messages up to this length. */
    private static final int MAX_QUOTED_BODY = 200;

    private final String clientSecret;

    /** @param clientSecret removed from anything quoted from an answer, in case a proxy echoes the request */
    TokenResponseParser(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    BoxAccessToken parse(int status, String body, String retryAfter, BoxSubject subject, Instant sentAt)
            throws TokenAttemptException {
        if (status == 200) {
            return parseToken(body, subject, sentAt);
        }
        throw errorAnswer(status, body, retryAfter, subject);
    }

    private BoxAccessToken parseToken(String body, BoxSubject subject, Instant sentAt) throws TokenAttemptException {
        JsonObject json = readObject(body);
        if (json == null) {
            throw malformed(subject, "its body is not a JSON object: " + quote(body));
        }
        JsonValue accessToken = json.get("access_token");
        if (!(accessToken instanceof JsonString tokenString) || tokenString.getString().isBlank()) {
            throw malformed(subject, "it has no \"access_token\"");
        }
        JsonValue expiresIn = json.get("expires_in");
        if (!(expiresIn instanceof JsonNumber seconds) || !seconds.isIntegral() || seconds.longValue() <= 0) {
            throw malformed(subject, "its \"expires_in\" is " + (expiresIn == null ? "missing" : expiresIn)
                    + ", not a positive number of seconds");
        }
        String tokenType = json.getString("token_type", "bearer");
        return new BoxAccessToken(tokenString.getString(), tokenType, sentAt,
                sentAt.plus(Duration.ofSeconds(seconds.longValue())), subject, restrictions(json.get("restricted_to")));
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

    private TokenAttemptException errorAnswer(int status, String body, String retryAfter, BoxSubject subject) {
        JsonObject json = readObject(body);
        String error = null;
        String description = null;
        if (json != null) {
            // OAuth2Error {error, error_description}; 429 and 5xx may come as ClientError {code, message}.
            error = text(json, "error", text(json, "code", null));
            description = text(json, "error_description", text(json, "message", null));
        }
        boolean transientFailure = status == 408 || status == 429 || status >= 500;
        String hint = BoxErrorHints.hint(error, status, subject);
        StringBuilder message = new StringBuilder("Box did not issue a token for ").append(subject)
                .append(": HTTP ").append(status);
        if (error != null) {
            message.append(' ').append(error);
        }
        if (description != null) {
            message.append(" \"").append(description).append('"');
        }
        if (json == null && body != null && !body.isBlank()) {
            message.append(", body: ").append(quote(body));
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

    private String text(JsonObject json, String name, String fallback) {
        JsonValue value = json.get(name);
        return value instanceof JsonString string ? redact(string.getString()) : fallback;
    }

    private String quote(String body) {
        String oneLine = redact(body == null ? "" : body).replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "(empty)";
        }
        return oneLine.length() <= MAX_QUOTED_BODY ? "'" + oneLine + "'" : "'" + oneLine.substring(0, MAX_QUOTED_BODY) + "…'";
    }

    private String redact(String text) {
        return text.replace(clientSecret, "<redacted>");
    }

    private static JsonObject readObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }
}
