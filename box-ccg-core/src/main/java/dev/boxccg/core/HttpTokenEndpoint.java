package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxSubject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;

/**
 * Box's token request over HTTP, exactly as Box's OpenAPI describes it: a form POST of {@code grant_type},
 * {@code client_id}, {@code client_secret}, {@code box_subject_type}, {@code box_subject_id}; for a token exchange
 * the fields {@link TokenRequest.TokenExchange} lists. Also Box's revocation, a form POST to the revoke URL.
 *
 * <p>Asynchronous on the JDK's {@link HttpClient}, and bounded by our own timer: the client's request timeout stops
 * applying once the headers are in, so a peer that stalls mid-body, drips bytes or sends less than its
 * Content-Length would otherwise hold the attempt for as long as the connection lives. At the timeout the body
 * subscription and the exchange are cancelled, which closes the connection.
 */
final class HttpTokenEndpoint implements TokenEndpoint {

    /** Box's answers are a few hundred bytes; anything near this is not Box, and is not held in memory. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final BoxCcgSettings settings;
    private final HttpClient http;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Ticker ticker;
    private final TokenResponseParser parser;

    HttpTokenEndpoint(BoxCcgSettings settings, HttpClient http, Scheduler scheduler, Clock clock, Ticker ticker) {
        this.settings = settings;
        this.http = http;
        this.scheduler = scheduler;
        this.clock = clock;
        this.ticker = ticker;
        this.parser = new TokenResponseParser(settings.clientSecret());
    }

    @Override
    public CompletableFuture<Issued> requestToken(TokenKey key, Duration timeout) {
        return requestToken(key, null, timeout);
    }

    @Override
    public CompletableFuture<Issued> requestToken(TokenKey key, String subjectToken, Duration timeout) {
        BoxSubject subject = key.request().subject();
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(key.request().form(settings.clientId(),
                        settings.clientSecret(), subjectToken))))
                .build();
        CompletableFuture<Issued> attempt = new CompletableFuture<>();
        BoundedBody body = new BoundedBody();
        Instant sentAt = clock.instant();
        long sentAtNanos = ticker.nanos();
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = http.sendAsync(request, info -> body);
        } catch (RuntimeException e) { // e.g. the client was shut down, or a malformed request
            attempt.completeExceptionally(unreachable(subject, new IOException(e.getMessage(), e), timeout));
            return attempt;
        }
        Scheduler.Cancellable timer = scheduler.schedule(timeout, () -> {
            if (attempt.completeExceptionally(unreachable(subject, new HttpTimeoutException("timed out"), timeout))) {
                body.abort();
                exchange.cancel(true);
            }
        });
        exchange.whenComplete((response, error) -> {
            timer.cancel();
            try {
                if (error != null) {
                    attempt.completeExceptionally(unreachable(subject, ioCause(error), timeout));
                } else if (response.body() == null) {
                    attempt.completeExceptionally(tooLarge(subject, response.statusCode()));
                } else {
                    attempt.complete(new Issued(parser.parse(response.statusCode(),
                            new String(response.body(), StandardCharsets.UTF_8),
                            response.headers().firstValue("Retry-After").orElse(null), key.request(), sentAt),
                            sentAtNanos));
                }
            } catch (TokenAttemptException failed) {
                attempt.completeExceptionally(failed);
            } catch (RuntimeException bug) {
                attempt.completeExceptionally(bug);
            }
        });
        // Whoever gives up on the attempt (deadline, cancellation) closes the connection with it.
        attempt.whenComplete((issued, error) -> {
            if (error instanceof CancellationException) {
                body.abort();
                exchange.cancel(true);
            }
        });
        return attempt;
    }

    private static IOException ioCause(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof IOException io ? io : new IOException(cause.getClass().getSimpleName(), cause);
    }

    private TokenAttemptException tooLarge(BoxSubject subject, int status) {
        String hint = "Box's token answers are a few hundred bytes: check that the token URL points to Box's token"
                + " endpoint (" + BoxCcgSettings.DEFAULT_TOKEN_URL + ").";
        String message = "The token endpoint answered HTTP " + status + " for " + subject + " with a body larger than "
                + MAX_BODY_BYTES / 1024 + " KiB; it was not read. " + hint;
        return new TokenAttemptException(new BoxAuthenticationException(message, status, null, null, hint, false, null),
                null);
    }

    /**
     * {@code POST <revoke URL>} with {@code client_id}, {@code client_secret} and {@code token}; Box answers 200 with
     * an empty body. One attempt, bounded by {@code timeout} on our own timer like a token request.
     */
    @Override
    public CompletableFuture<Void> revoke(TokenKey key, BoxAccessToken token, Duration timeout) {
        BoxSubject subject = key.request().subject();
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        Optional<URI> revokeUrl = settings.revokeUrl();
        if (revokeUrl.isEmpty()) {
            String hint = "Set the revoke URL (Box's is " + BoxCcgSettings.DEFAULT_REVOKE_URL + "): it cannot be"
                    + " derived from the token URL " + settings.tokenUrl() + ", whose path does not end with /token.";
            attempt.completeExceptionally(new BoxAuthenticationException("Cannot revoke the token (fingerprint "
                    + token.fingerprint() + ") for " + subject + ": no revoke URL. " + hint,
                    BoxAuthenticationException.NO_RESPONSE, null, null, hint, false, null));
            return attempt;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("token", token.value());
        HttpRequest request = HttpRequest.newBuilder(revokeUrl.get())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        BoundedBody body = new BoundedBody();
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = http.sendAsync(request, info -> body);
        } catch (RuntimeException e) {
            attempt.completeExceptionally(revokeUnreachable(subject, token, revokeUrl.get(),
                    new IOException(e.getMessage(), e), timeout));
            return attempt;
        }
        Scheduler.Cancellable timer;
        try {
            timer = scheduler.schedule(timeout, () -> {
                if (attempt.completeExceptionally(revokeUnreachable(subject, token, revokeUrl.get(),
                        new HttpTimeoutException("timed out"), timeout))) {
                    body.abort();
                    exchange.cancel(true);
                }
            });
        } catch (RuntimeException e) { // the timer was shut down: no bound, so no request
            body.abort();
            exchange.cancel(true);
            attempt.completeExceptionally(revokeUnreachable(subject, token, revokeUrl.get(),
                    new IOException("box-ccg's scheduler refused the timeout (is the application stopping?)"),
                    timeout));
            return attempt;
        }
        exchange.whenComplete((response, error) -> {
            timer.cancel();
            if (error != null) {
                attempt.completeExceptionally(revokeUnreachable(subject, token, revokeUrl.get(), ioCause(error),
                        timeout));
            } else if (response.statusCode() == 200) {
                attempt.complete(null);
            } else {
                String text = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
                attempt.completeExceptionally(parser.revokeRefused(response.statusCode(), text, subject,
                        token.fingerprint()));
            }
        });
        attempt.whenComplete((done, error) -> {
            if (error instanceof CancellationException) {
                body.abort();
                exchange.cancel(true);
            }
        });
        return attempt;
    }

