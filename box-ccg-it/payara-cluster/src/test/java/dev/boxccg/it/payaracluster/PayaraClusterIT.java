package dev.boxccg.it.payaracluster;

import dev.boxccg.it.ItCredentials;
import dev.boxccg.it.ItDeployments;
import dev.boxccg.it.ItSimulator;
import dev.boxccg.it.cluster.ClusterDeployments;
import dev.boxccg.it.cluster.ClusterNode;
import dev.boxccg.it.cluster.ScriptedClusterNode;
import dev.boxccg.it.cluster.SharedTokenClusterScenarios;
import dev.boxccg.it.cluster.grid.GridApplication;
import dev.boxccg.store.jcache.JCacheTokenGridFactory;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Payara nodes on one machine, one data grid (issue 11, point 2): the scenarios of
 * {@link SharedTokenClusterScenarios} on Payara's built-in Hazelcast. See this module's pom.xml for how the nodes are
 * made, and box-ccg-it/README.md for the scenarios.
 */
class PayaraClusterIT extends SharedTokenClusterScenarios {

    /** The grid probe's WAR: Payara's grid is the server's, shared by all its applications. */
    static final String GRID_PROBE = "grid-probe";
    private static final String LABEL = "Payara cluster";

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
        ClusterNode.killAtJvmExit("payara-nodes-kill", nodeA, nodeB);

        announce(LABEL, "node A started in %d ms", nodeA.start().toMillis());
        announce(LABEL, "node B started in %d ms", nodeB.start().toMillis());
        Path probe = export(ShrinkWrap.create(WebArchive.class, GRID_PROBE + ".war")
                .addPackage(GridApplication.class.getPackage())
                .addAsWebInfResource(new StringAsset(ItDeployments.BEANS_XML_ALL), "beans.xml"));
        announce(LABEL, "grid probe deployed on node A in %d ms", nodeA.deploy(probe, GRID_PROBE).toMillis());
        announce(LABEL, "grid probe deployed on node B in %d ms", nodeB.deploy(probe, GRID_PROBE).toMillis());
        Path app = export(ClusterDeployments.sharedTokens(ItSimulator.get(), JCacheTokenGridFactory.NAME,
                        Map.of("cache-manager", "payara/CacheManager"))
                .addAsLibrary(ItDeployments.builtJar(JCacheTokenGridFactory.class, "box-ccg-store-jcache")));
        announce(LABEL, "box-ccg test application (token-store=jcache) deployed on node A in %d ms",
                nodeA.deploy(app, ItDeployments.APP).toMillis());
        announce(LABEL, "box-ccg test application (token-store=jcache) deployed on node B in %d ms",
                nodeB.deploy(app, ItDeployments.APP).toMillis());
    }

    @AfterAll
    static void stopBothNodes() {
        ScriptedClusterNode.stopAll(LABEL, nodeB, nodeA);
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

    /**
     * Both nodes' logs show a data grid of two members (found over TCP on 127.0.0.1), and a JCache entry put on node
     * A (through the grid probe WAR, which injects Payara's {@code CacheManager}) is read on node B, and back.
     */
    @Override
    protected void assertOneDataGrid() throws Exception {
        // Payara logs its view of the grid whenever a member comes or goes: "DG Name: <name> DG Size: <n>".
        String twoMembers = "DG Name: " + required("box-ccg-it.cluster-name") + " DG Size: 2";
        assertBothLogsShow(twoMembers);
        assertEntriesShared(entries(nodeA), entries(nodeB));
    }

    @Override
    protected String deployedInLog() {
        return ItDeployments.APP + " was successfully deployed";
    }

    @Override
    protected boolean isBoxCcgWarning(String line) {
        return (line.contains("[WARNING]") || line.contains("[SEVERE]")) && line.contains("dev.boxccg");
    }

    private static URI entries(PayaraNode node) {
        return URI.create(node.url(GRID_PROBE) + GridApplication.PATH + "/entries/");
    }

    private static Path export(WebArchive war) {
        Path file = target.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }
}
