package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Box's token request over HTTP, exactly as Box's OpenAPI describes it: a form POST of {@code grant_type},
 * {@code client_id}, {@code client_secret}, {@code box_subject_type}, {@code box_subject_id}.
 *
 * <p>Uses the JDK's {@link HttpClient}: it needs nothing from the server, and its connect and request timeouts are
 * exact.
 */
final class HttpTokenEndpoint implements TokenEndpoint {

    /** Box's answers are a few hundred bytes; anything near this is not Box, and is not held in memory. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final BoxCcgSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final TokenResponseParser parser;

    HttpTokenEndpoint(BoxCcgSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.parser = new TokenResponseParser(settings.clientSecret());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public BoxAccessToken requestToken(BoxSubject subject, Duration timeout)
            throws TokenAttemptException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(subject)))
                .build();
        // Expiry is counted from when the request was sent, so a slow answer can only make it err on the early side.
        Instant sentAt = clock.instant();
        HttpResponse<InputStream> response;
        String body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = readAtMost(response.body(), MAX_BODY_BYTES);
        } catch (IOException e) {
            throw unreachable(subject, e, timeout);
        }
        if (body == null) {
            throw tooLarge(subject, response.statusCode());
        }
        return parser.parse(response.statusCode(), body,
                response.headers().firstValue("Retry-After").orElse(null), subject, sentAt);
    }

    /** @return the body, or null if it is longer than {@code limit} bytes (the rest is not read) */
    private static String readAtMost(InputStream in, int limit) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(limit + 1);
            return bytes.length > limit ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private TokenAttemptException tooLarge(BoxSubject subject, int status) {
        String hint = "Box's token answers are a few hundred bytes: check that the token URL points to Box's token"
                + " endpoint (" + BoxCcgSettings.DEFAULT_TOKEN_URL + ").";
        String message = "The token endpoint answered HTTP " + status + " for " + subject + " with a body larger than "
                + MAX_BODY_BYTES / 1024 + " KiB; it was not read. " + hint;
        return new TokenAttemptException(new BoxAuthenticationException(message, status, null, null, hint, false, null),
                null);
    }

    private String form(BoxSubject subject) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("box_subject_type", subject.type().wireValue());
        form.put("box_subject_id", subject.id());
        return form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private TokenAttemptException unreachable(BoxSubject subject, IOException e, Duration timeout) {
        String what = e instanceof HttpTimeoutException
                ? "no answer within " + timeout.toMillis() + " ms"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        String hint = "Check that this machine can reach " + settings.tokenUrl().getHost()
                + " (proxy, firewall, DNS) and that the token URL is right.";
        String message = "Could not get a token for " + subject + " from " + settings.tokenUrl() + " (" + what + "). "
                + hint;
        return new TokenAttemptException(new BoxAuthenticationException(message, BoxAuthenticationException.NO_RESPONSE,
                null, null, hint, true, e), null);
    }
}
