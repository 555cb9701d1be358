package dev.boxccg.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the simulator whether Box would accept a token: {@code GET /2.0/users/me} with it, 200 or 401. */
final class ApiCheck {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI usersMe;

    ApiCheck(URI baseUrl) {
        this.usersMe = baseUrl.resolve("/2.0/users/me");
    }

    /** @return true if the API accepts the token, false if it answers 401 */
    boolean accepts(String token) {
        HttpRequest request = HttpRequest.newBuilder(usersMe)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (status != 200 && status != 401) {
            throw new IllegalStateException("The simulator answered " + status + " to GET /2.0/users/me");
        }
        return status == 200;
    }
}
