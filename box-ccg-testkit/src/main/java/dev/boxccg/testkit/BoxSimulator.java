package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local fake of Box, over real HTTP on {@code 127.0.0.1}, for tests: the token endpoint for the Client
 * Credentials Grant and for token exchange (downscoping), token revocation, {@code GET /2.0/users/me} and
 * {@code GET /2.0/folders/0/items} (also with an {@code As-User} header), with Box's request checks, Box's answers
 * and error bodies, and injectable faults. The rules the simulator chose where Box's spec is silent are on
 * {@link App#scopes(String...)}, {@link App#performActionsAsUsers(boolean)} and
 * {@link App#appAndEnterpriseAccess(boolean)}, and in the package's endpoint classes ({@code TokenEndpoint},
 * {@code ApiEndpoint}, {@code RevokeEndpoint}).
 *
 * <pre>{@code
 * try (BoxSimulator box = BoxSimulator.start()) {
 *     BoxSimulator.App app = box.registerApp("my-client-id", "my-secret", "12345");
 *     // point the code under test at box.tokenUrl() and box.baseUrl()
 *     box.failNextTokenRequests(1, TokenFault.status(429).withRetryAfter("1"));
 *     ...
 *     assertEquals(2, box.tokenRequests("enterprise", "12345"));
 * }
 * }</pre>
 *
 * <p>Thread safe: any number of clients may call it concurrently while a test configures it. It never prints
 * secrets or tokens. With JUnit 5, {@link BoxSimulatorExtension} starts one per test class.
 */
public final class BoxSimulator implements AutoCloseable {

    /** The {@code grant_type} of a token exchange (downscoping), {@value}. */
    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    /** box-ccg's engine, whose token caches {@link #resetBoxCcgTokenCaches()} resets; the testkit does not depend on it. */
    private static final String BOX_CCG_ENGINE = "dev.boxccg.core.BoxCcgEngine";

    private final Duration initialTokenLifetime;
    private final Directory directory;
    private final TokenStore tokens;
    private final Traffic traffic = new Traffic();
    private final FaultPlan faults = new FaultPlan();
    private final WireMockServer server;
    private final URI baseUrl;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private BoxSimulator(Builder settings) {
        initialTokenLifetime = settings.tokenLifetime;
        directory = new Directory(settings.clock);
        tokens = new TokenStore(settings.clock, settings.tokenLifetime);
        List<Endpoint> endpoints = List.of(
                new TokenEndpoint(directory, tokens, traffic, faults),
                new RevokeEndpoint(directory, tokens, traffic),
                new ApiEndpoint(directory, tokens, traffic),
                new FallbackEndpoint());
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .port(settings.port)
                .containerThreads(settings.containerThreads)
                // Hundreds of clients connect at once in burst tests; Jetty's default backlog resets some of them.
                .jettyAcceptQueueSize(1024)
                .disableRequestJournal()
                .templatingEnabled(false)
                .notifier(new SilentNotifier())
                .extensions(endpoints.toArray(Extension[]::new)));
        endpoints.forEach(endpoint -> server.stubFor(endpoint.stub()));
        try {
            server.start();
        } catch (RuntimeException failed) {
            try {
                server.stop();
            } catch (Exception stopFailed) { // Jetty may throw even checked exceptions from stop() after a failed start
                failed.addSuppressed(stopFailed);
            }
            throw failed; // the reason it did not start, e.g. the port is in use
        }
        baseUrl = URI.create("http://127.0.0.1:" + server.port());
    }

    /** @return a simulator with the default settings, started on a random free port */
    public static BoxSimulator start() {
        return builder().start();
    }

    /** @return settings for a simulator, to {@linkplain Builder#start() start} it with */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code http://127.0.0.1:PORT}, the API base: calls go to {@code baseUrl() + "/2.0/..."} */
    public URI baseUrl() {
        return baseUrl;
    }

    /** @return the token endpoint, {@code baseUrl() + "/oauth2/token"} */
    public URI tokenUrl() {
        return baseUrl.resolve(TokenEndpoint.PATH);
    }

    /** @return the revocation endpoint, {@code baseUrl() + "/oauth2/revoke"} */
    public URI revokeUrl() {
        return baseUrl.resolve(RevokeEndpoint.PATH);
    }

    /** @return the port the simulator listens on */
    public int port() {
        return baseUrl.getPort();
    }

    /** Stops the simulator; it cannot be started again. Calling it again does nothing. */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            server.stop();
        }
    }

    /** The same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Makes the simulator as a new test expects it: clears the fault queue, the token endpoint delay, the counters
     * and the recorded API calls, and sets the token lifetime back to the one it was started with. Keeps the apps,
     * their users and settings, and the issued and revoked tokens.
     *
     * <p>It also {@linkplain #resetBoxCcgTokenCaches() resets box-ccg's token caches} in this JVM, if box-ccg is on
     * the class path: otherwise a token an earlier test cached would still be valid, and a test counting
     * {@link #tokenRequests()} would see none.
     *
     * @throws IllegalStateException if box-ccg is on the class path but its token caches could not be reset
     */
    public void reset() {
        faults.clear();
        traffic.clear();
        tokens.lifetime(initialTokenLifetime);
        resetBoxCcgTokenCaches();
    }

    /**
     * Drops every token, remembered failure and cooldown that box-ccg holds in this JVM — of every box-ccg engine
     * not yet closed, whichever simulator it talks to — so the next token a test asks box-ccg for is requested
     * anew. {@link #reset()} calls it, hence {@link BoxSimulatorExtension} before each test. It calls
     * {@code dev.boxccg.core.BoxCcgEngine.clearAll()} (box-ccg-core), found through this class's class loader and
     * the thread's context class loader; without box-ccg-core on the class path it does nothing. A token store of
     * your own (not box-ccg's in-memory one) is left as it is, and a token request in flight completes and is
     * cached. Tests that run in parallel in one JVM lose their cached tokens too, and simply request new ones.
     *
     * @throws IllegalStateException if box-ccg-core is on the class path but its caches could not be reset (for
     *                               example a box-ccg-core older than this testkit, without {@code clearAll()})
     */
    public void resetBoxCcgTokenCaches() {
        Set<Class<?>> engines = new LinkedHashSet<>();
        for (ClassLoader loader : new ClassLoader[] {BoxSimulator.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                engines.add(Class.forName(BOX_CCG_ENGINE, false, loader));
            } catch (ClassNotFoundException absent) {
                // box-ccg is not on this loader's class path: nothing cached there
            } catch (LinkageError e) {
                throw new IllegalStateException("Cannot reset box-ccg's token caches: " + BOX_CCG_ENGINE
                        + " could not be loaded: " + e, e);
            }
        }
        for (Class<?> engine : engines) {
            try {
                Method clearAll = engine.getMethod("clearAll");
                if (!Modifier.isStatic(clearAll.getModifiers())) {
                    throw new NoSuchMethodException(BOX_CCG_ENGINE + ".clearAll() is not static");
                }
                clearAll.invoke(null);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("Resetting box-ccg's token caches failed: " + e.getCause(),
                        e.getCause());
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                throw new IllegalStateException("Cannot reset box-ccg's token caches: " + BOX_CCG_ENGINE + ".clearAll()"
                        + " could not be called (" + e + "); is box-ccg-core on the class path older than"
                        + " box-ccg-testkit? Use the same version of both", e);
            }
        }
    }

    /**
     * Sets how long tokens issued from now on live. Box reports it as {@code expires_in} in whole seconds, rounded
     * down, at least 1; the token stops working after exactly this long, by the simulator's clock.
     *
     * @param lifetime zero or more
     */
    public void tokenLifetime(Duration lifetime) {
        tokens.lifetime(lifetime);
    }

    /**
     * Registers a Box app set up for Client Credentials Grant (a "Custom App" / "Platform App" with "Server
     * Authentication (Client Credentials Grant)", authorized by the enterprise's admin, "App + Enterprise Access"),
     * and creates its service account: a user of the enterprise named {@code "<clientId> Service Account"}, whom
     * enterprise tokens act as.
     *
     * <p>Registering a client ID that is already registered changes that app and returns it, the same {@link App}:
     * its secret and enterprise ID become the given ones (tokens issued before stay valid until they expire), and
     * everything else is left as it is: its service account, its flags ({@link App#ccgEnabled(boolean)},
     * {@link App#authorizedByAdmin(boolean)}, {@link App#userSubjectsAllowed(boolean)},
     * {@link App#appAndEnterpriseAccess(boolean)}, {@link App#performActionsAsUsers(boolean)}), its
     * {@linkplain App#scopes(String...) scopes}, and its users, which are
     * those of its enterprise (with another enterprise ID the app gets that enterprise's users). So a test can
     * write {@code registerApp(ID, SECRET, ENTERPRISE).authorizedByAdmin(false)} after a {@code @BeforeAll}
     * registered the app.
     *
     * @param clientId     the app's client ID
     * @param clientSecret the app's client secret
     * @param enterpriseId the enterprise the app belongs to; apps of one enterprise share its users
     * @return the app, whose settings the test may change
     */
    public App registerApp(String clientId, String clientSecret, String enterpriseId) {
        return directory.register(Objects.requireNonNull(clientId, "clientId"),
                Objects.requireNonNull(clientSecret, "clientSecret"),
                Objects.requireNonNull(enterpriseId, "enterpriseId"));
    }

    /**
     * Revokes a token: the API answers 401 to it from now on.
     *
     * @param accessToken an issued token; an unknown one is ignored
     */
    public void revoke(String accessToken) {
        tokens.revoke(accessToken);
    }

    /** Revokes every token issued so far; tokens issued later work. */
    public void revokeAllTokens() {
        tokens.revokeAll();
    }

    /** @return every access token ever issued (also expired and revoked ones; not cleared by {@link #reset()}) */
    public Set<String> issuedTokens() {
        return tokens.issuedTokens();
    }

    /** @return how many {@code POST /oauth2/token} were received since the start or the last reset, faulted ones too */
    public int tokenRequests() {
        return traffic.tokenRequests();
    }

    /**
     * @param subjectType the {@code box_subject_type} sent, for example {@code "enterprise"}; null for none
     * @param subjectId   the {@code box_subject_id} sent; null for none
     * @return how many {@code POST /oauth2/token} sent exactly these (whether they succeeded or not)
     */
    public int tokenRequests(String subjectType, String subjectId) {
        return traffic.tokenRequests(subjectType, subjectId);
    }

    /**
     * Token requests counted by grant type. A token exchange sends no {@code box_subject_type} nor
     * {@code box_subject_id}, so {@link #tokenRequests(String, String)} counts it under {@code (null, null)}.
     *
     * @param grantType the {@code grant_type} exactly as sent, for example {@code "client_credentials"} or
     *                  {@link #TOKEN_EXCHANGE}; null for requests that sent none
     * @return how many {@code POST /oauth2/token} sent it since the start or the last reset, whether they succeeded
     * or not, faulted ones too
     */
    public int tokenRequestsByGrantType(String grantType) {
        return traffic.tokenRequestsByGrantType(grantType);
    }

    /** @return {@code tokenRequestsByGrantType(TOKEN_EXCHANGE)}: the downscoping requests */
    public int tokenExchangeRequests() {
        return tokenRequestsByGrantType(TOKEN_EXCHANGE);
    }

    /** @return how many {@code POST /oauth2/revoke} were received since the start or the last reset */
    public int revokeRequests() {
        return traffic.revokeRequests();
    }

    /**
     * @return how many of the {@link #revokeRequests()} sent a downscoped token the simulator issued (whether the
     * client was allowed to revoke it or not)
     */
    public int downscopedTokenRevokeRequests() {
        return traffic.downscopedTokenRevokeRequests();
    }

    /**
     * @return the calls to {@code /2.0/**} received since the start or the last reset, in order (the last
     * 100,000 of them)
     */
    public List<ApiCall> apiCalls() {
        return traffic.apiCalls();
    }

    /**
     * Makes the next {@code count} token requests misbehave. Faults form a queue: each token request takes the
     * first one, if any, instead of being answered normally; calls add to the end.
     *
     * @param count zero or more
     * @param fault how they misbehave
     */
    public void failNextTokenRequests(int count, TokenFault fault) {
        faults.add(count, fault);
    }

    /**
     * Delays every answer of the token endpoint (normal or faulted) by this much, on top of a fault's own delay.
     *
     * @param delay {@link Duration#ZERO} to answer at once again
     */
    public void tokenEndpointDelay(Duration delay) {
        faults.delay(delay);
    }

    @Override
    public String toString() {
        return "BoxSimulator[" + baseUrl + (stopped.get() ? ", stopped" : "") + "]";
    }

    /** Settings for a simulator. Not thread safe; may start several simulators. */
    public static final class Builder {

        private int port;
        private Clock clock = Clock.systemUTC();
        private Duration tokenLifetime = Duration.ofSeconds(3600);
        private int containerThreads = 64;

        private Builder() {
        }

        /**
         * @param port the port to listen on; 0 (the default) for a random free one
         * @return this
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("A port is 0 to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param clock decides when tokens expire, and users' {@code created_at}; default {@link Clock#systemUTC()}
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param lifetime how long tokens live; default 3600 s. See {@link BoxSimulator#tokenLifetime(Duration)}.
         * @return this
         */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = TokenStore.checkLifetime(lifetime);
            return this;
        }

        /**
         * @param n how many threads serve requests; default 64, at least 8
         * @return this
         */
        public Builder containerThreads(int n) {
            if (n < 8) {
                throw new IllegalArgumentException("The simulator needs at least 8 container threads, not " + n);
            }
            this.containerThreads = n;
            return this;
        }

        /** @return a started simulator with these settings */
        public BoxSimulator start() {
            return new BoxSimulator(this);
        }
    }

    /**
     * A registered Box app with its settings, which tests may change at any time. Thread safe.
     */
    public static final class App {

        private final String clientId;
        private final Account serviceAccount;
        private volatile Credentials credentials;
        private volatile boolean ccgEnabled = true;
        private volatile boolean authorizedByAdmin = true;
        private volatile boolean userSubjectsAllowed = true;
        private volatile boolean appAndEnterpriseAccess = true;
        private volatile boolean performActionsAsUsers;
        private volatile Set<String> scopes = Scopes.check(Scopes.ALL.toArray(String[]::new));

        App(String clientId, String clientSecret, String enterpriseId, Account serviceAccount, Enterprise enterprise) {
            this.clientId = clientId;
            this.serviceAccount = serviceAccount;
            update(clientSecret, enterpriseId, enterprise);
        }

        /** Replaces the secret and the enterprise at once: a grant sees either the old ones or the new ones. */
        void update(String clientSecret, String enterpriseId, Enterprise enterprise) {
            credentials = new Credentials(clientSecret.getBytes(StandardCharsets.UTF_8), enterpriseId, enterprise);
        }

        /** @return the app's client ID */
        public String clientId() {
            return clientId;
        }

        /** @return the ID of the app's enterprise */
        public String enterpriseId() {
            return credentials.enterpriseId();
        }

        /** @return the app's service account, whom tokens for {@code box_subject_type=enterprise} act as */
        public User serviceAccount() {
            return serviceAccount.user();
        }

        /**
         * Adds a user (managed user or app user) to the app's enterprise, or replaces the one with that ID; the app
         * can then get tokens for {@code box_subject_type=user} and {@code box_subject_id=userId}.
         *
         * @param userId Box's user ID
         * @param name   the display name
         * @param login  the primary email address
         * @return this
         */
        public App addUser(String userId, String name, String login) {
            credentials.enterprise().add(new User(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(login, "login")));
            return this;
        }

        /**
         * @param on false: not a CCG app, token requests get 400 {@code unauthorized_client}; default true
         * @return this
         */
        public App ccgEnabled(boolean on) {
            ccgEnabled = on;
            return this;
        }

        /** @return whether the app may use the Client Credentials Grant */
        public boolean ccgEnabled() {
            return ccgEnabled;
        }

        /**
         * @param on false: the admin has not authorized the app, token requests get 400 {@code invalid_grant};
         *           default true
         * @return this
         */
        public App authorizedByAdmin(boolean on) {
            authorizedByAdmin = on;
            return this;
        }

        /** @return whether the enterprise's admin has authorized the app */
        public boolean authorizedByAdmin() {
            return authorizedByAdmin;
        }

        /**
         * @param on false: the app may not get tokens for users, requests for {@code box_subject_type=user} get
         *           400 {@code invalid_grant} (in Box: "Generate user access tokens" unchecked, or "App Access
         *           Only" for a managed user); default true. Independent of {@link #appAndEnterpriseAccess(boolean)},
         *           which only decides {@code As-User}.
         * @return this
         */
        public App userSubjectsAllowed(boolean on) {
            userSubjectsAllowed = on;
            return this;
        }

        /** @return whether the app may get tokens for users ("App + Enterprise Access") */
        public boolean userSubjectsAllowed() {
            return userSubjectsAllowed;
        }

        /**
         * The app's access level for {@code As-User}: with false ("App Access Only") an {@code As-User} call gets
         * 403 {@code access_denied_insufficient_permissions}. Default true ("App + Enterprise Access"). It does not
         * change token requests for users, which {@link #userSubjectsAllowed(boolean)} decides alone: the simulator
         * does not tell app users from managed users, and with "App Access Only" Box still grants tokens for the
         * app's own app users; so existing tests that turn only one of the two off keep their meaning.
         *
         * @param on whether the app has "App + Enterprise Access"
         * @return this
         */
        public App appAndEnterpriseAccess(boolean on) {
            appAndEnterpriseAccess = on;
            return this;
        }

        /** @return whether the app has "App + Enterprise Access" (see {@link #appAndEnterpriseAccess(boolean)}) */
        public boolean appAndEnterpriseAccess() {
            return appAndEnterpriseAccess;
        }

        /**
         * The console's "Perform Actions as Users" (Advanced Features): without it an API call with an
         * {@code As-User} header gets 403 {@code access_denied_insufficient_permissions}. Default false, as in
         * Box's console.
         *
         * @param on whether the app may use {@code As-User}
         * @return this
         */
        public App performActionsAsUsers(boolean on) {
            performActionsAsUsers = on;
            return this;
        }

        /** @return whether the app may use {@code As-User} (see {@link #performActionsAsUsers(boolean)}) */
        public boolean performActionsAsUsers() {
            return performActionsAsUsers;
        }

        /**
         * The scopes the app's client credentials tokens hold, hence the most a downscoped token may ask for: a token
         * exchange asking for a scope its subject token lacks is refused. Default: all 14 of Box's downscoping
         * scopes. Tokens already issued keep the scopes they were issued with.
         *
         * @param scopes each one of Box's {@code ResourceScope} values ({@code annotation_edit},
         *               {@code annotation_view_all}, {@code annotation_view_self}, {@code base_explorer},
         *               {@code base_picker}, {@code base_preview}, {@code base_upload}, {@code item_delete},
         *               {@code item_download}, {@code item_preview}, {@code item_rename}, {@code item_share},
         *               {@code item_upload}, {@code item_read}); none for an app whose tokens cannot be downscoped
         * @return this
         * @throws IllegalArgumentException for a name that is not one of those
         */
        public App scopes(String... scopes) {
            this.scopes = Scopes.check(Objects.requireNonNull(scopes, "scopes"));
            return this;
        }

        /** @return the scopes the app's tokens hold (see {@link #scopes(String...)}), in the order they were set */
        public Set<String> scopes() {
            return scopes;
        }

        /** @return the user of the app's enterprise with that ID (not the service account), or null */
        Account enterpriseUser(String userId) {
            return credentials.enterprise().user(userId);
        }

        Account serviceAccountAccount() {
            return serviceAccount;
        }

        boolean secretMatches(String secret) {
            return secret != null && credentials.secretMatches(secret);
        }

        /**
         * Decides a client credentials grant for this app (which may use CCG).
         *
         * @return whom the token acts as, or null when Box would answer {@code invalid_grant}
         */
        Account grant(String secret, String subjectType, String subjectId) {
            Credentials current = credentials;
            if (!authorizedByAdmin || secret == null || !current.secretMatches(secret)) {
                return null;
            }
            return switch (subjectType) {
                case TokenEndpoint.ENTERPRISE -> current.enterpriseId().equals(subjectId) ? serviceAccount : null;
                case TokenEndpoint.USER -> userSubjectsAllowed ? current.enterprise().user(subjectId) : null;
                default -> null;
            };
        }

        @Override
        public String toString() {
            return "App[clientId=" + clientId + ", enterpriseId=" + enterpriseId() + ", ccgEnabled=" + ccgEnabled
                    + ", authorizedByAdmin=" + authorizedByAdmin + ", userSubjectsAllowed=" + userSubjectsAllowed
                    + ", appAndEnterpriseAccess=" + appAndEnterpriseAccess + ", performActionsAsUsers="
                    + performActionsAsUsers + ", scopes=" + scopes + "]";
        }

        /** The secret and the enterprise, replaced together when the app is registered again. */
        private record Credentials(byte[] secret, String enterpriseId, Enterprise enterprise) {
            boolean secretMatches(String candidate) {
                return MessageDigest.isEqual(secret, candidate.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String toString() {
                return "Credentials[enterpriseId=" + enterpriseId + "]"; // never the secret
            }
        }
    }

    /**
     * A Box user.
     *
     * @param id    Box's user ID
     * @param name  the display name
     * @param login the primary email address
     */
    public record User(String id, String name, String login) {
    }

    /**
     * A call the API received. {@link #toString()} hides the token.
     *
     * @param method        the HTTP method, for example {@code GET}
     * @param path          the path, without the query string, for example {@code /2.0/users/me}
     * @param authorization the {@code Authorization} header as sent, or null
     * @param status        the status the simulator answered with
     * @param asUser        the {@code As-User} header as sent (a user ID), or null when the call had none
     */
    public record ApiCall(String method, String path, String authorization, int status, String asUser) {

        /** A call without an {@code As-User} header. */
        public ApiCall(String method, String path, String authorization, int status) {
            this(method, path, authorization, status, null);
        }

        @Override
        public String toString() {
            String credentials = authorization == null ? "none"
                    : authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer ***" : "***";
            return "ApiCall[" + method + " " + path + ", authorization=" + credentials + ", status=" + status
                    + (asUser == null ? "" : ", asUser=" + asUser) + "]";
        }
    }
}
