package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the simulated token endpoint misbehaves for one token request; see
 * {@link BoxSimulator#failNextTokenRequests(int, TokenFault)}.
 *
 * <p>An immutable value: the {@code with…} methods return a modified copy.
 */
public final class TokenFault {

    private enum Kind { NORMAL, STATUS, BODY, CONNECTION }

    private static final String JSON = "application/json";

    private final Kind kind;
    private final int status;
    private final String contentType;
    private final String body;
    private final Fault fault;
    private final String retryAfter;
    private final Duration delay;

    private TokenFault(Kind kind, int status, String contentType, String body, Fault fault, String retryAfter,
                       Duration delay) {
        this.kind = kind;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.fault = fault;
        this.retryAfter = retryAfter;
        this.delay = delay;
    }

    private static TokenFault of(Kind kind, int status, String contentType, String body, Fault fault) {
        return new TokenFault(kind, status, contentType, body, fault, null, Duration.ZERO);
    }

    /**
     * An error status with the body Box (or what stands in front of it) would send: for 429 a {@code ClientError}
     * with code {@code rate_limit_exceeded}; for 502 and 504 a gateway's HTML page; for 503 a {@code ClientError}
     * with code {@code unavailable}; for other 5xx one with code {@code internal_server_error}; for other 4xx an
     * {@code OAuth2Error} {@code invalid_request}. No {@code Retry-After} unless {@link #withRetryAfter(String)}.
     *
     * @param httpStatus 400 to 599
     * @return the fault
     */
    public static TokenFault status(int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("An error status is 400 to 599, not " + httpStatus);
        }
        return of(Kind.STATUS, httpStatus, null, null, null);
    }

    /**
     * Exactly this answer.
     *
     * @param httpStatus  100 to 599
     * @param contentType the {@code Content-Type}
     * @param body        the body, sent as is
     * @return the fault
     */
    public static TokenFault body(int httpStatus, String contentType, String body) {
        if (httpStatus < 100 || httpStatus > 599) {
            throw new IllegalArgumentException("An HTTP status is 100 to 599, not " + httpStatus);
        }
        return of(Kind.BODY, httpStatus, Objects.requireNonNull(contentType, "contentType"),
                Objects.requireNonNull(body, "body"), null);
    }

    /** @return the fault: 200, {@code application/json}, a truncated body: <code>{"access_token": </code> */
    public static TokenFault malformedJson() {
        return body(200, JSON, "{\"access_token\": ");
    }

    /** @return the fault: 200, {@code application/json}, an empty body */
    public static TokenFault emptyBody() {
        return body(200, JSON, "");
    }

    /** @return the fault: the connection is reset, the client gets an {@link java.io.IOException} and no answer */
    public static TokenFault connectionReset() {
        return of(Kind.CONNECTION, 0, null, null, Fault.CONNECTION_RESET_BY_PEER);
    }

    /** @return the fault: the connection is closed without an answer */
    public static TokenFault emptyResponse() {
        return of(Kind.CONNECTION, 0, null, null, Fault.EMPTY_RESPONSE);
    }

    /**
     * @param delay how long to wait
     * @return the fault: a normal answer (a valid token, or Box's error for a bad request), after the delay
     */
    public static TokenFault delayed(Duration delay) {
        return of(Kind.NORMAL, 0, null, null, null).withDelay(delay);
    }

    /**
     * @param headerValue seconds ({@code "5"}) or an HTTP-date; sent as is
     * @return a copy of this fault that also sends {@code Retry-After}
     */
    public TokenFault withRetryAfter(String headerValue) {
        Objects.requireNonNull(headerValue, "headerValue");
        return new TokenFault(kind, status, contentType, body, fault, headerValue, delay);
    }

    /**
     * @param delay how long to wait before answering, on top of {@link BoxSimulator#tokenEndpointDelay(Duration)}
     * @return a copy of this fault with that delay
     */
    public TokenFault withDelay(Duration delay) {
        return new TokenFault(kind, status, contentType, body, fault, retryAfter, checkDelay(delay));
    }

    /** @throws IllegalArgumentException if the delay is negative or longer than WireMock can wait */
    static Duration checkDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A delay is 0 to " + Integer.MAX_VALUE + " ms, not " + delay);
        }
        return delay;
    }

    Duration delay() {
        return delay;
    }

    /** @param normalAnswer how the endpoint answers when not misbehaving */
    ResponseDefinitionBuilder answer(Supplier<ResponseDefinitionBuilder> normalAnswer) {
        ResponseDefinitionBuilder answer = switch (kind) {
            case NORMAL -> normalAnswer.get();
            case STATUS -> statusAnswer(status);
            case BODY -> Responses.withBody(status, contentType, body);
            case CONNECTION -> Responses.fault(fault);
        };
        return retryAfter == null ? answer : answer.withHeader("Retry-After", retryAfter);
    }

    private static ResponseDefinitionBuilder statusAnswer(int status) {
        return switch (status) {
            case 429 -> Responses.json(status, BoxBodies.clientError(status, "rate_limit_exceeded",
                    "Request rate limit exceeded, please try again later"));
            case 502 -> Responses.html(status, BoxBodies.gatewayPage(status, "Bad Gateway"));
            case 504 -> Responses.html(status, BoxBodies.gatewayPage(status, "Gateway Time-out"));
            case 503 -> Responses.json(status, BoxBodies.clientError(status, "unavailable", "Service Unavailable"));
            default -> status >= 500
                    ? Responses.json(status, BoxBodies.clientError(status, "internal_server_error",
                            "Internal Server Error"))
                    : Responses.oauth2Error(status, "invalid_request",
                            "The request was rejected (simulated HTTP " + status + ")");
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenFault that
                && kind == that.kind
                && status == that.status
                && Objects.equals(contentType, that.contentType)
                && Objects.equals(body, that.body)
                && fault == that.fault
                && Objects.equals(retryAfter, that.retryAfter)
                && delay.equals(that.delay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, contentType, body, fault, retryAfter, delay);
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case NORMAL -> "normal answer";
            case STATUS -> "status " + status;
            case BODY -> "status " + status + ", " + contentType + ", " + body.length() + " chars";
            case CONNECTION -> fault.name();
        };
        return "TokenFault[" + what + (retryAfter == null ? "" : ", Retry-After " + retryAfter)
                + (delay.isZero() ? "" : ", delay " + delay) + "]";
    }
}
