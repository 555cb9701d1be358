package dev.boxccg.it.wildflycluster;

import dev.boxccg.it.ItCredentials;
import dev.boxccg.it.ItDeployments;
import dev.boxccg.it.ItSimulator;
import dev.boxccg.it.cluster.ClusterNode;
import dev.boxccg.it.cluster.SharedTokenClusterScenarios;
import dev.boxccg.it.wildflycluster.grid.GridApplication;
import dev.boxccg.testkit.BoxSimulator;
import jakarta.json.JsonObject;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two WildFly nodes on one machine, one Infinispan cluster, box-ccg's tokens shared with {@code token-store=infinispan}
 * (issue 11, point 2, on WildFly): the scenarios of {@link SharedTokenClusterScenarios}, as on two Payara and two
 * Open Liberty nodes. This module's pom.xml and {@code wildfly-cluster.cli} say how the nodes are made.
 */
class WildFlyClusterIT extends SharedTokenClusterScenarios {

    private static final String LABEL = "WildFly cluster";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final Duration CLI_DEADLINE = Duration.ofSeconds(120);
    /** Node A, the first member, logs Infinispan's "ISPN100000: Node node-b joined the cluster". */
    private static final Pattern B_JOINED_A = Pattern.compile("ISPN100000: Node node-b joined the cluster");

    static WildFlyNode nodeA;
    static WildFlyNode nodeB;

    @BeforeAll
    static void startBothNodes() throws Exception {
        Path home = Path.of(required("box-ccg-it.wildfly-home"));
        Path nodes = Path.of(required("box-ccg-it.wildfly-nodes"));
        Duration startup = Duration.ofSeconds(Long.parseLong(required("box-ccg-it.wildfly-startup-timeout")));
        String heap = required("box-ccg-it.wildfly-heap");
        deleteTree(nodes);

        // standalone-ha.xml, turned into the cluster's once, then copied to each node.
        Path template = Files.createDirectories(nodes.resolve("template"));
        WildFlyNode.copyTree(home.resolve("standalone/configuration"), template.resolve("configuration"));
        long configuring = System.nanoTime();
        WildFlyNode.runCli(home, template, cliScript(), CLI_DEADLINE);
        announce(LABEL, "standalone-ha.xml configured with jboss-cli in %d ms",
                Duration.ofNanos(System.nanoTime() - configuring).toMillis());

        // The shared test application's named configuration "hr" reads its secret from the server's environment.
        Map<String, String> environment = Map.of("BOX_CCG_HR_CLIENT_SECRET", ItCredentials.HR_CLIENT_SECRET);
        nodeA = node("node-a", home, nodes, heap, environment);
        nodeB = node("node-b", home, nodes, heap, environment);
        ClusterNode.killAtJvmExit("wildfly-nodes-kill", nodeA, nodeB);

        Path app = export(WildFlyDeployments.sharedTokens(ItSimulator.get()), nodes);
        Path probe = export(WildFlyDeployments.gridProbe(), nodes);
        for (WildFlyNode node : List.of(nodeA, nodeB)) {
            node.deployAtBoot(app);
            node.deployAtBoot(probe);
        }
        announce(LABEL, "node A started with the test application (token-store=infinispan) and the grid probe in %d ms",
                nodeA.start(startup).toMillis());
        announce(LABEL, "node B started likewise in %d ms", nodeB.start(startup).toMillis());
    }

    @AfterAll
    static void stopBothNodes() {
        for (WildFlyNode node : new WildFlyNode[] {nodeB, nodeA}) {
            if (node == null || !node.isRunning()) {
                continue;
            }
            try {
                announce(LABEL, "%s stopped in %d ms", node.name(), node.stop().toMillis());
            } catch (InterruptedException | RuntimeException e) {
                announce(LABEL, "%s: %s", node.name(), e);
                node.stopQuietly();
            }
        }
    }

