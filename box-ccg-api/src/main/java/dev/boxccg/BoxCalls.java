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
    private static final ThreadLocal<String> TENANT = new ThreadLocal<>();
    /** Tenant keys longer than this are refused: a key is looked up, held and shown in errors, not a document. */
    static final int MAX_TENANT_LENGTH = 200;

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

    /**
     * Runs {@code call} for one tenant (one Box enterprise the application serves): every request box-ccg
     * authenticates on <b>this thread</b> for a configuration that serves tenants ({@code tenants=true}) carries a
     * token of that tenant's credentials, as {@link BoxTenantCredentials} resolves them; the injected
     * {@link BoxTokenProvider} of such a configuration gives that tenant's tokens too. A request for a configuration
     * that does not serve tenants fails inside a tenant scope rather than silently use the application's own
     * credentials for the tenant's work.
     *
     * <p>Scopes nest (the innermost wins, the outer one is back when it returns or throws) and compose with
     * {@link #asUser}: {@code asTenant("acme", () -> asUser("42", () -> client.me()))} acts as user 42 of the tenant
     * acme. Only this thread, as for {@link #asUser}: pass work to other threads with {@link BoxTokenProvider#forTenant}.
     *
     * @param tenant the tenant key the application uses (a customer ID, a name): not a secret
     * @param call   the calls to make for that tenant, on this thread
     * @return what {@code call} returned
     * @throws IllegalArgumentException if the key is blank or too long
     */
    public static <T> T asTenant(String tenant, Supplier<T> call) {
        String key = checkTenant(tenant);
        Objects.requireNonNull(call, "call");
        String outer = TENANT.get();
        TENANT.set(key);
        try {
            return call.get();
        } finally {
            restore(TENANT, outer);
        }
    }

    /**
     * Runs {@code call} for one tenant; see {@link #asTenant(String, Supplier)}.
     *
     * @throws IllegalArgumentException if the key is blank or too long
     */
    public static void asTenant(String tenant, Runnable call) {
        Objects.requireNonNull(call, "call");
        asTenant(tenant, () -> {
            call.run();
            return null;
        });
    }

    /** @return the tenant of the innermost {@code asTenant} running on this thread; empty outside any */
    public static Optional<String> currentTenant() {
        return Optional.ofNullable(TENANT.get());
    }

    /**
     * @return the tenant key, if it is one: not blank, at most 200 characters, no control characters
     * @throws IllegalArgumentException otherwise
     */
    public static String checkTenant(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("A tenant key must not be blank");
        }
        if (tenant.length() > MAX_TENANT_LENGTH || tenant.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A tenant key is at most " + MAX_TENANT_LENGTH
                    + " characters without control characters");
        }
        return tenant;
    }

    private static void restore(String outer) {
        restore(USER, outer);
    }

    private static void restore(ThreadLocal<String> scope, String outer) {
        if (outer == null) {
            scope.remove();
        } else {
            scope.set(outer);
        }
    }
}
