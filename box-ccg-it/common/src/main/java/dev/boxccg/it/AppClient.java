package dev.boxccg.it;

import dev.boxccg.it.app.ItApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the test application's resource ({@code dev.boxccg.it.app.BoxCcgResource}) in the server over HTTP, with
 * the JDK's client, and reads its JSON answers. Anything but 200 fails the test with the status and the answer.
 */
public final class AppClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final URI resource;

    /** @param deployment the deployment's URL as Arquillian gives it, e.g. {@code http://127.0.0.1:8180/box-ccg-it/} */
    public AppClient(URL deployment) {
        this(deployment, ItApplication.PATH + "/box/");
    }

    /**
     * @param deployment a deployment's URL
     * @param resource   the resource's path in it, ending in {@code /}, e.g. {@code api/discovery/}
     */
    public AppClient(URL deployment, String resource) {
        try {
            URI base = deployment.toURI();
            String path = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
            this.resource = base.resolve(path + resource);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(deployment.toString(), e);
        }
    }

    /** @param path relative to the resource ({@code /api/box/} by default), e.g. {@code me} */
    public JsonObject get(String path) {
        return send(HttpRequest.newBuilder(resource.resolve(path)).GET());
    }

    public JsonObject post(String path) {
        return send(HttpRequest.newBuilder(resource.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonObject send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(90)).header("Accept", "application/json").build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + built.method() + " " + built.uri(), e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError(built.method() + " " + built.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " answered no JSON object: "
                    + response.body(), e);
        }
    }

    public URI resource() {
        return resource;
    }
}