    /**
     * One Infinispan cluster, and box-ccg's tokens in it: both nodes' logs show a view of the two; after one annotated
     * call on node A, node A logged no "cannot be opened" WARNING (the JNDI lookup of {@code token-store=infinispan}
     * worked on the real server) and box-ccg's entries are in WildFly's cache on node A and the same ones on node B;
     * a string put into the cache on node A is read on node B and back.
     */
    @Override
    protected void assertOneDataGrid() throws Exception {
        assertTrue(awaitLog(nodeA, B_JOINED_A), "node A's log does not say that node-b joined within " + LOG_WAIT
                + ": " + nodeA.serverLog());
        // Node B: "WFLYCLJG0033: Connected 'ee' channel. 'node-b' joined cluster '<name>' with view:
        // [node-a(...)|1] (2) [node-a(...), node-b(...)]".
        Pattern inViewOfTwo = Pattern.compile("WFLYCLJG0033: .*'node-b' joined cluster '"
                + Pattern.quote(required("box-ccg-it.cluster-name")) + "' with view: .*\\(2\\) \\[node-a");
        assertTrue(awaitLog(nodeB, inViewOfTwo), "node B's log does not show it joined a view of node-a and"
                + " node-b within " + LOG_WAIT + ": " + nodeB.serverLog());

        // box-ccg opens the cache when the default configuration is first used: had the JNDI lookup failed, node A
        // would have logged a WARNING naming the JNDI name and what to add, and kept its token to itself.
        BoxSimulator simulator = ItSimulator.get();
        forgetEverywhere();
        simulator.reset();
        JsonObject onA = appOn(nodeA).get("me");
        assertEquals(200, onA.getInt("status"), onA.toString());
        assertEquals(1, simulator.tokenRequests());
        List<String> notOpened = Files.readAllLines(nodeA.serverLog()).stream()
                .filter(line -> line.contains("cannot be opened")).toList();
        assertEquals(List.of(), notOpened, "box-ccg could not open WildFly's cache on node A");
        HttpResponse<String> entriesOnA = boxCcgEntries(nodeA);
        assertEquals(200, entriesOnA.statusCode(), "the grid probe on node A could not read box-ccg's cache, which"
                + " the test application's web.xml should have made WildFly start: " + entriesOnA.body());
        assertFalse(entriesOnA.body().isBlank(), "no box-ccg entry in WildFly's cache on node A after a token was"
                + " fetched");
        assertEquals(entriesOnA.body(), boxCcgEntries(nodeB).body(), "node B's view of box-ccg's entries");
        report("one cluster of node-a and node-b; box-ccg's cache holds %d entry(ies) on both nodes after node A's"
                + " token request", entriesOnA.body().lines().count());

        assertEntriesShared(entries(nodeA), entries(nodeB));
    }

    @Override
    protected ClusterNode nodeA() {
        return nodeA;
    }

    @Override
    protected ClusterNode nodeB() {
        return nodeB;
    }

    @Override
    protected String label() {
        return LABEL;
    }

    @Override
    protected String deployedInLog() {
        return "WFLYSRV0010: Deployed \"" + ItDeployments.APP + ".war\"";
    }

    /** WildFly's log lines: {@code <time> WARN  [dev.boxccg.impl.runtime.BoxCcgRuntime] (<thread>) ...}. */
    @Override
    protected boolean isBoxCcgWarning(String line) {
        return line.matches(".*\\b(WARN|ERROR) +\\[dev\\.boxccg.*");
    }


    private static WildFlyNode node(String name, Path home, Path nodes, String heap, Map<String, String> environment)
            throws IOException {
        Path base = Files.createDirectories(nodes.resolve(name));
        WildFlyNode.copyTree(nodes.resolve("template/configuration"), base.resolve("configuration"));
        return new WildFlyNode(name, home, base, Integer.parseInt(required("box-ccg-it." + name + ".port-offset")),
                Integer.parseInt(required("box-ccg-it." + name + ".http-port")), heap, environment);
    }

    private static Path cliScript() throws URISyntaxException {
        return Path.of(WildFlyClusterIT.class.getResource("/wildfly-cluster.cli").toURI());
    }

    private static Path export(WebArchive war, Path directory) {
        Path file = directory.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** @return the names of box-ccg's entries in WildFly's cache, as node's grid probe sees them */
    private static HttpResponse<String> boxCcgEntries(WildFlyNode node) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(entries(node)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return the grid probe's {@code .../entries/}, to which {@link #assertEntriesShared} adds its keys */
    private static URI entries(WildFlyNode node) {
        return URI.create(node.url(WildFlyDeployments.GRID_PROBE) + GridApplication.PATH + "/entries/");
    }

}
