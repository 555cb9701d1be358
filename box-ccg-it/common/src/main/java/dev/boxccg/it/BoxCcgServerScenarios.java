package dev.boxccg.it;

import dev.boxccg.it.discovery.DiscoveryApplication;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.BoxSimulator.ApiCall;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * box-ccg's behaviour on a real server: the same scenarios on every server. A server module's test class only
 * extends this ({@code class WildFlyIT extends BoxCcgServerScenarios {}}); its pom.xml provisions the server and
 * passes the {@link ItServer} properties, its arquillian.xml starts the server.
 *
 * <p>Every test runs as a client: this JVM runs the Box simulator ({@link ItSimulator}) and calls the test
 * application in the server over HTTP ({@link AppClient}); the application uses box-ccg, which reaches the simulator
 * over real HTTP; the test checks the application's answer and what the simulator saw. Before each test the
 * application drops its cached tokens and the simulator's counters are reset, so no scenario depends on another's
 * leftovers — except the server-log scan, which runs last on purpose, after every other scenario made traffic.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class BoxCcgServerScenarios {

    private static final String BEARER = "Bearer ";
    private static final String SECRET_KEY = "box.ccg.client-secret";
    /** What an undeployment may take beyond the revoke-on-stop deadline: the server's own work, on 2 loaded cores. */
    private static final Duration UNDEPLOY_TOLERANCE = Duration.ofSeconds(3);
    private static final Duration UNDEPLOY_LIMIT = Duration.parse("PT" + ItDeployments.REVOKE_ON_STOP_DEADLINE)
            .plus(UNDEPLOY_TOLERANCE);
    /** What box-ccg logs when it revoked tokens on close ({@code BoxCcgEngine}). */
    private static final String REVOKED_ON_CLOSE = "Box tokens on close (revoke-on-stop)";
    private static final HttpClient SIMULATOR_CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(name = ItDeployments.APP, testable = false, order = 1)
    public static WebArchive application() {
        return ItDeployments.application(ItSimulator.get());
    }

    @Deployment(name = ItDeployments.MISSING_SECRET, managed = false, testable = false, order = 2)
    public static WebArchive missingSecret() {
        return ItDeployments.missingSecret(ItSimulator.get());
    }

    @Deployment(name = ItDeployments.ANNOTATED_DISCOVERY, managed = false, testable = false, order = 3)
    public static WebArchive annotatedDiscovery() {
        return ItDeployments.discovery(ItSimulator.get(), ItDeployments.ANNOTATED_DISCOVERY,
                ItDeployments.BEANS_XML_ANNOTATED);
    }

    @Deployment(name = ItDeployments.NO_BEANS_XML, managed = false, testable = false, order = 4)
    public static WebArchive noBeansXml() {
        return ItDeployments.discovery(ItSimulator.get(), ItDeployments.NO_BEANS_XML, null);
    }

    @Deployment(name = ItDeployments.REVOKE_ON_STOP, managed = false, testable = false, order = 5)
    public static WebArchive revokeOnStop() {
        return ItDeployments.revokeOnStop(ItSimulator.get());
    }

    @ArquillianResource
    @OperateOnDeployment(ItDeployments.APP)
    private URL deployment;

    @ArquillianResource
    private Deployer deployer;

    private BoxSimulator box;
    private AppClient app;

    @BeforeEach
    void startFromAnEmptyTokenCacheAndZeroCounters() {
        assertNotNull(deployment, "Arquillian gave no URL for the deployment " + ItDeployments.APP);
        ItServer.httpPort().ifPresent(port -> assertEquals(port, deployment.getPort(),
                "the deployment is not served on " + ItServer.HTTP_PORT + " " + port + " but at " + deployment));
        box = ItSimulator.get();
        app = new AppClient(deployment);
        box.reset(); // long-lived tokens again, before the application drops its cached ones
        ItSimulator.app().performActionsAsUsers(false); // as in Box; the As-User scenarios turn it on
        app.post("forget?user=" + ItCredentials.AS_USER_ID);
        box.reset();
    }

    /** 1. {@code @Inject BoxTokenProvider} gets a token from the simulator, with one token request, then caches it. */
    @Test
    @Order(1)
    void injectedProviderGetsATokenFromTheSimulator() {
        Instant before = Instant.now();
        JsonObject token = app.get("token");

        assertEquals("enterprise " + ItCredentials.ENTERPRISE_ID, token.getString("subject"));
        assertIssued(token.getString("fingerprint"));
        Instant expiresAt = Instant.parse(token.getString("expiresAt"));
        assertTrue(expiresAt.isAfter(before.plus(Duration.ofMinutes(59)))
                        && expiresAt.isBefore(Instant.now().plus(Duration.ofMinutes(61))),
                "the simulator's tokens live one hour; expiresAt " + expiresAt);
        assertEquals(1, box.tokenRequests("enterprise", ItCredentials.ENTERPRISE_ID));
        assertEquals(1, box.tokenRequests());

        assertEquals(token.getString("fingerprint"), app.get("token").getString("fingerprint"), "the token is cached");
        assertEquals(1, box.tokenRequests(), "no second token request while the token is valid");
    }

    /** 2. An {@code @BoxAuthenticated} {@code @RestClient} sends {@code Bearer <a token the simulator issued>}. */
    @Test
    @Order(2)
    void annotatedRestClientSendsABearerTokenTheSimulatorIssued() {
        JsonObject me = app.get("me");

        assertEquals(200, me.getInt("status"), me.toString());
        BoxSimulator.User serviceAccount = ItSimulator.app().serviceAccount();
        assertEquals(serviceAccount.id(), me.getString("id"));
        assertEquals(serviceAccount.login(), me.getString("login"));
        List<ApiCall> calls = box.apiCalls();
        assertEquals(1, calls.size(), calls.toString());
        ApiCall call = calls.get(0);
        assertEquals("GET", call.method());
        assertEquals("/2.0/users/me", call.path());
        assertEquals(200, call.status());
        String token = bearerToken(call);
        assertTrue(box.issuedTokens().contains(token), "the call carried a token the simulator never issued");
        assertEquals(me.getString("fingerprint"), Fingerprints.of(token),
                "the client sent the token that @Inject BoxTokenProvider holds");
        assertEquals(1, box.tokenRequests("enterprise", ItCredentials.ENTERPRISE_ID));
    }

    /** 3. A REST client without {@code @BoxAuthenticated} is left alone: no header, no token request. */
    @Test
    @Order(3)
    void unannotatedRestClientSendsNoAuthorizationAndRequestsNoToken() {
        JsonObject plain = app.get("plain/me");

        assertEquals(401, plain.getInt("status"), "the simulator refuses a call without token: " + plain);
        List<ApiCall> calls = box.apiCalls();
        assertEquals(1, calls.size(), calls.toString());
        assertNull(calls.get(0).authorization(), "box-ccg added an Authorization header to an unannotated client");
        assertEquals(401, calls.get(0).status());
        assertEquals(0, box.tokenRequests(), "a token was requested for an unannotated client");
    }

    /** 4. The named configuration {@code hr}: {@code @BoxApp("hr")} and {@code @BoxAuthenticated("hr")} act as its user. */
    @Test
    @Order(4)
    void namedConfigurationActsAsItsUser() {
        JsonObject token = app.get("hr/token");
        assertEquals("user " + ItCredentials.HR_USER_ID, token.getString("subject"));
        assertIssued(token.getString("fingerprint"));

        JsonObject me = app.get("hr/me");
        assertEquals(200, me.getInt("status"), me.toString());
        assertEquals(ItCredentials.HR_USER_ID, me.getString("id"));
        assertEquals(ItCredentials.HR_USER_LOGIN, me.getString("login"));
        List<ApiCall> calls = box.apiCalls();
        assertEquals(1, calls.size(), calls.toString());
        assertEquals(token.getString("fingerprint"), Fingerprints.of(bearerToken(calls.get(0))),
                "the hr client sent the hr provider's token");
        assertEquals(1, box.tokenRequests("user", ItCredentials.HR_USER_ID), "one token, shared by provider and client");
        assertEquals(1, box.tokenRequests(), "the default configuration was not asked");
    }

    /**
     * 5. The {@code hr} secret is not in the WAR: the server process has it from its environment (or a system
     * property, as the server module says), and it is the right one, since the simulator issued the token.
     */
    @Test
    @Order(5)
    void namedConfigurationsSecretComesFromOutsideTheWar() throws IOException {
        Properties war = new Properties();
        war.load(new StringReader(ItDeployments.applicationConfig(box)));
        assertEquals(ItCredentials.CLIENT_SECRET, war.getProperty("box.ccg.client-secret"), "the default one is there");
        assertNull(war.getProperty(ItCredentials.HR_SECRET_SYSTEM_PROPERTY),
                "the WAR's microprofile-config.properties must not hold the hr secret");
        assertFalse(war.containsValue(ItCredentials.HR_CLIENT_SECRET), "the hr secret is in the WAR");
        ItServer.Via via = ItServer.hrSecretVia();
        if (via == ItServer.Via.ENVIRONMENT) {
            assertEquals(ItCredentials.HR_CLIENT_SECRET, System.getenv(ItCredentials.HR_SECRET_ENVIRONMENT_VARIABLE),
                    "the test JVM's " + ItCredentials.HR_SECRET_ENVIRONMENT_VARIABLE + " (box-ccg-it/pom.xml's"
                            + " box-ccg-it.hr-client-secret) must equal ItCredentials.HR_CLIENT_SECRET");
        }

        JsonObject source = app.get("hr/secret-source");
        assertTrue(source.getBoolean("found"), "MicroProfile Config has no box.ccg.hr.client-secret: " + source);
        assertFalse(source.getString("source").contains("microprofile-config.properties"), source.toString());
        boolean environment = source.getBoolean("inEnvironment");
        boolean systemProperty = source.getBoolean("inSystemProperties");
        if (via == ItServer.Via.ENVIRONMENT) {
            assertTrue(environment && !systemProperty, "expected the environment variable only: " + source);
        } else {
            assertTrue(systemProperty && !environment, "expected the system property only: " + source);
        }
        report("the hr secret came from " + via + ", MicroProfile Config source '" + source.getString("source")
                + "' (ordinal " + source.getInt("ordinal") + ")");

        assertIssued(app.get("hr/token").getString("fingerprint"));
        assertEquals(1, box.tokenRequests("user", ItCredentials.HR_USER_ID));
    }

    /** 6. Tokens of 3 s are renewed ahead of expiry: 5 s of calls, every one 200, several renewals used. */
    @Test
    @Order(6)
    void tokensAreRenewedAcrossExpiry() throws InterruptedException {
        box.tokenLifetime(Duration.ofSeconds(3));
        try {
            Set<String> fingerprints = new LinkedHashSet<>();
            int calls = 0;
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                JsonObject me = app.get("me");
                assertEquals(200, me.getInt("status"), "call " + (calls + 1) + ": " + me);
                fingerprints.add(me.getString("fingerprint"));
                calls++;
                Thread.sleep(100);
            }
            int requests = box.tokenRequests("enterprise", ItCredentials.ENTERPRISE_ID);
            report("renewal: " + calls + " calls in 5 s with 3 s tokens, " + requests + " token requests, "
                    + fingerprints.size() + " tokens used");
            assertTrue(calls >= 10, "only " + calls + " calls in 5 s");
            assertTrue(requests >= 3, "the first token and at least 2 renewals expected, got " + requests);
            assertTrue(fingerprints.size() >= 3, "calls used only " + fingerprints.size() + " tokens");
            List<ApiCall> apiCalls = box.apiCalls();
            assertTrue(apiCalls.stream().allMatch(call -> call.status() == 200),
                    "tokens are renewed before they expire, so Box never refused one: " + apiCalls);
            String renewsOn = ItServer.managedExecutor()
                    ? "box-ccg renews tokens on java:comp/DefaultManagedScheduledExecutorService"
                    : "box-ccg renews tokens on daemon threads of its own";
            assertTrue(ItServer.log().readAll().contains(renewsOn),
                    ItServer.name() + "'s log should say where renewals ran: '" + renewsOn + "'");
            report("renewal ran where the log says: " + renewsOn);
        } finally {
            box.tokenLifetime(Duration.ofHours(1));
        }
    }

    /** 7. A revoked token: the next call through the CDI client succeeds after exactly one transparent retry. */
    @Test
    @Order(7)
    void revokedTokenIsReplacedWithOneTransparentRetry() {
        assertEquals(200, app.get("me").getInt("status"));
        String revoked = bearerToken(box.apiCalls().get(0));
        box.reset();
        box.revokeAllTokens();

        JsonObject me = app.get("me");

        assertEquals(200, me.getInt("status"), "the caller must not see the 401: " + me);
        List<ApiCall> calls = box.apiCalls();
        assertEquals(List.of(401, 200), calls.stream().map(ApiCall::status).toList(), calls.toString());
        assertEquals(revoked, bearerToken(calls.get(0)), "the first try carried the revoked token");
        String fresh = bearerToken(calls.get(1));
        assertNotEquals(revoked, fresh, "the retry carried a new token");
        assertEquals(me.getString("fingerprint"), Fingerprints.of(fresh));
        assertEquals(1, box.tokenRequests(), "exactly one more token request");
    }

    /**
     * 8. A WAR without {@code box.ccg.client-secret} does not deploy, and the server says which key is missing: in
     * its log always; in the deployer's exception where the server passes the cause on
     * ({@link ItServer#deploymentErrorInException()}).
     */
    @Test
    @Order(8)
    void deploymentWithoutClientSecretFailsNamingTheKey() throws InterruptedException {
        ServerLog log = ItServer.log();
        long mark = log.mark();
        try {
            Exception failure = assertThrows(Exception.class, () -> deployer.deploy(ItDeployments.MISSING_SECRET),
                    "a deployment missing " + SECRET_KEY + " was accepted");
            String thrown = redact(causes(failure));
            String logged = redact(log.awaitFrom(mark, text -> text.contains(SECRET_KEY), Duration.ofSeconds(15)));
            List<String> lines = ServerLog.linesContaining(logged, SECRET_KEY);
            boolean inException = thrown.contains(SECRET_KEY);
            report("failed deployment: exception " + (inException ? "names " : "does not name ") + SECRET_KEY
                    + "; server log lines naming it: " + lines.size() + "\n  thrown: " + abbreviate(thrown, 1500)
                    + "\n  logged: " + (lines.isEmpty() ? "-" : abbreviate(lines.get(0), 1500)));

            assertFalse(lines.isEmpty(), "the server log " + log + " does not name " + SECRET_KEY
                    + " after the failed deployment; it logged:\n" + abbreviate(logged, 4000));
            assertTrue(lines.stream().anyMatch(line -> line.contains(SECRET_KEY + " is missing")), lines.toString());
            if (ItServer.deploymentErrorInException()) {
                assertTrue(inException, "expected " + ItServer.DEPLOYMENT_ERROR_IN_EXCEPTION
                        + ": the deployer's exception names " + SECRET_KEY + ", but it is: " + thrown);
            } else {
                assertFalse(inException, ItServer.DEPLOYMENT_ERROR_IN_EXCEPTION + " is false, but the deployer's"
                        + " exception now names " + SECRET_KEY + ": set it to true. " + thrown);
            }
            assertFalse(thrown.contains("NullPointerException") || lines.toString().contains("NullPointerException"),
                    "reported as a NullPointerException");
        } finally {
            try {
                deployer.undeploy(ItDeployments.MISSING_SECRET);
            } catch (RuntimeException nothingDeployed) {
                // expected where the failed deployment was rolled back
            }
        }
        assertEquals(200, app.get("me").getInt("status"), "the application deployed before still works");
    }

    /**
     * 10. A {@code BoxUsers} client made with {@code RestClientBuilder} (no CDI bean, so perhaps no interceptor)
     * after a revoke: the next call succeeds on every server, either retried transparently or after the 401
     * surfaced once. Which one the server does is reported.
     */
    @Test
    @Order(10)
    void builderMadeClientRecoversFromARevokedToken() {
        JsonObject first = app.get("builder/me");
        assertEquals(List.of(200), statuses(first), first.toString());
        assertIssued(Fingerprints.of(bearerToken(box.apiCalls().get(0))));
        box.reset();
        box.revokeAllTokens();

        JsonObject after = app.get("builder/me");

        List<Integer> seen = statuses(after);
        assertEquals(200, seen.get(seen.size() - 1), "the call after the 401 must succeed: " + after);
        assertEquals(ItSimulator.app().serviceAccount().id(), after.getString("id"));
        List<ApiCall> calls = box.apiCalls();
        assertEquals(List.of(401, 200), calls.stream().map(ApiCall::status).toList(), calls.toString());
        assertEquals(1, box.tokenRequests(), "the rejected token was dropped and one new one requested");
        if (seen.equals(List.of(200))) {
            report("RestClientBuilder client after a revoke: transparent retry (the caller saw " + seen + ")");
        } else if (seen.equals(List.of(401, 200))) {
            report("RestClientBuilder client after a revoke: the 401 surfaced, the next call succeeded (the caller saw "
                    + seen + ")");
        } else {
            fail("the caller saw " + seen);
        }
    }

    /**
     * 11. A WAR whose {@code beans.xml} says {@code bean-discovery-mode="annotated"}: its {@code @ApplicationScoped}
     * bean gets its {@code @Inject @RestClient} interface, the call carries a token the simulator issued, and after a
     * revoke box-ccg's interceptor retries the 401 transparently.
     */
    @Test
    @Order(11)
    void restClientIsFoundWithAnnotatedBeanDiscovery() throws MalformedURLException {
        restClientIsFoundIn(ItDeployments.ANNOTATED_DISCOVERY, "beans.xml with bean-discovery-mode=\"annotated\"");
    }

    /** 12. The same with no {@code beans.xml} at all (an implicit bean archive). */
    @Test
    @Order(12)
    void restClientIsFoundWithoutBeansXml() throws MalformedURLException {
        restClientIsFoundIn(ItDeployments.NO_BEANS_XML, "no beans.xml");
    }

    private void restClientIsFoundIn(String war, String what) throws MalformedURLException {
        try {
            deployer.deploy(war);
        } catch (RuntimeException failure) {
            fail("the WAR with " + what + " did not deploy: " + abbreviate(redact(causes(failure)), 3000));
        }
        try {
            AppClient discovery = new AppClient(new URL(deployment, "/" + war + "/"),
                    DiscoveryApplication.PATH + "/discovery/");
            JsonObject me = discovery.get("me");

            assertEquals(200, me.getInt("status"), me.toString());
            assertEquals(ItSimulator.app().serviceAccount().id(), me.getString("id"));
            List<ApiCall> calls = box.apiCalls();
            assertEquals(1, calls.size(), calls.toString());
            assertTrue(box.issuedTokens().contains(bearerToken(calls.get(0))),
                    "the call carried a token the simulator never issued");
            assertEquals(1, box.tokenRequests(), "the WAR's own box-ccg requested one token");

            // box-ccg's 401 interceptor works there too: after a revoke the caller does not see the 401.
            box.reset();
            box.revokeAllTokens();
            JsonObject again = discovery.get("me");
            assertEquals(200, again.getInt("status"), "the caller must not see the 401: " + again);
            List<ApiCall> retried = box.apiCalls();
            assertEquals(List.of(401, 200), retried.stream().map(ApiCall::status).toList(), retried.toString());
            assertEquals(1, box.tokenRequests(), "one new token after the revoke");
            report("a WAR with " + what + ": its @Inject @RestClient @BoxAuthenticated interface was found, sent a"
                    + " Box token, and was retried transparently after a revoke");
        } finally {
            deployer.undeploy(war);
        }
    }

    /**
     * 13. Header mode (the default configuration's {@code as-user-mode}): an {@code @BoxAuthenticated}
     * {@code @RestClient} called inside {@code BoxCalls.asUser(id, ...)} sends the service account's token with
     * {@code As-User: <id>}, and Box answers as that user; no token is requested for the user.
     */
    @Test
    @Order(13)
    void headerModeActsAsTheUserOfBoxCallsAsUser() {
        actsAsUserWithTheServiceAccountsToken("as-user/" + ItCredentials.AS_USER_ID + "/me", "BoxCalls.asUser");
    }

    /** 14. The same with the user as a {@code @HeaderParam("As-User")} parameter of the REST client's method. */
    @Test
    @Order(14)
    void headerModeActsAsTheUserOfAnAsUserHeaderParam() {
        actsAsUserWithTheServiceAccountsToken("as-user-header/" + ItCredentials.AS_USER_ID + "/me",
                "@HeaderParam(\"As-User\")");
    }

    private void actsAsUserWithTheServiceAccountsToken(String path, String how) {
        ItSimulator.app().performActionsAsUsers(true);
        try {
            JsonObject me = app.get(path);

            assertEquals(200, me.getInt("status"), me.toString());
            assertEquals(ItCredentials.AS_USER_ID, me.getString("id"), "Box answered as someone else: " + me);
            assertEquals(ItCredentials.AS_USER_LOGIN, me.getString("login"));
            List<ApiCall> calls = box.apiCalls();
            assertEquals(1, calls.size(), calls.toString());
            ApiCall call = calls.get(0);
            assertEquals("/2.0/users/me", call.path());
            assertEquals(ItCredentials.AS_USER_ID, call.asUser(), "no As-User header: " + call);
            assertEquals(me.getString("fingerprint"), Fingerprints.of(bearerToken(call)),
                    "the call carried the default configuration's (the service account's) token");
            assertIssued(me.getString("fingerprint"));
            assertEquals(0, box.tokenRequests("user", ItCredentials.AS_USER_ID), "header mode requests no user token");
            assertEquals(1, box.tokenRequests("enterprise", ItCredentials.ENTERPRISE_ID));
            assertEquals(1, box.tokenRequests());
            report("header mode (" + how + "): the service account's token with As-User: " + call.asUser()
                    + ", answered as that user");
        } finally {
            ItSimulator.app().performActionsAsUsers(false);
        }
    }

    /**
     * 15. User-token mode (the named configuration {@code asuser}, {@code as-user-mode=user-token}): inside
     * {@code BoxCalls.asUser(id, ...)} an {@code @BoxAuthenticated("asuser")} client requests a token for the user
     * and sends it, without {@code As-User}; the app needs no "Perform Actions as Users" for that.
     */
    @Test
    @Order(15)
    void userTokenModeSendsTheUsersOwnToken() {
        JsonObject me = app.get("user-token/" + ItCredentials.AS_USER_ID + "/me");

        assertEquals(200, me.getInt("status"), me.toString());
        assertEquals(ItCredentials.AS_USER_ID, me.getString("id"), "Box answered as someone else: " + me);
        assertEquals(ItCredentials.AS_USER_LOGIN, me.getString("login"));
        List<ApiCall> calls = box.apiCalls();
        assertEquals(1, calls.size(), calls.toString());
        ApiCall call = calls.get(0);
        assertNull(call.asUser(), "user-token mode sends no As-User header: " + call);
        String token = bearerToken(call);
        assertTrue(box.issuedTokens().contains(token), "the call carried a token the simulator never issued");
        assertEquals(me.getString("fingerprint"), Fingerprints.of(token),
                "the call carried the user's token, as @BoxApp(\"asuser\").forUser(id) holds it");
        assertEquals(1, box.tokenRequests("user", ItCredentials.AS_USER_ID), "one token request for the user");
        assertEquals(1, box.tokenRequests(), "and no other");
        report("user-token mode: a token for user " + ItCredentials.AS_USER_ID + ", no As-User header");
    }

    /**
     * 16. Header mode while the app lacks "Perform Actions as Users": Box refuses the call with 403
     * {@code access_denied_insufficient_permissions}, which the REST client's caller sees (not retried, not hidden),
     * so an operator can tell the app's settings are at fault.
     */
    @Test
    @Order(16)
    void headerModeWithoutPerformActionsAsUsersReportsBoxs403() {
        assertFalse(ItSimulator.app().performActionsAsUsers());

        JsonObject me = app.get("as-user/" + ItCredentials.AS_USER_ID + "/me");

        assertEquals(403, me.getInt("status"), me.toString());
        assertEquals("access_denied_insufficient_permissions", me.getString("code"), me.toString());
        List<ApiCall> calls = box.apiCalls();
        assertEquals(1, calls.size(), "a 403 is not retried: " + calls);
        assertEquals(403, calls.get(0).status());
        assertEquals(ItCredentials.AS_USER_ID, calls.get(0).asUser());
        assertEquals(0, box.tokenRequests("user", ItCredentials.AS_USER_ID));
        assertEquals(1, box.tokenRequests(), "the token was kept: a 403 is no reason to drop it");
        assertEquals(me.getString("fingerprint"), Fingerprints.of(bearerToken(calls.get(0))));
        report("As-User without \"Perform Actions as Users\": the caller got " + me.getInt("status") + " "
                + me.getString("code") + " (\"" + me.getString("message") + "\")");
    }

    /**
     * 17. User-token mode after the user's token is revoked: the next call as that user gets a 401, box-ccg drops the
     * user's token (not the service account's) and retries once, transparently, with a new token for the user.
     */
    @Test
    @Order(17)
    void userTokenModeRetriesOnceAfterTheUsersTokenIsRevoked() {
        String path = "user-token/" + ItCredentials.AS_USER_ID + "/me";
        assertEquals(200, app.get(path).getInt("status"));
        String revoked = bearerToken(box.apiCalls().get(0));
        box.reset();
        box.revoke(revoked);

        JsonObject me = app.get(path);

        assertEquals(200, me.getInt("status"), "the caller must not see the 401: " + me);
        assertEquals(ItCredentials.AS_USER_ID, me.getString("id"));
        List<ApiCall> calls = box.apiCalls();
        assertEquals(List.of(401, 200), calls.stream().map(ApiCall::status).toList(), calls.toString());
        assertEquals(revoked, bearerToken(calls.get(0)), "the first try carried the revoked user token");
        String fresh = bearerToken(calls.get(1));
        assertNotEquals(revoked, fresh, "the retry carried a new token");
        assertEquals(me.getString("fingerprint"), Fingerprints.of(fresh), "the new token is the user's");
        assertTrue(calls.stream().allMatch(call -> call.asUser() == null), calls.toString());
        assertEquals(1, box.tokenRequests("user", ItCredentials.AS_USER_ID), "one new token for the user");
        assertEquals(1, box.tokenRequests(), "and none for the service account");
        report("user-token mode after a revoke: [401, 200] at the simulator, the caller saw 200");
    }

    /**
     * 18. A downscoped token ({@code item_read item_preview} on the root folder) from the injected provider lists
     * {@code /2.0/folders/0/items} through a plain JAX-RS client whose {@code Authorization} the caller sets: 200,
     * Box's two scopes, one token exchange; a second call uses the cached downscoped token, with no new exchange.
     */
    @Test
    @Order(18)
    void downscopedTokenListsItsFolder() {
        JsonObject first = app.get("downscoped/folder-items");

        assertEquals(200, first.getInt("status"), first.toString());
        assertEquals(List.of("item_preview", "item_read"),
                first.getJsonArray("scopes").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                        .sorted().toList(), first.toString());
        String fingerprint = first.getString("fingerprint");
        assertIssued(fingerprint);
        assertNotEquals(first.getString("parentFingerprint"), fingerprint, "the downscoped token is a token of its own");
        assertEquals(1, box.tokenExchangeRequests(), "one token exchange");
        assertEquals(1, box.tokenRequestsByGrantType("client_credentials"), "and the one parent token it needed");
        List<ApiCall> calls = box.apiCalls();
        assertEquals(1, calls.size(), calls.toString());
        assertEquals("/2.0/folders/0/items", calls.get(0).path());
        assertEquals(fingerprint, Fingerprints.of(bearerToken(calls.get(0))),
                "the call carried the downscoped token as the caller set it");

        JsonObject second = app.get("downscoped/folder-items");
        assertEquals(200, second.getInt("status"), second.toString());
        assertEquals(fingerprint, second.getString("fingerprint"), "the downscoped token is cached");
        assertEquals(1, box.tokenExchangeRequests(), "no second token exchange while it is valid");
        assertEquals(2, box.tokenRequests(), "no other token request either");
        report("downscoped token (fingerprint " + fingerprint + ", restricted to " + first.getJsonArray("restrictedTo")
                + ") listed /2.0/folders/0/items: " + first.getInt("status") + ", " + first.getInt("total_count")
                + " items; cached for the second call");
    }

    /**
     * 19. {@code BoxTokenProvider.revoke()}: the simulator gets one revoke request and the token stops working; the
     * next {@code @BoxAuthenticated} call requests a fresh token and succeeds at once (no 401: the revoked token
     * was dropped).
     */
    @Test
    @Order(19)
    void revokeOnDemandRevokesAndTheNextCallGetsAFreshToken() {
        assertEquals(200, app.get("me").getInt("status"));
        String held = bearerToken(box.apiCalls().get(0));
        box.reset();

        JsonObject revoked = app.post("revoke");

        assertEquals(Fingerprints.of(held), revoked.getString("revoked"), revoked.toString());
        assertEquals(1, box.revokeRequests(), "one revoke request");
        assertEquals(0, box.downscopedTokenRevokeRequests());
        assertEquals(0, box.tokenRequests(), "revoking requests no token");
        assertEquals(401, apiStatusWith(held), "Box no longer accepts the revoked token");
        box.reset();

        JsonObject me = app.get("me");

        assertEquals(200, me.getInt("status"), me.toString());
        List<ApiCall> calls = box.apiCalls();
        assertEquals(List.of(200), calls.stream().map(ApiCall::status).toList(), calls.toString());
        String fresh = bearerToken(calls.get(0));
        assertNotEquals(held, fresh, "the call after the revoke carried a new token");
        assertEquals(me.getString("fingerprint"), Fingerprints.of(fresh));
        assertEquals(1, box.tokenRequests(), "one new token request");
        assertEquals(0, box.revokeRequests());
        report("revoke(): one revoke request, the token answers 401, the next call got a fresh token");
    }

    /**
     * 20. A WAR with {@code box.ccg.revoke-on-stop=2s} that holds a token is undeployed: box-ccg revokes exactly
     * that token while the application stops (one revoke request; the token answers 401 afterwards), and the
     * undeployment takes less than the 2 s deadline plus a tolerance for the server's own work.
     */
    @Test
    @Order(20)
    void undeploymentRevokesTheTokensWithRevokeOnStop() throws MalformedURLException, InterruptedException {
        String war = ItDeployments.REVOKE_ON_STOP;
        try {
            deployer.deploy(war);
        } catch (RuntimeException failure) {
            fail("the WAR with revoke-on-stop did not deploy: " + abbreviate(redact(causes(failure)), 3000));
        }
        boolean deployed = true;
        try {
            AppClient revoking = new AppClient(new URL(deployment, "/" + war + "/"),
                    DiscoveryApplication.PATH + "/discovery/");
            assertEquals(200, revoking.get("me").getInt("status"));
            assertEquals(1, box.tokenRequests(), "the WAR's own box-ccg requested one token");
            String held = bearerToken(box.apiCalls().get(0));
            assertTrue(box.issuedTokens().contains(held));
            box.reset();
            ServerLog log = ItServer.log();
            long mark = log.mark();

            long start = System.nanoTime();
            deployed = false;
            deployer.undeploy(war);
            Duration undeploy = Duration.ofNanos(System.nanoTime() - start);

            int revokes = box.revokeRequests();
            int status = apiStatusWith(held);
            String logged = String.join(" | ", ServerLog.linesContaining(
                    log.awaitFrom(mark, text -> text.contains(REVOKED_ON_CLOSE), Duration.ofSeconds(3)),
                    REVOKED_ON_CLOSE));
            report("undeploying a WAR with revoke-on-stop=" + ItDeployments.REVOKE_ON_STOP_DEADLINE + " took "
                    + undeploy.toMillis() + " ms; revoke requests: " + revokes + "; its token then answers " + status
                    + "; the log says: " + (logged.isEmpty() ? "nothing about it" : logged));
            assertEquals(1, revokes, "one revoke request while the WAR stopped");
            assertEquals(401, status, "the WAR's token was revoked");
            assertEquals(0, box.tokenRequests(), "stopping requests no token");
            assertTrue(undeploy.compareTo(UNDEPLOY_LIMIT) < 0, "undeploying took " + undeploy.toMillis()
                    + " ms, more than the revoke-on-stop deadline plus " + UNDEPLOY_TOLERANCE.toMillis() + " ms");
        } finally {
            if (deployed) {
                deployer.undeploy(war);
            }
        }
    }

    /**
     * 21. MicroProfile Health: box-ccg adds one readiness check per configuration the application uses; after a token
     * the default configuration's is UP with its subject and expiry; a probe asks Box nothing and shows no secret or
     * token.
     */
    @Test
    @Order(21)
    void readinessCheckIsUpAfterATokenWithItsData() {
        app.get("token");
        int requests = box.tokenRequests();
        java.net.URI url = ItServer.healthUrl();
        HttpResponse<String> answer = readiness();
        String body = answer.body();
        if (!ItServer.healthApi()) {
            // No MicroProfile Health on this server: box-ccg's integration stays out of the way. The application
            // deployed and served the token above; there is no readiness endpoint to hold a check.
            assertEquals(404, answer.statusCode(), "no health endpoint expected at " + url + ": " + abbreviate(body, 500));
            report("GET " + url + " -> HTTP 404: no MicroProfile Health on this server; box-ccg deployed and works");
            return;
        }
        assertTrue(body.startsWith("{"), "not JSON from " + url + " (HTTP " + answer.statusCode() + "): "
                + redact(abbreviate(body, 2000)));
        JsonObject health = jakarta.json.Json.createReader(new StringReader(body)).readObject();
        Map<String, JsonObject> checks = new java.util.TreeMap<>();
        health.getJsonArray("checks").getValuesAs(JsonObject.class)
                .forEach(check -> checks.put(check.getString("name"), check));
        assertTrue(checks.containsKey("box-ccg") && checks.containsKey("box-ccg:hr"),
                "no box-ccg readiness checks in " + url + " (HTTP " + answer.statusCode() + "): " + redact(body));
        JsonObject check = checks.get("box-ccg");
        assertEquals("UP", check.getString("status"), check.toString());
        JsonObject data = check.getJsonObject("data");
        assertEquals("default", data.getString("configuration"));
        assertEquals("enterprise " + ItCredentials.ENTERPRISE_ID, data.getString("subject"));
        assertEquals("token held", data.getString("state"));
        assertTrue(Instant.parse(data.getString("valid-until")).isAfter(Instant.now().plus(Duration.ofMinutes(50))),
                data.toString());
        assertFalse(body.contains(ItCredentials.CLIENT_SECRET) || body.contains(ItCredentials.HR_CLIENT_SECRET),
                "a client secret in " + url);
        box.issuedTokens().forEach(token -> assertFalse(body.contains(token), "a token in " + url));
        assertEquals(requests, box.tokenRequests(), "the probe asked Box for nothing");
        report("GET " + url + " -> HTTP " + answer.statusCode() + " " + redact(body));
    }

    /** {@code GET} {@link ItServer#healthUrl()}: the server's readiness checks. */
    private static HttpResponse<String> readiness() {
        java.net.URI url = ItServer.healthUrl();
        try {
            return SIMULATOR_CLIENT.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: GET " + url, e);
        }
    }

    /**
     * 22. Telemetry: box-ccg's metrics and spans, read where the server puts them ({@link ItServer#telemetryTraces()},
     * {@link ItServer#telemetryMetrics()}). Over OTLP the test WAR's MicroProfile Telemetry exports to the test JVM's
     * {@link OtlpReceiver}; MicroProfile Metrics is scraped at {@link ItServer#metricsUrl()}. The traffic: three
     * {@code @BoxAuthenticated} calls (one token request, {@code issued}), calls across 3 s tokens (renewals ahead of
     * expiry), and a token for a user Box does not know ({@code asuser}: {@code refused}, {@code invalid_grant}).
     * Then: the metric names with their configuration, subject type and outcome; the span
     * {@value #TOKEN_REQUEST_SPAN} for each kind of request; where a server lacks one, the documented absence; and
     * nothing exported holds a client secret, a token the simulator issued, or (in box-ccg's own metrics and spans)
     * a client, enterprise or user ID. (The tenants' telemetry is checked by scenario 23, after their traffic.)
     */
    @Test
    @Order(22)
    void telemetryShowsTokenRequestsWithoutSecretsOrIds() throws InterruptedException {
        ItServer.Export traces = ItServer.telemetryTraces();
        ItServer.Export metrics = ItServer.telemetryMetrics();
        OtlpReceiver otlp = ItTelemetry.receiver();

        for (int i = 0; i < 3; i++) {
            assertEquals(200, app.get("me").getInt("status"));
        }
        assertEquals(1, box.tokenRequests(), "three calls, one token request");
        int renewals = renewAcrossShortLivedTokens();
        JsonObject refused = app.get("user-token/" + UNKNOWN_USER_ID + "/token");
        assertTrue(refused.getBoolean("refused"), "Box issued a token for a user it does not know: " + refused);
        assertEquals("invalid_grant", refused.getString("error"), refused.toString());
        report("telemetry traffic: 3 calls (1 token request), " + renewals + " token requests across 3 s tokens, 1"
                + " refused (asuser, user " + UNKNOWN_USER_ID + ": " + refused.getInt("status") + " "
                + refused.getString("error") + ")");

        if (metrics == ItServer.Export.OTLP) {
            assertBoxCcgMetricsExportedOverOtlp(otlp);
        } else if (metrics == ItServer.Export.MP_METRICS) {
            assertBoxCcgMetricsOnMicroProfileMetrics();
        }
        if (traces == ItServer.Export.OTLP) {
            assertTokenRequestSpansExportedOverOtlp(otlp);
        }
        if (ItServer.exportsOtlp() && metrics != ItServer.Export.OTLP) {
            // The WAR sets otel.metrics.exporter=none here (ItTelemetry.otelConfig): box-ccg records its metrics
            // once, where the module reads them, and none of them reach OTLP. By now spans arrived.
            List<String> exported = otlp.metricPoints().stream().map(OtlpReceiver.MetricPoint::name)
                    .filter(name -> name.startsWith(METRIC_PREFIX)).distinct().toList();
            assertEquals(List.of(), exported, "box-ccg's metrics went over OTLP although otel.metrics.exporter=none");
            report("OpenTelemetry metrics: none of box-ccg's over OTLP with otel.metrics.exporter=none (OTLP metric"
                    + " exports received: " + otlp.exports().stream()
                    .filter(e -> e.signal() == OtlpReceiver.Signal.METRICS).count() + ")");
        }
        if (!ItServer.exportsOtlp()) {
            assertEquals(List.of(), otlp.exports(), "the WAR turns no OpenTelemetry export on here");
            report("no telemetry the suite can read on this server (" + ItServer.TELEMETRY_TRACES + " and "
                    + ItServer.TELEMETRY_METRICS + " none): box-ccg works without it, as the calls above show");
        }
        assertNothingSecretIn(otlp);
    }

    /** box-ccg's span per token request (box-ccg-impl's OpenTelemetryTracing). */
    private static final String TOKEN_REQUEST_SPAN = "box-ccg token request";
    private static final String METRIC_PREFIX = "box.ccg.";
    /** A user of no enterprise in the simulator: Box refuses a token for them. */
    private static final String UNKNOWN_USER_ID = "880099";
    /** How long exports may take to arrive: the WAR exports metrics every second and spans after 200 ms. */
    private static final Duration TELEMETRY_WAIT = Duration.ofSeconds(30);

    /** @return how many token requests the default configuration made while tokens lived 3 s (renewals included) */
    private int renewAcrossShortLivedTokens() throws InterruptedException {
        // The long-lived token held is dropped first (while tokens are long-lived, as "forget" needs), so that the
        // next one lives 3 s; reset() restores long-lived tokens, hence the order.
        app.post("forget");
        box.reset();
        box.tokenLifetime(Duration.ofSeconds(3));
        try {
            long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < end && box.tokenRequests("enterprise", ItCredentials.ENTERPRISE_ID) < 3) {
                assertEquals(200, app.get("me").getInt("status"));
                Thread.sleep(100);
            }
            int requests = box.tokenRequests("enterprise", ItCredentials.ENTERPRISE_ID);
            assertTrue(requests >= 3, "a token and at least 2 renewals expected in 8 s of 3 s tokens, got " + requests);
            return requests;
        } finally {
            box.tokenLifetime(Duration.ofHours(1));
        }
    }

    private void assertBoxCcgMetricsExportedOverOtlp(OtlpReceiver otlp) throws InterruptedException {
        // Cumulative sums, exported every second: wait for an export that has seen the whole traffic.
        boolean arrived = otlp.await(receiver -> {
            List<OtlpReceiver.MetricPoint> points = receiver.metricPoints();
            return hasPoint(points, "box.ccg.token.requests", REFUSED_USER_TOKEN)
                    && hasPoint(points, "box.ccg.token.renewals", Map.of(CONFIGURATION, "default"));
        }, TELEMETRY_WAIT);
        List<OtlpReceiver.MetricPoint> points = otlp.metricPoints().stream()
                .filter(point -> point.name().startsWith(METRIC_PREFIX)).toList();
        assertTrue(arrived, "box-ccg's token requests (a refused user token) and renewals did not reach " + otlp + " in "
                + TELEMETRY_WAIT.toSeconds() + " s; box-ccg's points received: " + points);

        assertTrue(hasPoint(points, "box.ccg.token.requests", Map.of(CONFIGURATION, "default",
                SUBJECT_TYPE, "enterprise", OUTCOME, "issued")), points.toString());
        assertTrue(hasPoint(points, "box.ccg.token.requests", REFUSED_USER_TOKEN), points.toString());
        assertTrue(hasPoint(points, "box.ccg.cooldowns", Map.of(SUBJECT_TYPE, "as_user", "error.type", "invalid_grant")),
                points.toString());
        assertTrue(hasPoint(points, "box.ccg.token.request.duration", Map.of(CONFIGURATION, "default",
                OUTCOME, "issued")), points.toString());
        assertTrue(hasPoint(points, "box.ccg.token.renewals", Map.of(CONFIGURATION, "default",
                SUBJECT_TYPE, "enterprise")), points.toString());
        assertTrue(hasPoint(points, "box.ccg.tokens.held", Map.of(CONFIGURATION, "default")), points.toString());
        assertTrue(hasPoint(points, "box.ccg.token.expires_in", Map.of(CONFIGURATION, "default")), points.toString());
        assertEquals("s", unitOf(points, "box.ccg.token.request.duration"));
        assertEquals(ItDeployments.APP, points.get(0).service(), "otel.service.name of the WAR");
        for (OtlpReceiver.MetricPoint point : points) {
            assertNoIdIn(point.name() + point.attributes(), "the exported metric point " + point);
        }
        List<String> names = points.stream().map(OtlpReceiver.MetricPoint::name).distinct().sorted().toList();
        report("OTLP metrics of box-ccg: " + names);
        // Cumulative sums: the last export of each attribute set holds the run's totals.
        Map<Map<String, String>, OtlpReceiver.MetricPoint> last = new java.util.LinkedHashMap<>();
        points.stream().filter(point -> point.name().equals("box.ccg.token.requests"))
                .forEach(point -> last.put(point.attributes(), point));
        last.values().forEach(point -> report("  exported " + point.name() + " " + point.attributes() + " "
                + point.value()));
    }

    private void assertBoxCcgMetricsOnMicroProfileMetrics() throws InterruptedException {
        java.net.URI url = ItServer.metricsUrl();
        HttpResponse<String> scraped = httpGet(url);
        assertEquals(200, scraped.statusCode(), url + ": " + abbreviate(scraped.body(), 500));
        String body = scraped.body();
        List<PrometheusText.Sample> samples = PrometheusText.samples(body).stream()
                .filter(sample -> sample.name().startsWith("box_ccg_")).toList();
        // MicroProfile Metrics' names: dots become underscores, a counter gets _total, a timer _seconds_count, ...;
        // tags are configuration, subject_type, outcome, error_type (box-ccg-impl's MicroProfileMetrics).
        assertTrue(hasSample(samples, "box_ccg_token_requests", Map.of("configuration", "default",
                "subject_type", "enterprise", "outcome", "issued")), abbreviate(samples.toString(), 4000));
        assertTrue(hasSample(samples, "box_ccg_token_requests", Map.of("subject_type", "as_user",
                "outcome", "refused", "error_type", "invalid_grant")), abbreviate(samples.toString(), 4000));
        assertTrue(hasSample(samples, "box_ccg_cooldowns", Map.of("subject_type", "as_user",
                "error_type", "invalid_grant")), abbreviate(samples.toString(), 4000));
        assertTrue(hasSample(samples, "box_ccg_token_renewals", Map.of("configuration", "default")),
                abbreviate(samples.toString(), 4000));
        assertTrue(hasSample(samples, "box_ccg_token_request_duration", Map.of("configuration", "default")),
                abbreviate(samples.toString(), 4000));
        assertTrue(hasSample(samples, "box_ccg_token_expires_in", Map.of("configuration", "default")),
                abbreviate(samples.toString(), 4000));
        for (PrometheusText.Sample sample : samples) {
            assertNoIdIn(sample.line(), "the MicroProfile Metrics line " + sample.line());
            // Seconds, not nanoseconds: no token request of this run took a minute (Payara once showed 5.9E8 here).
            if (sample.name().startsWith("box_ccg_token_request_duration_seconds")
                    && (sample.name().endsWith("_max") || sample.name().endsWith("_sum"))) {
                assertTrue(sample.value() < 60, "a duration in seconds: " + sample.line());
            }
        }
        assertFalse(body.contains(ItCredentials.CLIENT_SECRET) || body.contains(ItCredentials.HR_CLIENT_SECRET),
                "a client secret in " + url);
        box.issuedTokens().forEach(token -> assertFalse(body.contains(token), "a token in " + url));
        report("MicroProfile Metrics of box-ccg at " + url + ": " + samples.stream().map(PrometheusText.Sample::name)
                .distinct().sorted().toList());
        samples.stream().filter(sample -> sample.name().startsWith("box_ccg_token_requests"))
                .forEach(sample -> report("  scraped " + sample.line()));
    }

    private void assertTokenRequestSpansExportedOverOtlp(OtlpReceiver otlp) throws InterruptedException {
        boolean arrived = otlp.await(receiver -> {
            List<OtlpReceiver.SpanSeen> spans = receiver.spans();
            return hasSpan(spans, REFUSED_USER_TOKEN)
                    && hasSpan(spans, Map.of(CONFIGURATION, "default", "box.ccg.renewal", "true"));
        }, TELEMETRY_WAIT);
        List<OtlpReceiver.SpanSeen> spans = otlp.spans().stream()
                .filter(span -> span.name().equals(TOKEN_REQUEST_SPAN)).toList();
        assertTrue(arrived, "box-ccg's spans (a refused user token, a renewal) did not reach " + otlp + " in "
                + TELEMETRY_WAIT.toSeconds() + " s; spans received: " + spanNames(otlp));

        assertTrue(hasSpan(spans, Map.of(CONFIGURATION, "default", SUBJECT_TYPE, "enterprise", OUTCOME, "issued",
                "box.ccg.renewal", "false")), spans.toString());
        assertTrue(hasSpan(spans, REFUSED_USER_TOKEN), spans.toString());
        assertTrue(spans.stream().allMatch(span -> span.kind().equals("SPAN_KIND_CLIENT")), spans.toString());
        // The server's own span of the resource proves the OTLP path independently of box-ccg.
        String resourcePath = "/" + dev.boxccg.it.app.ItApplication.PATH + "/box/me";
        assertTrue(otlp.spans().stream().anyMatch(span -> span.kind().equals("SPAN_KIND_SERVER")
                && mentions(span, resourcePath)), "no server span of GET " + resourcePath + ": " + spanNames(otlp));
        for (OtlpReceiver.SpanSeen span : spans) {
            assertNoIdIn(span.name() + span.attributes(), "the exported span " + span);
        }
        report("OTLP spans received: " + spanNames(otlp));
        spans.stream().map(span -> span.kind() + " " + span.name() + " " + span.attributes()).distinct().limit(4)
                .forEach(span -> report("  exported " + span));
    }

    private static final String CONFIGURATION = "box.ccg.configuration";
    private static final String SUBJECT_TYPE = "box.ccg.subject.type";
    private static final String OUTCOME = "box.ccg.outcome";
    /**
     * The refused token of {@link #UNKNOWN_USER_ID}, fetched through the configuration {@code asuser}. Its
     * {@code box.ccg.configuration} is not asserted: {@code asuser} shares the default configuration's app and
     * subject, hence its engine, and box-ccg labels that engine's tokens {@code default} (WildFly 39, 2026-11-30).
     */
    private static final Map<String, String> REFUSED_USER_TOKEN = Map.of(SUBJECT_TYPE, "as_user", OUTCOME, "refused",
            "error.type", "invalid_grant");

    private static boolean hasPoint(List<OtlpReceiver.MetricPoint> points, String name, Map<String, String> attributes) {
        return points.stream().anyMatch(point -> point.name().equals(name)
                && point.attributes().entrySet().containsAll(attributes.entrySet()));
    }

    private static String unitOf(List<OtlpReceiver.MetricPoint> points, String name) {
        return points.stream().filter(point -> point.name().equals(name)).map(OtlpReceiver.MetricPoint::unit)
                .findFirst().orElse(null);
    }

    private static boolean hasSample(List<PrometheusText.Sample> samples, String namePrefix,
                                     Map<String, String> labels) {
        return samples.stream().anyMatch(sample -> sample.name().startsWith(namePrefix)
                && sample.labels().entrySet().containsAll(labels.entrySet()));
    }

    private static boolean hasSpan(List<OtlpReceiver.SpanSeen> spans, Map<String, String> attributes) {
        return spans.stream().anyMatch(span -> span.name().equals(TOKEN_REQUEST_SPAN)
                && span.attributes().entrySet().containsAll(attributes.entrySet()));
    }

    /** box-ccg labels by configuration and kind of subject, never by who: no client, enterprise or user ID. */
    private static void assertNoIdIn(String text, String what) {
        for (String id : List.of(ItCredentials.CLIENT_ID, ItCredentials.HR_CLIENT_ID, ItCredentials.ENTERPRISE_ID,
                ItCredentials.HR_ENTERPRISE_ID, ItCredentials.HR_USER_ID, ItCredentials.AS_USER_ID, UNKNOWN_USER_ID,
                // tenants are named by label only: no tenant key (may be a customer's name), client or enterprise ID
                ItCredentials.TENANT_ACME, ItCredentials.TENANT_GLOBEX, ItCredentials.TENANT_INITECH,
                ItCredentials.ACME_CLIENT_ID, ItCredentials.GLOBEX_CLIENT_ID, ItCredentials.INITECH_CLIENT_ID,
                ItCredentials.ACME_ENTERPRISE_ID, ItCredentials.GLOBEX_ENTERPRISE_ID,
                ItCredentials.INITECH_ENTERPRISE_ID)) {
            assertFalse(text.contains(id), what + " holds the ID " + id);
        }
    }

    private static boolean mentions(OtlpReceiver.SpanSeen span, String path) {
        return span.name().contains(path) || span.attributes().values().stream().anyMatch(value -> value.contains(path));
    }

    private static List<String> spanNames(OtlpReceiver otlp) {
        return otlp.spans().stream().map(span -> span.kind() + " " + span.name()).distinct().sorted().toList();
    }

    private static final List<String> TENANT_SECRETS = List.of(ItCredentials.ACME_CLIENT_SECRET,
            ItCredentials.GLOBEX_CLIENT_SECRET, ItCredentials.INITECH_CLIENT_SECRET);

    /** Everything the receiver got in this run (bytes, whatever the field): no client secret, no issued token. */
    private void assertNothingSecretIn(OtlpReceiver otlp) {
        assertFalse(otlp.anyExportContains(ItCredentials.CLIENT_SECRET), "the default client secret was exported");
        assertFalse(otlp.anyExportContains(ItCredentials.HR_CLIENT_SECRET), "the hr client secret was exported");
        for (String secret : TENANT_SECRETS) {
            assertFalse(otlp.anyExportContains(secret), "a tenant's client secret was exported");
        }
        Set<String> issued = box.issuedTokens();
        for (String token : issued) {
            assertFalse(otlp.anyExportContains(token), "the token with fingerprint " + Fingerprints.of(token)
                    + " was exported");
        }
        report("OTLP exports received: " + otlp.exports().size() + "; no client secret and none of the "
                + issued.size() + " tokens the simulator issued in this run in them");
    }

    /**
     * 23. Many Box enterprises: the configuration {@code customers} serves tenants; inside {@code BoxCalls.asTenant}
     * an {@code @BoxAuthenticated("customers")} REST client sends each tenant's own token, of credentials the
     * application's {@code BoxTenantCredentials} bean resolved: the simulator answers as each tenant's service account,
     * saw each call with that tenant's token, and issued one token per tenant's enterprise. Then Box refuses a third
     * tenant (initech, whose app its admin did not authorize): each tenant has a label ({@code t-} and 12 hex digits),
     * and where the server has MicroProfile Health the {@code box-ccg:customers} check stays UP and lists initech, by
     * label only, as {@code refused (invalid_grant)}, and neither healthy tenant; no tenant key, enterprise ID, client
     * ID or secret in it. In between, the tenants' telemetry ({@link #assertTenantTelemetry}).
     */
    @Test
    @Order(23)
    void eachTenantsCallsCarryItsOwnToken() throws InterruptedException {
        JsonObject acme = app.get("tenants/" + ItCredentials.TENANT_ACME + "/me");
        JsonObject globex = app.get("tenants/" + ItCredentials.TENANT_GLOBEX + "/me");
        JsonObject acmeAgain = app.get("tenants/" + ItCredentials.TENANT_ACME + "/me");

        for (JsonObject answer : List.of(acme, globex, acmeAgain)) {
            assertEquals(200, answer.getInt("status"), answer.toString());
        }
        assertEquals(ItSimulator.acmeApp().serviceAccount().id(), acme.getString("id"), acme.toString());
        assertEquals(ItSimulator.globexApp().serviceAccount().id(), globex.getString("id"), globex.toString());
        assertEquals(acme.getString("id"), acmeAgain.getString("id"));
        assertNotEquals(acme.getString("fingerprint"), globex.getString("fingerprint"));
        assertEquals(acme.getString("fingerprint"), acmeAgain.getString("fingerprint"), "acme's token is cached");
        List<ApiCall> calls = box.apiCalls();
        assertEquals(3, calls.size(), calls.toString());
        List<JsonObject> answers = List.of(acme, globex, acmeAgain);
        for (int i = 0; i < 3; i++) {
            assertEquals(answers.get(i).getString("fingerprint"), Fingerprints.of(bearerToken(calls.get(i))),
                    "call " + (i + 1) + " carried its tenant's token");
        }
        assertEquals(1, box.tokenRequests("enterprise", ItCredentials.ACME_ENTERPRISE_ID));
        assertEquals(1, box.tokenRequests("enterprise", ItCredentials.GLOBEX_ENTERPRISE_ID));
        report("tenants acme and globex: each call with its own tenant's token, one token request per enterprise");

        JsonObject initech = app.get("tenants/" + ItCredentials.TENANT_INITECH + "/token");
        assertEquals("invalid_grant", initech.getString("error", ""), initech.toString());
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (String tenant : List.of(ItCredentials.TENANT_ACME, ItCredentials.TENANT_GLOBEX,
                ItCredentials.TENANT_INITECH)) {
            JsonObject answer = app.get("tenants/" + tenant + "/token");
            String label = answer.getString("label", "");
            assertTrue(label.matches("t-[0-9a-f]{12}"), tenant + "'s label: " + answer);
            labels.put(tenant, label);
        }
        assertEquals(3, Set.copyOf(labels.values()).size(), "distinct labels: " + labels);
        assertTenantTelemetry(labels);
        HttpResponse<String> answer = readiness();
        String body = answer.body();
        if (!ItServer.healthApi()) {
            assertEquals(404, answer.statusCode(), "no health endpoint expected: " + abbreviate(body, 500));
            report("tenant labels " + labels.values() + "; no MicroProfile Health on this server (HTTP 404)");
            return;
        }
        JsonObject customers = jakarta.json.Json.createReader(new StringReader(body)).readObject()
                .getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("box-ccg:" + ItCredentials.TENANTS_CONFIGURATION))
                .findFirst().orElseThrow(() -> new AssertionError("no box-ccg:customers check: " + redact(body)));
        assertEquals("UP", customers.getString("status"), customers.toString());
        JsonObject data = customers.getJsonObject("data");
        assertEquals("refused (invalid_grant)", data.getString("tenant " + labels.get(ItCredentials.TENANT_INITECH),
                ""), data.toString());
        assertEquals(List.of("tenant " + labels.get(ItCredentials.TENANT_INITECH)),
                data.keySet().stream().filter(key -> key.startsWith("tenant ")).toList(), "only the refused one");
        assertEquals("1", data.getString("tenants-refused"), data.toString());
        String shown = data.toString();
        for (String revealing : List.of(ItCredentials.TENANT_ACME, ItCredentials.TENANT_GLOBEX,
                ItCredentials.TENANT_INITECH, ItCredentials.ACME_ENTERPRISE_ID, ItCredentials.GLOBEX_ENTERPRISE_ID,
                ItCredentials.INITECH_ENTERPRISE_ID, ItCredentials.INITECH_CLIENT_ID,
                ItCredentials.INITECH_CLIENT_SECRET)) {
            assertFalse(shown.contains(revealing), "'" + revealing + "' in " + shown);
        }
        report("GET " + ItServer.healthUrl() + " box-ccg:customers -> " + customers);
    }

    private static final String TENANT = "box.ccg.tenant";

    /**
     * 23, telemetry per tenant (issue 11): what scenario 22 checks of box-ccg's own configurations, for the tenants
     * of {@code customers}, after their traffic above. Here rather than in 22 because a tenant's token stays cached
     * ({@code forget} drops none), so tenant traffic in 22 would leave 23 no token request to count. Over OTLP:
     * {@code box.ccg.token.requests} points and {@code box-ccg token request} spans with
     * {@code box.ccg.configuration=customers} and {@code box.ccg.tenant} = each tenant's label as
     * {@code BoxTenants.label} gave it (issued for acme and globex, refused for initech); through MicroProfile Metrics
     * the same with the tag {@code tenant}, and {@code tenant="none"} on the default configuration's series. Nothing
     * exported holds a tenant's secret; box-ccg's own points, spans and series hold no tenant key, client ID or
     * enterprise ID. Where the server exports nothing the suite can read, nothing arrived.
     */
    private void assertTenantTelemetry(Map<String, String> labels) throws InterruptedException {
        OtlpReceiver otlp = ItTelemetry.receiver();
        String customers = ItCredentials.TENANTS_CONFIGURATION;
        Map<String, String> acme = Map.of(CONFIGURATION, customers, TENANT, labels.get(ItCredentials.TENANT_ACME),
                OUTCOME, "issued");
        Map<String, String> globex = Map.of(CONFIGURATION, customers, TENANT,
                labels.get(ItCredentials.TENANT_GLOBEX), OUTCOME, "issued");
        Map<String, String> initech = Map.of(CONFIGURATION, customers, TENANT,
                labels.get(ItCredentials.TENANT_INITECH), OUTCOME, "refused", "error.type", "invalid_grant");
        if (ItServer.telemetryMetrics() == ItServer.Export.OTLP) {
            boolean arrived = otlp.await(receiver -> {
                List<OtlpReceiver.MetricPoint> points = receiver.metricPoints();
                return hasPoint(points, "box.ccg.token.requests", acme)
                        && hasPoint(points, "box.ccg.token.requests", globex)
                        && hasPoint(points, "box.ccg.token.requests", initech);
            }, TELEMETRY_WAIT);
            List<OtlpReceiver.MetricPoint> points = otlp.metricPoints().stream()
                    .filter(point -> point.name().startsWith(METRIC_PREFIX)).toList();
            List<OtlpReceiver.MetricPoint> tenantPoints = points.stream()
                    .filter(point -> point.attributes().containsKey(TENANT)).toList();
            assertTrue(arrived, "the tenants' token requests did not reach " + otlp + " in "
                    + TELEMETRY_WAIT.toSeconds() + " s; box-ccg's points with " + TENANT + ": " + tenantPoints);
            assertTrue(hasPoint(points, "box.ccg.cooldowns", Map.of(CONFIGURATION, customers, TENANT,
                    labels.get(ItCredentials.TENANT_INITECH), "error.type", "invalid_grant")), tenantPoints.toString());
            assertTrue(tenantPoints.stream().allMatch(point -> point.attributes().get(CONFIGURATION).equals(customers)
                    && labels.containsValue(point.attributes().get(TENANT))), "a tenant's point of another"
                    + " configuration or with another label: " + tenantPoints);
            for (OtlpReceiver.MetricPoint point : points) {
                assertNoIdIn(point.name() + point.attributes(), "the exported metric point " + point);
            }
            Map<Map<String, String>, OtlpReceiver.MetricPoint> last = new java.util.LinkedHashMap<>();
            tenantPoints.stream().filter(point -> point.name().equals("box.ccg.token.requests"))
                    .forEach(point -> last.put(point.attributes(), point));
            last.values().forEach(point -> report("  exported " + point.name() + " " + point.attributes() + " "
                    + point.value()));
        } else if (ItServer.telemetryMetrics() == ItServer.Export.MP_METRICS) {
            assertTenantSeriesOnMicroProfileMetrics(labels);
        }
        if (ItServer.telemetryTraces() == ItServer.Export.OTLP) {
            Map<String, String> acmeSpan = Map.of(CONFIGURATION, customers, TENANT,
                    labels.get(ItCredentials.TENANT_ACME), SUBJECT_TYPE, "enterprise", OUTCOME, "issued");
            boolean arrived = otlp.await(receiver -> hasSpan(receiver.spans(), acmeSpan)
                    && hasSpan(receiver.spans(), initech), TELEMETRY_WAIT);
            List<OtlpReceiver.SpanSeen> spans = otlp.spans().stream()
                    .filter(span -> span.name().equals(TOKEN_REQUEST_SPAN)).toList();
            List<OtlpReceiver.SpanSeen> tenantSpans = spans.stream()
                    .filter(span -> span.attributes().containsKey(TENANT)).toList();
            assertTrue(arrived, "the tenants' token request spans (acme issued, initech refused) did not reach "
                    + otlp + " in " + TELEMETRY_WAIT.toSeconds() + " s; box-ccg's spans with " + TENANT + ": "
                    + tenantSpans);
            assertTrue(hasSpan(spans, Map.of(CONFIGURATION, customers, TENANT, labels.get(ItCredentials.TENANT_GLOBEX),
                    OUTCOME, "issued")), tenantSpans.toString());
            for (OtlpReceiver.SpanSeen span : spans) {
                assertNoIdIn(span.name() + span.attributes(), "the exported span " + span);
            }
            tenantSpans.stream().map(span -> span.kind() + " " + span.name() + " " + span.attributes()).distinct()
                    .forEach(span -> report("  exported " + span));
        }
        if (!ItServer.exportsOtlp()) {
            assertEquals(List.of(), otlp.exports(), "the WAR turns no OpenTelemetry export on here");
        }
        assertNothingSecretIn(otlp);
        report("telemetry per tenant, labels " + labels + ": " + (ItServer.exportsOtlp()
                || ItServer.telemetryMetrics() != ItServer.Export.NONE ? "metrics " + ItServer.telemetryMetrics()
                + ", traces " + ItServer.telemetryTraces() : "nothing exported after the tenants' traffic either"));
    }

    private void assertTenantSeriesOnMicroProfileMetrics(Map<String, String> labels) {
        java.net.URI url = ItServer.metricsUrl();
        HttpResponse<String> scraped = httpGet(url);
        assertEquals(200, scraped.statusCode(), url + ": " + abbreviate(scraped.body(), 500));
        String body = scraped.body();
        List<PrometheusText.Sample> samples = PrometheusText.samples(body).stream()
                .filter(sample -> sample.name().startsWith("box_ccg_")).toList();
        String customers = ItCredentials.TENANTS_CONFIGURATION;
        String shown = abbreviate(samples.toString(), 4000);
        for (String tenant : List.of(ItCredentials.TENANT_ACME, ItCredentials.TENANT_GLOBEX)) {
            assertTrue(hasSample(samples, "box_ccg_token_requests", Map.of("configuration", customers,
                    "tenant", labels.get(tenant), "outcome", "issued", "error_type", "none")), tenant + ": " + shown);
        }
        assertTrue(hasSample(samples, "box_ccg_token_requests", Map.of("configuration", customers,
                "tenant", labels.get(ItCredentials.TENANT_INITECH), "outcome", "refused",
                "error_type", "invalid_grant")), "initech: " + shown);
        // A configuration's own tokens: MicroProfile Metrics wants one set of tag names, so tenant="none".
        assertTrue(hasSample(samples, "box_ccg_token_requests", Map.of("configuration", "default",
                "tenant", "none", "subject_type", "enterprise")), "default: " + shown);
        for (PrometheusText.Sample sample : samples) {
            assertNoIdIn(sample.line(), "the MicroProfile Metrics line " + sample.line());
        }
        assertFalse(body.contains(ItCredentials.CLIENT_SECRET) || body.contains(ItCredentials.HR_CLIENT_SECRET)
                        || TENANT_SECRETS.stream().anyMatch(body::contains), "a client secret in " + url);
        box.issuedTokens().forEach(token -> assertFalse(body.contains(token), "a token in " + url));
        samples.stream().filter(sample -> sample.name().startsWith("box_ccg_token_requests")
                        && (customers.equals(sample.labels().get("configuration"))
                        || "default".equals(sample.labels().get("configuration"))
                        && "enterprise".equals(sample.labels().get("subject_type"))))
                .forEach(sample -> report("  scraped " + sample.line()));
    }

    /**
     * 9. Last, after every other scenario made traffic: the server's log holds neither client secret nor any token
     * the simulator issued.
     */
    @Test
    @Order(100)
    void serverLogHoldsNoSecretAndNoToken() {
        // Some traffic of its own, so that the scan means something when run alone.
        app.get("token");
        app.get("hr/me");
        app.get("plain/me");
        app.get("user-token/" + ItCredentials.AS_USER_ID + "/me");

        ServerLog log = ItServer.log();
        String text = log.readAll();
        String deployed = deploymentLoggedAs();
        assertTrue(text.contains(deployed), log + " does not mention " + deployed + ": is it this server's log?");
        Map<String, String> secrets = Map.of(
                "the default configuration's client secret", ItCredentials.CLIENT_SECRET,
                "the hr configuration's client secret", ItCredentials.HR_CLIENT_SECRET,
                "tenant acme's client secret", ItCredentials.ACME_CLIENT_SECRET,
                "tenant globex's client secret", ItCredentials.GLOBEX_CLIENT_SECRET,
                "tenant initech's client secret", ItCredentials.INITECH_CLIENT_SECRET);
        secrets.forEach((what, secret) -> assertFalse(text.contains(secret), log + " contains " + what + ":\n"
                + redact(String.join("\n", ServerLog.linesContaining(text, secret)))));
        Set<String> issued = box.issuedTokens();
        assertFalse(issued.isEmpty(), "the simulator issued no token");
        for (String token : issued) {
            assertFalse(text.contains(token), log + " contains the token with fingerprint " + Fingerprints.of(token)
                    + ":\n" + redact(String.join("\n", ServerLog.linesContaining(text, token))));
        }
        report("server log " + log + " (" + text.length() + " characters) holds neither client secret nor any of the "
                + issued.size() + " tokens issued");
    }

    /**
     * @return what the server's log says once the test application is deployed: scenario 9 checks the log holds it,
     *         so that it scans this server's log. By default the archive's name, {@code box-ccg-it.war}, which WildFly
     *         logs; a server whose log names the deployment otherwise overrides this with its own wording.
     */
    protected String deploymentLoggedAs() {
        return ItDeployments.APP + ".war";
    }

    private void assertIssued(String fingerprint) {
        assertTrue(Fingerprints.byFingerprint(box.issuedTokens()).containsKey(fingerprint),
                "no token the simulator issued has the fingerprint " + fingerprint);
    }

    private static HttpResponse<String> httpGet(java.net.URI url) {
        try {
            return SIMULATOR_CLIENT.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: GET " + url, e);
        }
    }

    /** @return the simulator's status for {@code GET /2.0/users/me} with {@code token}, called from this JVM */
    private int apiStatusWith(String token) {
        HttpRequest request = HttpRequest.newBuilder(box.baseUrl().resolve("/2.0/users/me"))
                .header("Authorization", BEARER + token).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return SIMULATOR_CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: GET " + request.uri(), e);
        }
    }

    private static String bearerToken(ApiCall call) {
        String authorization = call.authorization();
        assertNotNull(authorization, "no Authorization header: " + call);
        assertTrue(authorization.startsWith(BEARER), "not a bearer token: " + call);
        return authorization.substring(BEARER.length());
    }

    private static List<Integer> statuses(JsonObject answer) {
        return answer.getJsonArray("statuses").getValuesAs(JsonNumber.class).stream().map(JsonNumber::intValue).toList();
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.length() == 0 ? "" : " <- ").append(t.getClass().getName()).append(": ")
                    .append(t.getMessage());
        }
        return text.toString();
    }

    /**
     * @return {@code text} with both client secrets and every token the simulator issued replaced by placeholders
     *         (a token by its fingerprint): what the suite prints of a log or an exception never shows them
     */
    private static String redact(String text) {
        String redacted = text.replace(ItCredentials.CLIENT_SECRET, "<the default client secret>")
                .replace(ItCredentials.HR_CLIENT_SECRET, "<the hr client secret>");
        for (String token : ItSimulator.get().issuedTokens()) {
            redacted = redacted.replace(token, "<token " + Fingerprints.of(token) + ">");
        }
        return redacted;
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /** Prints a fact about the server's behaviour into the build output. */
    protected static void report(String fact) {
        System.out.println("[box-ccg-it] " + ItServer.name() + ": " + fact);
    }
}
