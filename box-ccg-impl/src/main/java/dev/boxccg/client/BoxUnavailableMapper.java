package dev.boxccg.client;

import dev.boxccg.BoxAuthenticationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers an HTTP caller whose request failed because no Box token could be had with {@code 503 Service Unavailable},
 * {@code Retry-After} and a generic body, instead of a 500 that shows box-ccg's diagnostic. <b>Opt-in</b>: it is not
 * annotated {@code @Provider} and box-ccg registers it nowhere.
 *
 * <p>Register it, and its two companions for the exceptions a failed REST client call throws, in your application:
 * <pre>{@code
 * public Set<Class<?>> getClasses() {
 *     Set<Class<?>> classes = new HashSet<>(BoxUnavailableMapper.CLASSES);
 *     classes.add(MyResource.class);
 *     return classes;
 * }
 * }</pre>
 * or, when your application is found by scanning, with subclasses annotated {@code @Provider}:
 * <pre>{@code
 * @Provider public class BoxUnavailable extends BoxUnavailableMapper { }
 * @Provider public class BoxUnavailableProcessing extends BoxUnavailableMapper.OfProcessingException { }
 * @Provider public class BoxUnavailableWebApplication extends BoxUnavailableMapper.OfWebApplicationException { }
 * }</pre>
 *
 * <p>The answer: status 503; {@code Retry-After} the whole seconds (rounded up, at least 1) until box-ccg asks Box
 * again ({@link BoxAuthenticationException#retryAfter()}), else 1; {@code Cache-Control: no-store}; and the body
 * {@value #BODY} as {@code application/json}. Never the diagnostic, token URL, enterprise or user ID, hint, secret or
 * token. The diagnostic (the exception's message, which carries no secret) is logged at {@code WARNING} once per
 * cooldown for the same error, not once per request.
 *
 * <p>A {@code ProcessingException} or {@code WebApplicationException} without a {@code BoxAuthenticationException}
 * in its cause chain is answered as JAX-RS would without these mappers: a {@code WebApplicationException} with its
 * own response, a {@code ProcessingException} with an empty 500.
 */
public class BoxUnavailableMapper implements ExceptionMapper<BoxAuthenticationException> {

    /** The body of every 503 answer. */
    public static final String BODY =
            "{\"error\":\"box_unavailable\",\"message\":\"Box is not available right now; try again later.\"}";

    /** {@code Retry-After} when the failure does not say when box-ccg asks Box again: the first cooldown's 1 s. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** The three mappers, for {@code Application#getClasses()}. */
    public static final Set<Class<?>> CLASSES = Set.of(BoxUnavailableMapper.class, OfProcessingException.class,
            OfWebApplicationException.class);

    private static final System.Logger LOG = System.getLogger(BoxUnavailableMapper.class.getName());


    private static final int MAX_REMEMBERED = 256;

    /** Per error: until when (System.nanoTime) it is not logged again. */
    private static final Map<String, Long> LOGGED_UNTIL = new ConcurrentHashMap<>();

    @Override
    public Response toResponse(BoxAuthenticationException exception) {
        return unavailable(exception);
    }

    /** Maps a failed REST client call whose cause is a {@link BoxAuthenticationException}. */
    public static class OfProcessingException implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException exception) {
            return boxCause(exception).map(BoxUnavailableMapper::unavailable)
                    .orElseGet(() -> Response.serverError().build());
        }
    }

    /** Maps a {@code WebApplicationException} whose cause is a {@link BoxAuthenticationException}. */
    public static class OfWebApplicationException implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            return boxCause(exception).map(BoxUnavailableMapper::unavailable).orElseGet(exception::getResponse);
        }
    }

    /** @return the first {@link BoxAuthenticationException} in the cause chain of {@code thrown}, itself included */
    public static Optional<BoxAuthenticationException> boxCause(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof BoxAuthenticationException box) {
                return Optional.of(box);
            }
        }
        return Optional.empty();
    }

    static Response unavailable(BoxAuthenticationException failure) {
        Duration retryAfter = failure.retryAfter().orElse(DEFAULT_RETRY_AFTER);
        long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
        logOncePerCooldown(failure, retryAfter, seconds);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(BODY)
                .build();
    }

    private static void logOncePerCooldown(BoxAuthenticationException failure, Duration retryAfter, long seconds) {
        // A remembered failure's cause is the failure it repeats: all of one cooldown's share that one's message.
        BoxAuthenticationException origin = failure.getCause() instanceof BoxAuthenticationException repeated
                ? repeated : failure;
        String key = origin.status() + " " + origin.error().orElse("") + " " + origin.getMessage();
        long now = System.nanoTime();
        if (LOGGED_UNTIL.size() >= MAX_REMEMBERED) {
            LOGGED_UNTIL.clear();
        }
        boolean[] log = {false};
        LOGGED_UNTIL.compute(key, (k, until) -> {
            if (until == null || now - until >= 0) {
                log[0] = true;
                return now + retryAfter.toNanos();
            }
            return until;
        });
        if (log[0]) {
            LOG.log(Level.WARNING, "Answering 503 (Retry-After: {0} s) to requests that need a Box token: {1}"
                    + " (logged once per cooldown)", Long.toString(seconds), String.valueOf(failure.getMessage()));
        }
    }
}
