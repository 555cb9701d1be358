package dev.boxccg.it.cluster;

import dev.boxccg.it.AppClient;
import dev.boxccg.it.Fingerprints;
import dev.boxccg.it.ItCredentials;
import dev.boxccg.it.ItDeployments;
import dev.boxccg.it.ItSimulator;
import dev.boxccg.testkit.BoxSimulator;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11's proof with two real servers on one machine sharing box-ccg's tokens through their data grid, whatever the
 * server: a server module subclasses this, starts both nodes with the test application of
 * {@link ClusterDeployments#sharedTokens} before the first test (static {@code @BeforeAll}), stops them after the last
 * (and kills them if the test JVM ends otherwise), and says what differs by server (the hooks below). The scenarios
 * run in this order, each starting with no token anywhere:
 * <ol>
 *   <li>one data grid: the server module's check ({@link #assertOneDataGrid()});</li>
 *   <li>(a) node B serves {@code @BoxAuthenticated} calls with node A's token, without a token request of its own;</li>
 *   <li>(b) across renewals of short tokens, one token request per renewal for both nodes together;</li>
 *   <li>(c) node A, holding the lease with its token request stalled, is killed with SIGKILL: node B answers within
 *       the lease;</li>
 *   <li>neither node's log holds a secret or a token; node B logged no box-ccg warning.</li>
 * </ol>
 * Their {@code @Order}s are 10 to 50, so that a server module can put a scenario of its own between them (e.g.
 * {@code @Order(35)}: after (b), while both nodes run).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class SharedTokenClusterScenarios {

    /** (a): how many annotated calls node B serves with node A's token. */
    protected static final int CALLS_ON_B = 20;
    /** (b): the simulator's token lifetime; box-ccg renews at half of it (refresh-ahead is capped so). */
    protected static final Duration SHORT_LIFETIME = Duration.ofSeconds(4);
    /** (b): how long both nodes call. */
    protected static final Duration BUSY = Duration.ofSeconds(14);
    /** (b): the longest the nodes may go on renewing short-lived tokens once the simulator issues long ones. */
    protected static final Duration SETTLE_DEADLINE = Duration.ofSeconds(30);
    /** (c): what node B may take beyond the lease: its own token request and the REST call, on loaded cores. */
    protected static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /**
     * (c): how much sooner than the lease node B may answer, counted from when node A's request reached the simulator:
     * node A wrote its lease a little before that.
     */
    protected static final Duration LEASE_EARLY = Duration.ofSeconds(1);
    /** How long a node's log may take to show what a check waits for (e.g. the second grid member). */
    protected static final Duration LOG_WAIT = Duration.ofSeconds(60);
    /**
     * What the keys {@link #assertEntriesShared} writes start with; box-ccg's own keys (hex HMACs) never do, so that a
     * probe can tell its entries from box-ccg's.
     */
    public static final String PROBE_KEY_PREFIX = "probe-";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** @return the node that fetches first, and is killed in (c) */
    protected abstract ClusterNode nodeA();

    /** @return the node that uses node A's tokens, and survives */
    protected abstract ClusterNode nodeB();

    /** @return what the scenarios' report lines start with, e.g. {@code Payara cluster} */
    protected abstract String label();

    /**
     * Scenario 1: the two nodes are in one data grid (e.g. both logs show two members, and an entry written through
     * one node is read through the other: {@link #assertEntriesShared}).
     */
    protected abstract void assertOneDataGrid() throws Exception;

    /** @return the text a node's log holds once the test application is deployed on it */
    protected abstract String deployedInLog();

    /** @return whether this line of a node's log is a box-ccg WARNING (or worse) */
    protected abstract boolean isBoxCcgWarning(String line);

    @Test
    @Order(10)
    void oneDataGridAcrossTheTwoNodes() throws Exception {
        assertOneDataGrid();
    }

    /**
     * (a) Node A fetches the token with an annotated REST call; node B then serves {@link #CALLS_ON_B} annotated REST
     * calls with that token, and the simulator's token-request counter does not move.
     */
    @Test
    @Order(20)
    void nodeBServesWithoutATokenRequestOfItsOwn() {
        BoxSimulator simulator = ItSimulator.get();
        forgetEverywhere();
        simulator.reset();

        JsonObject onA = appOn(nodeA()).get("me");
        assertEquals(200, onA.getInt("status"), onA.toString());
        String fingerprint = onA.getString("fingerprint");
        assertEquals(1, simulator.tokenRequests(), "node A's call: one token request");
        String bearer = "Bearer " + tokenOf(simulator, fingerprint);

        int apiCallsBefore = simulator.apiCalls().size();
        for (int call = 1; call <= CALLS_ON_B; call++) {
            JsonObject onB = appOn(nodeB()).get("me");
            assertEquals(200, onB.getInt("status"), "node B, call " + call + ": " + onB);
            assertEquals(fingerprint, onB.getString("fingerprint"), "node B, call " + call + " holds another token");
        }
        assertEquals(1, simulator.tokenRequests(), "node B requested a token of its own");
        List<BoxSimulator.ApiCall> callsOfB = simulator.apiCalls().subList(apiCallsBefore,
                simulator.apiCalls().size());
        assertEquals(CALLS_ON_B, callsOfB.size(), "API calls the simulator saw from node B");
        assertTrue(callsOfB.stream().allMatch(call -> bearer.equals(call.authorization()) && call.status() == 200),
                "every call of node B carried node A's token and got 200");
        report("(a) node A: 1 token request; node B: %d annotated calls with node A's token, 0 token requests",
                CALLS_ON_B);
    }

    /**
     * (b) Tokens of {@link #SHORT_LIFETIME} (renewed ahead at half their lifetime), both nodes calling for
     * {@link #BUSY}: the simulator sees one token request per renewal for the two nodes together. Each token is held
     * by both nodes; were each renewing on its own, their tokens would be disjoint and the requests twice as many.
     */
    @Test
    @Order(30)
    void oneTokenRequestPerRenewalForBothNodes() throws Exception {
        BoxSimulator simulator = ItSimulator.get();
        forgetEverywhere();
        simulator.reset();
        simulator.tokenLifetime(SHORT_LIFETIME);
        Set<String> issuedBefore = Set.copyOf(simulator.issuedTokens());

        Map<String, Set<String>> fingerprints = new ConcurrentHashMap<>();
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        long end = System.nanoTime() + BUSY.toNanos();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> busy = new ArrayList<>();
            for (ClusterNode node : List.of(nodeA(), nodeB())) {
                busy.add(callers.submit(() -> {
                    AppClient app = appOn(node);
                    while (System.nanoTime() < end) {
                        JsonObject answer = app.get("me");
                        assertEquals(200, answer.getInt("status"), node.name() + ": " + answer);
                        fingerprints.computeIfAbsent(node.name(), n -> ConcurrentHashMap.newKeySet())
                                .add(answer.getString("fingerprint"));
                        calls.merge(node.name(), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> caller : busy) {
                caller.get(BUSY.toSeconds() + 120, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
            simulator.tokenLifetime(Duration.ofHours(1));
        }
        // Counted before settling: the renewals box-ccg's schedulers still make then are not part of the busy time.
        int requests = simulator.tokenRequests();
        Set<String> issued = new HashSet<>(simulator.issuedTokens());
        issued.removeAll(issuedBefore);
        settle(simulator);

        Set<String> onA = fingerprints.getOrDefault(nodeA().name(), Set.of());
        Set<String> onB = fingerprints.getOrDefault(nodeB().name(), Set.of());
        Set<String> both = new HashSet<>(onA);
        both.retainAll(onB);
        Set<String> either = new HashSet<>(onA);
        either.addAll(onB);
        long rejected = simulator.apiCalls().stream().filter(call -> call.status() != 200).count();
        report("(b) %d s busy, %s tokens: %d calls on A, %d on B; %d token requests for both nodes (%d renewals);"
                        + " tokens held by A %d, by B %d, by both %d; API calls not 200: %d",
                BUSY.toSeconds(), SHORT_LIFETIME.toSeconds() + " s", calls.getOrDefault(nodeA().name(), 0),
                calls.getOrDefault(nodeB().name(), 0), requests, requests - 1, onA.size(), onB.size(), both.size(),
                rejected);

        assertEquals(0, rejected, "an API call was rejected: a token expired in use");
        assertEquals(issued.size(), requests, "every token request issued one token");
        assertTrue(requests >= 3, "expected renewals within " + BUSY + " of " + SHORT_LIFETIME + " tokens, got "
                + requests + " token requests");
        // One request per renewal for both: every token but the first and last (whose use may fall just outside one
        // node's calls) was held by both nodes, and no token was requested that neither node used but the one a
        // renewal may have had in flight at the end.
        assertTrue(either.size() - both.size() <= 2, "tokens held by one node only: A " + onA + ", B " + onB);
        assertTrue(requests <= either.size() + 1, requests + " token requests for " + either.size()
                + " tokens the nodes held: requests for tokens nobody used");
    }

    /**
     * (c) Node A takes the lease and requests a token that the simulator does not answer; node A is killed with
     * SIGKILL. Node B's next annotated call gets a token and answers 200 within the lease ({@link
     * ClusterDeployments#LEASE}) of node A's taking it, and not before that lease could have expired: node B found it
     * in the grid and waited it out.
     */
    @Test
    @Order(40)
    void nodeBWorksWithinTheLeaseAfterNodeADiesHoldingIt() throws Exception {
        BoxSimulator simulator = ItSimulator.get();
        forgetEverywhere();
        simulator.reset();
        simulator.tokenEndpointDelay(Duration.ofMinutes(2));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            AppClient onA = appOn(nodeA());
            Future<?> stalled = caller.submit(() -> onA.get("me"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (simulator.tokenRequests() == 0 && !stalled.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(stalled.isDone() && simulator.tokenRequests() == 0, "node A answered without a token request:"
                    + " it found a token in the grid, left there by an earlier scenario");
            assertEquals(1, simulator.tokenRequests(), "node A's token request did not reach the simulator");
            long leaseTaken = System.nanoTime();

            // The JDK sees a process that is not its child exit only by polling: measure from the signal.
            long killed = System.nanoTime();
            long pid = nodeA().kill();
            long exitSeen = System.nanoTime();
            simulator.tokenEndpointDelay(Duration.ZERO);
            JsonObject onB = appOn(nodeB()).get("me");
            long answered = System.nanoTime();

            assertEquals(200, onB.getInt("status"), "node B after node A died: " + onB);
            assertEquals(2, simulator.tokenRequests(), "node A's stalled request and node B's own");
            Duration sinceLease = Duration.ofNanos(answered - leaseTaken);
            report("(c) SIGKILL to node A (PID %d) %d ms after its token request reached the simulator (exit seen %d ms"
                            + " later); node B answered 200 %d ms after the SIGKILL, %d ms after node A's request"
                            + " (lease %s); token requests: 2",
                    pid, Duration.ofNanos(killed - leaseTaken).toMillis(),
                    Duration.ofNanos(exitSeen - killed).toMillis(), Duration.ofNanos(answered - killed).toMillis(),
                    sinceLease.toMillis(), ClusterDeployments.LEASE);
            Duration lease = Duration.parse("PT" + ClusterDeployments.LEASE.toUpperCase());
            assertTrue(sinceLease.compareTo(lease.plus(LEASE_MARGIN)) <= 0, "node B answered " + sinceLease
                    + " after node A took the lease, more than the lease " + lease + " + " + LEASE_MARGIN);
            // Node B found node A's lease in the grid and waited it out: a node answering sooner did not see the
            // lease (no grid shared, or the grid lost it with node A), and this scenario would prove nothing.
            assertTrue(sinceLease.compareTo(lease.minus(LEASE_EARLY)) >= 0, "node B answered " + sinceLease
                    + " after node A's token request, before node A's lease " + lease + " could have expired: it"
                    + " did not find the lease in the grid");
            assertThrows(ExecutionException.class, () -> stalled.get(30, TimeUnit.SECONDS),
                    "node A's call should have died with node A");
        } finally {
            simulator.tokenEndpointDelay(Duration.ZERO);
            caller.shutdownNow();
        }
    }

    /**
     * Last: neither node's log holds a client secret or any token the simulator issued, whatever the grid carried
     * between them; and node B, which took the dead node's lease over, logged no box-ccg WARNING (it did not fall back
     * to fetching on its own because of a failing grid, and its grid opened within the lease).
     */
    @Test
    @Order(50)
    void noSecretNorTokenInEitherNodesLog() throws IOException {
        Set<String> secrets = Set.of(ItCredentials.CLIENT_SECRET, ItCredentials.HR_CLIENT_SECRET);
        Set<String> tokens = ItSimulator.get().issuedTokens();
        assertFalse(tokens.isEmpty(), "the simulator issued no token: the scenarios did not run");
        for (ClusterNode node : List.of(nodeA(), nodeB())) {
            String log = Files.readString(node.serverLog());
            assertTrue(log.contains(deployedInLog()),
                    node.name() + ": not the log of the test application's server: " + node.serverLog());
            for (String secret : secrets) {
                assertFalse(log.contains(secret), node.name() + "'s log holds a client secret");
            }
            long leaked = tokens.stream().filter(log::contains).count();
            assertEquals(0, leaked, node.name() + "'s log holds " + leaked + " issued token(s)");
        }
        List<String> warnings = Files.readAllLines(nodeB().serverLog()).stream().filter(this::isBoxCcgWarning)
                .toList();
        assertEquals(List.of(), warnings, "box-ccg WARNINGs in node B's log: " + nodeB().serverLog());
        report("no client secret and none of the %d issued tokens in either node's log; no box-ccg WARNING on node B",
                tokens.size());
    }

    /**
     * After short-lived tokens: waits (at most {@link #SETTLE_DEADLINE}) until no token request has come for
     * {@link #SHORT_LIFETIME}, so that every short-lived token has expired and the renewals box-ccg's schedulers had
     * planned for them are done. Then both nodes hold the grid's current token, and {@link #forgetEverywhere()}
     * clears it; a renewal landing after the forgetting would leave a token in the grid for the next scenario.
     */
    private static void settle(BoxSimulator simulator) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_DEADLINE.toNanos();
        int seen = simulator.tokenRequests();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < SHORT_LIFETIME.toNanos()) {
            assertTrue(System.nanoTime() < deadline, "token requests did not stop within " + SETTLE_DEADLINE
                    + " of the tokens' lifetime going back to 1 h");
            Thread.sleep(100);
            int now = simulator.tokenRequests();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
    }

    /**
     * An entry put through {@code entriesA} (the grid probe's {@code .../entries/} on node A, see
     * {@link dev.boxccg.it.cluster.grid.GridResource}, or a module's own probe of its grid) is read through
     * {@code entriesB}, and one put on B is read on A; a key nobody wrote is absent on B. Every key starts with
     * {@link #PROBE_KEY_PREFIX}.
     */
    protected void assertEntriesShared(URI entriesA, URI entriesB) throws Exception {
        String key = PROBE_KEY_PREFIX + "a-to-b-" + UUID.randomUUID();
        String value = "written on node A " + UUID.randomUUID();
        assertEquals(204, put(entriesA.resolve(key), value).statusCode());
        HttpResponse<String> onB = get(entriesB.resolve(key));
        assertEquals(200, onB.statusCode(), "node B does not see node A's entry: " + onB.body());
        assertEquals(value, onB.body());

        String back = PROBE_KEY_PREFIX + "b-to-a-" + UUID.randomUUID();
        assertEquals(204, put(entriesB.resolve(back), "written on node B").statusCode());
        assertEquals("written on node B", get(entriesA.resolve(back)).body());

        // A key nobody wrote is absent: the 200s above are not an artefact of the probe.
        assertEquals(404, get(entriesB.resolve(PROBE_KEY_PREFIX + "never-written-" + UUID.randomUUID())).statusCode());
        report("entry put into the grid on node A read on node B and back: one data grid");
    }

    /** The test application's resource on a node. */
    protected static AppClient appOn(ClusterNode node) {
        return new AppClient(node.url(ItDeployments.APP));
    }

    /**
     * Drops the default configuration's token on both nodes (locally and, being the grid's current one, in the grid)
     * while the simulator issues long-lived tokens, so that the next scenario starts with no token anywhere.
     */
    protected void forgetEverywhere() {
        appOn(nodeA()).post("forget");
        appOn(nodeB()).post("forget");
    }

    /** @return the issued token with this fingerprint; fails if the simulator issued none */
    protected static String tokenOf(BoxSimulator simulator, String fingerprint) {
        String token = Fingerprints.byFingerprint(simulator.issuedTokens()).get(fingerprint);
        assertNotNull(token, "the simulator issued no token with fingerprint " + fingerprint);
        return token;
    }

    /** Fails unless both nodes' logs show {@code text} within {@link #LOG_WAIT} (e.g. the grid's view of two). */
    protected void assertBothLogsShow(String text) throws IOException, InterruptedException {
        for (ClusterNode node : List.of(nodeA(), nodeB())) {
            assertTrue(awaitLog(node, text), node.name() + "'s log does not say \"" + text + "\" within " + LOG_WAIT
                    + ": " + node.serverLog());
        }
    }

    /** Polls the node's log for {@code text}, at most {@link #LOG_WAIT}. */
    protected static boolean awaitLog(ClusterNode node, String text) throws IOException, InterruptedException {
        return awaitLog(node, Pattern.compile(Pattern.quote(text)));
    }

    /** Polls the node's log for a match of {@code pattern}, at most {@link #LOG_WAIT}. */
    protected static boolean awaitLog(ClusterNode node, Pattern pattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        do {
            if (Files.exists(node.serverLog()) && pattern.matcher(Files.readString(node.serverLog())).find()) {
                return true;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return false;
    }

    protected void report(String format, Object... arguments) {
        announce(label(), format, arguments);
    }

    /** Prints one line of measured figures, e.g. from a module's static set-up, where {@link #report} cannot be. */
    protected static void announce(String label, String format, Object... arguments) {
        System.out.println("[box-ccg-it] " + label + ": " + String.format(format, arguments));
    }

    /**
     * @return the system property the module's pom.xml gives the tests (ports, paths, names)
     * @throws IllegalStateException if it is not set: the test runs outside Maven
     */
    protected static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run a cluster module's"
                    + " tests through Maven, e.g. ./mvnw -B verify -pl box-ccg-it/payara-cluster -am");
        }
        return value;
    }

    private static HttpResponse<String> put(URI entry, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(entry).timeout(Duration.ofSeconds(90))
                        .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(value)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI entry) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(entry).timeout(Duration.ofSeconds(90)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