    private BoxAuthenticationException revokeUnreachable(BoxSubject subject, BoxAccessToken token, URI url,
                                                         IOException e, Duration timeout) {
        String what = e instanceof HttpTimeoutException
                ? "no complete answer within " + timeout.toMillis() + " ms"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        String hint = "Check that this machine can reach " + url.getHost() + " (proxy, firewall, DNS) and that the"
                + " revoke URL is right.";
        return new BoxAuthenticationException("Could not revoke the token (fingerprint " + token.fingerprint()
                + ") for " + subject + " at " + url + " (" + what + "); the token was dropped anyway. " + hint,
                BoxAuthenticationException.NO_RESPONSE, null, null, hint, true, e);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private TokenAttemptException unreachable(BoxSubject subject, IOException e, Duration timeout) {
        String what = e instanceof HttpTimeoutException
                ? "no complete answer within " + timeout.toMillis() + " ms"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        String hint = "Check that this machine can reach " + settings.tokenUrl().getHost()
                + " (proxy, firewall, DNS) and that the token URL is right.";
        String message = "Could not get a token for " + subject + " from " + settings.tokenUrl() + " (" + what + "). "
                + hint;
        return new TokenAttemptException(new BoxAuthenticationException(message, BoxAuthenticationException.NO_RESPONSE,
                null, null, hint, true, e), null);
    }

    /**
     * Collects a body of at most {@link #MAX_BODY_BYTES}; past that it stops reading and yields null. {@link #abort()}
     * cancels the subscription, which makes the client close the connection.
     */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private volatile boolean aborted;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (aborted) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > MAX_BODY_BYTES) {
                    subscription.cancel();
                    result.complete(null);
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        void abort() {
            aborted = true;
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            result.completeExceptionally(new IOException("abandoned"));
        }
    }
}
