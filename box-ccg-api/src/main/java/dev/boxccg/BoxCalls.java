package dev.boxccg;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes Box API calls act as a user, per call, without a REST client interface per user.
 *
 * <pre>{@code
 * JsonObject me = BoxCalls.asUser("12345", () -> users.me());   // a @BoxAuthenticated REST client
 * BoxCalls.asUser("12345", () -> folders.delete(folderId));      // nothing to return
 * }</pre>
 *
 * <p>Within the call, every request that box-ccg authenticates on <b>this thread</b> (a {@code @BoxAuthenticated}
 * REST client, a JAX-RS client with {@code BoxAuthenticationFilter}) acts as that user, the way the configuration's
 * {@code as-user-mode} says: {@code header} (the default) sends the configuration's token with {@code As-User: <id>};
 * {@code user-token} sends a token for that user instead (see {@link BoxTokenProvider#forUser(String)}), and no
 * {@code As-User} header. A 401 retry of a {@code @BoxAuthenticated} call runs on the same thread, so it acts as the
 * same user.
 *
 * <p>Scopes nest: the innermost wins, and the outer one is back when it returns, also when it throws.
 *
 * <p><b>Only this thread.</b> A request sent from another thread does not see the scope: a REST client method that
 * returns a {@code CompletionStage}, a JAX-RS {@code async()} invocation, or work handed to an executor. Such a request
 * is sent as the configuration's own subject, without {@code As-User}. For those, pass the user with the request
 * itself: a {@code @HeaderParam("As-User") String userId} parameter on the REST client method (or the
 * {@code As-User} header on the JAX-RS request) is honoured in both modes; {@code null} means no user.
 */
public final class BoxCalls {

    /** The header Box reads the user to act as from: {@value}. */
    public static final String AS_USER_HEADER = "As-User";

    private static final ThreadLocal<String> USER = new ThreadLocal<>();

    private BoxCalls() {
    }

    /**
     * Runs {@code call} acting as the user.
     *
     * @param userId the Box user ID (digits)
     * @param call   the calls to make as that user, on this thread
     * @return what {@code call} returned
     * @throws IllegalArgumentException if the ID is not a Box user ID
     */
    public static <T> T asUser(String userId, Supplier<T> call) {
        String user = checkUserId(userId);
        Objects.requireNonNull(call, "call");
        String outer = USER.get();
        USER.set(user);
        try {
            return call.get();
        } finally {
            restore(outer);
        }
    }

    /**
     * Runs {@code call} acting as the user.
     *
     * @param userId the Box user ID (digits)
     * @param call   the calls to make as that user, on this thread
     * @throws IllegalArgumentException if the ID is not a Box user ID
     */
    public static void asUser(String userId, Runnable call) {
        Objects.requireNonNull(call, "call");
        asUser(userId, () -> {
            call.run();
            return null;
        });
    }

    /** @return the user of the innermost {@code asUser} running on this thread; empty outside any */
    public static Optional<String> currentUser() {
        return Optional.ofNullable(USER.get());
    }

    /**
     * @return the ID, if it is a Box user ID: one or more ASCII digits
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static String checkUserId(String userId) {
        if (userId == null || userId.isEmpty() || !userId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + userId + "' is not a Box user ID: Box user IDs are digits");
        }
        return userId;
    }

    private static void restore(String outer) {
        if (outer == null) {
            USER.remove();
        } else {
            USER.set(outer);
        }
    }
}
