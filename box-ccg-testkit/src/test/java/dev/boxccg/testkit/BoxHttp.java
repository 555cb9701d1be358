package dev.boxccg.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A plain HTTP/1.1 client for the simulator, as the code under test would be. */
final class BoxHttp {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final BoxSimulator box;

    BoxHttp(BoxSimulator box) {
        this.box = box;
    }

    /** The form of a valid client credentials grant request; tests change or remove entries. */
    static Map<String, String> grantForm(String clientId, String secret, String subjectType, String subjectId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("box_subject_type", subjectType);
        form.put("box_subject_id", subjectId);
        return form;
    }

    /** The form of a valid token exchange request (downscoping); tests change or remove entries. */
    static Map<String, String> exchangeForm(String subjectToken, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        form.put("scope", scope);
        return form;
    }

    static String encode(Map<String, String> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    HttpResponse<String> postToken(Map<String, String> form) throws IOException {
        return postForm(box.tokenUrl(), encode(form));
    }

    HttpResponse<String> postForm(URI uri, String encodedForm) throws IOException {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encodedForm)));
    }

    /** @return the access token of a grant that must succeed */
    String token(String clientId, String secret, String subjectType, String subjectId) throws IOException {
        HttpResponse<String> response = postToken(grantForm(clientId, secret, subjectType, subjectId));
        assertEquals(200, response.statusCode(), response::body);
        return json(response).getString("access_token");
    }

    /** @param authorization the whole header value, or null to send none */
    HttpResponse<String> get(String pathAndQuery, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(box.baseUrl().resolve(pathAndQuery)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** @return the access token of a token exchange that must succeed */
    String downscope(String subjectToken, String scope, String resource) throws IOException {
        Map<String, String> form = exchangeForm(subjectToken, scope);
        if (resource != null) {
            form.put("resource", resource);
        }
        HttpResponse<String> response = postToken(form);
        assertEquals(200, response.statusCode(), response::body);
        return json(response).getString("access_token");
    }

    HttpResponse<String> getAsUser(String pathAndQuery, String token, String asUser) throws IOException {
        return send(HttpRequest.newBuilder(box.baseUrl().resolve(pathAndQuery)).GET()
                .header("Authorization", "Bearer " + token)
                .header("As-User", asUser));
    }

    HttpResponse<String> getWithToken(String pathAndQuery, String token) throws IOException {
        return get(pathAndQuery, "Bearer " + token);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(interrupted);
        }
    }

    static JsonObject json(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse(null);
    }

    static void assertJson(int status, String expectedBody, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response::body);
        assertEquals("application/json", contentType(response));
        assertEquals(expectedBody, response.body());
    }
}
