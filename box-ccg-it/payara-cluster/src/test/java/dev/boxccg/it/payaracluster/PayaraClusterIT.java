package dev.boxccg.it.payaracluster;

import dev.boxccg.it.ItCredentials;
import dev.boxccg.it.ItDeployments;
import dev.boxccg.it.ItSimulator;
import dev.boxccg.it.cluster.ClusterNode;
import dev.boxccg.it.cluster.SharedTokenScenarios;
import dev.boxccg.it.payaracluster.grid.GridApplication;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Payara nodes on one machine, one data grid (issue 11, point 2). See this module's pom.xml for how the nodes are
 * made, and box-ccg-it/README.md for the scenarios: the first is this class's own, the others are
 * {@link SharedTokenScenarios}, which box-ccg-it-wildfly-cluster runs on two WildFly nodes too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraClusterIT extends SharedTokenScenarios {

    static final String GRID_PROBE = "grid-probe";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    /** How long the second node may take to show up as a grid member in either node's log. */
    private static final Duration GRID_FORMING = Duration.ofSeconds(60);

    static PayaraNode nodeA;
    static PayaraNode nodeB;
    static Path target;

    @BeforeAll
    static void startBothNodes() throws IOException {
        Path home = Path.of(required("box-ccg-it.payara-home"));
        target = home.getParent();
        // The shared test application's named configuration "hr" reads its secret from the server's environment.
        Map<String, String> environment = Map.of("BOX_CCG_HR_CLIENT_SECRET", ItCredentials.HR_CLIENT_SECRET);
        nodeA = new PayaraNode("node-a", home, Integer.parseInt(required("box-ccg-it.node-a.admin-port")),
                Integer.parseInt(required("box-ccg-it.node-a.http-port")), environment,
                target.resolve("asadmin-node-a.log"));
        nodeB = new PayaraNode("node-b", home, Integer.parseInt(required("box-ccg-it.node-b.admin-port")),
                Integer.parseInt(required("box-ccg-it.node-b.http-port")), environment,
                target.resolve("asadmin-node-b.log"));
        // If the test JVM ends without @AfterAll (a crash, a killed build), no node is left running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            nodeA.process().ifPresent(ProcessHandle::destroyForcibly);
            nodeB.process().ifPresent(ProcessHandle::destroyForcibly);
        }, "payara-nodes-kill"));

        say("node A started in %d ms", nodeA.start().toMillis());
        say("node B started in %d ms", nodeB.start().toMillis());
        Path probe = export(ShrinkWrap.create(WebArchive.class, GRID_PROBE + ".war")
                .addPackage(GridApplication.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml"));
        say("grid probe deployed on node A in %d ms", nodeA.deploy(probe, GRID_PROBE).toMillis());
        say("grid probe deployed on node B in %d ms", nodeB.deploy(probe, GRID_PROBE).toMillis());
        Path app = export(ClusterDeployments.sharedTokens(ItSimulator.get()));
        say("box-ccg test application (token-store=jcache) deployed on node A in %d ms",
                nodeA.deploy(app, ItDeployments.APP).toMillis());
        say("box-ccg test application (token-store=jcache) deployed on node B in %d ms",
                nodeB.deploy(app, ItDeployments.APP).toMillis());
    }

    @AfterAll
    static void stopBothNodes() {
        for (PayaraNode node : new PayaraNode[] {nodeB, nodeA}) {
            if (node == null || node.process().isEmpty()) {
                continue;
            }
            try {
                say("%s stopped in %d ms", node.name(), node.stop().toMillis());
            } catch (RuntimeException e) {
                say("%s: %s", node.name(), e.getMessage());
                node.stopQuietly();
            }
        }
    }

    /**
     * The grid: both nodes' logs show a data grid of two members (found over TCP on 127.0.0.1), and a JCache entry
     * put on node A is read on node B, and one put on B is read on A.
     */
    @Test
    @Order(1)
    void oneDataGridAcrossTheTwoNodes() throws Exception {
        // Payara logs its view of the grid whenever a member comes or goes: "DG Name: <name> DG Size: <n>".
        String twoMembers = "DG Name: " + required("box-ccg-it.cluster-name") + " DG Size: 2";
        assertTrue(waitForLog(nodeA, twoMembers), "node A's log does not say \"" + twoMembers + "\" within "
                + GRID_FORMING + ": " + nodeA.serverLog());
        assertTrue(waitForLog(nodeB, twoMembers), "node B's log does not say \"" + twoMembers + "\" within "
                + GRID_FORMING + ": " + nodeB.serverLog());

        String key = "a-to-b-" + UUID.randomUUID();
        String value = "written on node A " + UUID.randomUUID();
        assertEquals(204, put(nodeA, key, value).statusCode());
        HttpResponse<String> onB = get(nodeB, key);
        assertEquals(200, onB.statusCode(), "node B does not see node A's entry: " + onB.body());
        assertEquals(value, onB.body());

        String back = "b-to-a-" + UUID.randomUUID();
        assertEquals(204, put(nodeB, back, "written on node B").statusCode());
        assertEquals("written on node B", get(nodeA, back).body());

        // A key nobody wrote is absent on both: the 200s above are not an artefact of the probe.
        assertEquals(404, get(nodeB, "never-written-" + UUID.randomUUID()).statusCode());
        report("JCache entry put on node A read on node B and back: one data grid");
    }

    static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="all"/>
            """;

    static Path export(WebArchive war) {
        Path file = target.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    private static HttpResponse<String> put(PayaraNode node, String key, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(entry(node, key)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(value)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(PayaraNode node, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(entry(node, key)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI entry(PayaraNode node, String key) {
        return URI.create(node.url(GRID_PROBE) + GridApplication.PATH + "/entries/" + key);
    }

    /** Polls the node's server.log for {@code text}, at most {@link #GRID_FORMING}. */
    static boolean waitForLog(PayaraNode node, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + GRID_FORMING.toNanos();
        do {
            if (Files.exists(node.serverLog()) && Files.readString(node.serverLog()).contains(text)) {
                return true;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return false;
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
    protected Duration lease() {
        return Duration.parse("PT" + ClusterDeployments.LEASE.toUpperCase());
    }

    @Override
    protected String deployedLogText() {
        return ItDeployments.APP + " was successfully deployed";
    }

    @Override
    protected boolean isBoxCcgWarning(String logLine) {
        return logLine.contains("[WARNING]") && logLine.contains("dev.boxccg");
    }

    @Override
    protected void report(String format, Object... arguments) {
        say(format, arguments);
    }

    static void say(String format, Object... arguments) {
        System.out.println("[box-ccg-it] Payara cluster: " + String.format(format, arguments));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run through Maven"
                    + " (./mvnw -B verify -pl box-ccg-it/payara-cluster -am)");
        }
        return value;
    }
}
