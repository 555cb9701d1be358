package dev.boxccg.it.libertycluster;

import com.hazelcast.core.Hazelcast;
import dev.boxccg.it.ItCredentials;
import dev.boxccg.it.ItDeployments;
import dev.boxccg.it.ItSimulator;
import dev.boxccg.it.app.ItApplication;
import dev.boxccg.it.cluster.ClusterDeployments;
import dev.boxccg.it.cluster.ClusterNode;
import dev.boxccg.it.cluster.ScriptedClusterNode;
import dev.boxccg.it.cluster.SharedTokenClusterScenarios;
import dev.boxccg.it.cluster.grid.GridResource;
import dev.boxccg.it.libertycluster.app.ShutDownHazelcastOnStop;
import dev.boxccg.store.jcache.JCacheTokenGridFactory;
import dev.boxccg.testkit.BoxSimulator;
import jakarta.json.JsonObject;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import javax.cache.Caching;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Open Liberty nodes on one machine sharing box-ccg's tokens through Hazelcast in the application's WAR (issue 11,
 * point 2; README.md, "Running in a cluster", Open Liberty): the scenarios of {@link SharedTokenClusterScenarios}.
 * See this module's pom.xml for how the servers are made, and box-ccg-it/README.md for what runs.
 */
class LibertyClusterIT extends SharedTokenClusterScenarios {

    private static final String LABEL = "Liberty cluster";

    static LibertyNode nodeA;
    static LibertyNode nodeB;

    @BeforeAll
    static void startBothNodes() throws Exception {
        Path home = Path.of(required("box-ccg-it.liberty-home"));
        Path target = home.getParent().getParent();
        // The shared test application's named configuration "hr" reads its secret from the server's environment.
        Map<String, String> environment = Map.of("BOX_CCG_HR_CLIENT_SECRET", ItCredentials.HR_CLIENT_SECRET);
        nodeA = new LibertyNode("node-a", home, required("box-ccg-it.node-a.server-name"),
                Integer.parseInt(required("box-ccg-it.node-a.http-port")), environment,
                target.resolve("server-node-a.log"));
        nodeB = new LibertyNode("node-b", home, required("box-ccg-it.node-b.server-name"),
                Integer.parseInt(required("box-ccg-it.node-b.http-port")), environment,
                target.resolve("server-node-b.log"));
        ClusterNode.killAtJvmExit("liberty-nodes-kill", nodeA, nodeB);

        WebArchive application = application();
        Path war = target.resolve(application.getName());
        application.as(ZipExporter.class).exportTo(war.toFile(), true);
        for (LibertyNode node : new LibertyNode[] {nodeA, nodeB}) {
            node.dropIn(war);
            announce(LABEL, "%s started in %d ms", node.name(), node.start().toMillis());
            announce(LABEL, "box-ccg test application (token-store=jcache, Hazelcast in the WAR) started on %s %d ms"
                    + " later", node.name(), node.awaitApplication(ItDeployments.APP).toMillis());
        }
        // Hazelcast in the WAR starts its member at the application's first JCache call: A first, then B joins it.
        for (LibertyNode node : new LibertyNode[] {nodeA, nodeB}) {
            announce(LABEL, "%s's Hazelcast member started by the grid probe's first JCache call, answered in %d ms",
                    node.name(), startGridMember(node).toMillis());
        }
    }

    /**
     * Starts the node's Hazelcast member with the grid probe's first JCache call (on the application's default
     * {@code CacheManager}, the one box-ccg then takes), before box-ccg's first call. box-ccg opens its grid on a
     * thread of its own and lets a call wait for it at most {@code token-store.lease} (8 s here); a joining member took
     * 6.3-7.2 s to start, close enough to the lease that box-ccg could give up waiting, fetch that node's own token and
     * warn, which is what a real application would see on its first call, but not what these scenarios are about.
     *
     * @return how long the probe's call took
     */
    static Duration startGridMember(LibertyNode node) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> absent = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(entries(node).resolve(PROBE_KEY_PREFIX + "nothing-yet"))
                        .timeout(Duration.ofSeconds(120)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, absent.statusCode(), node.name() + "'s grid probe: " + absent.body());
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @AfterAll
    static void stopBothNodes() {
        ScriptedClusterNode.stopAll(LABEL, nodeB, nodeA);
    }

    /**
     * The test application with {@code token-store=jcache} (no cache manager named: box-ccg takes
     * {@code Caching.getCachingProvider()}'s default) and, in {@code WEB-INF/lib}, box-ccg-store-jcache, Hazelcast and
     * javax.cache as Maven resolved them; {@code WEB-INF/classes/hazelcast.xml} for the two members;
     * {@link ShutDownHazelcastOnStop}, which shuts the member down with the application; and the grid probe's resource,
     * which shares the application's Hazelcast (one class loader, one default cache manager).
     */
    static WebArchive application() {
        return ClusterDeployments.sharedTokens(ItSimulator.get(), JCacheTokenGridFactory.NAME, Map.of())
                .addAsLibrary(ItDeployments.builtJar(JCacheTokenGridFactory.class, "box-ccg-store-jcache"))
                .addAsLibrary(ItDeployments.builtJar(Hazelcast.class, "hazelcast"))
                .addAsLibrary(ItDeployments.builtJar(Caching.class, "cache-api"))
                .addAsResource(new StringAsset(hazelcastXml()), "hazelcast.xml")
                .addClass(GridResource.class)
                .addClass(ShutDownHazelcastOnStop.class);
    }

    /**
     * Hazelcast's configuration, found by its default lookup on the application's class path: the two members over
     * TCP/IP on 127.0.0.1 only (both listed, multicast and auto-detection off, no other interface, public address
     * 127.0.0.1), no phone-home. Each node's member port is its JVM's system property
     * {@code box-ccg-it.hazelcast.port} (jvm.options, from pom.xml): one WAR for both nodes, as in a real cluster.
     */
    static String hazelcastXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Generated by box-ccg-it-liberty-cluster (LibertyClusterIT). -->
                <hazelcast xmlns="http://www.hazelcast.com/schema/config"
                           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                           xsi:schemaLocation="http://www.hazelcast.com/schema/config
                           http://www.hazelcast.com/schema/config/hazelcast-config-5.3.xsd">
                    <cluster-name>%1$s</cluster-name>
                    <properties>
                        <property name="hazelcast.phone.home.enabled">false</property>
                        <property name="hazelcast.logging.type">jdk</property>
                    </properties>
                    <network>
                        <public-address>127.0.0.1</public-address>
                        <port auto-increment="false">${box-ccg-it.hazelcast.port}</port>
                        <join>
                            <auto-detection enabled="false"/>
                            <multicast enabled="false"/>
                            <tcp-ip enabled="true">
                                <member>127.0.0.1:%2$s</member>
                                <member>127.0.0.1:%3$s</member>
                            </tcp-ip>
                        </join>
                        <interfaces enabled="true">
                            <interface>127.0.0.1</interface>
                        </interfaces>
                    </network>
                </hazelcast>
                """.formatted(required("box-ccg-it.hazelcast.cluster-name"),
                required("box-ccg-it.node-a.hazelcast-port"), required("box-ccg-it.node-b.hazelcast-port"));
    }

    /**
     * Between (b) and (c): node B's application is redeployed (Liberty restarts it in a new class loader when its WAR
     * in dropins changes). Its old Hazelcast member leaves with it ({@link ShutDownHazelcastOnStop}), the new one
     * joins node A's, and node B again serves annotated calls with node A's token without a token request of its own,
     * and logs no box-ccg warning (box-ccg would warn if the new member could not start and keep node B's tokens to
     * itself).
     */
    @Test
    @Order(35)
    void nodeBRedeployedSharesTokensAgain() throws Exception {
        long from = nodeB.log().mark();
        long fromOnA = nodeA.log().mark();
        Duration redeployed = nodeB.redeploy(ItDeployments.APP + ".war", ItDeployments.APP);
        BoxSimulator simulator = ItSimulator.get();
        // The redeployed application's first JCache call starts its new member, which joins node A's.
        Duration memberStarted = startGridMember(nodeB);
        forgetEverywhere();
        // Until Hazelcast has moved partitions to the new member, node A holds the only copy of every entry: killing it
        // then, as (c) does next, loses them all (seen: "partitionId=0 is completely lost!" on node B), so (c) would
        // find no lease. Node A, the master, logs when the repartitioning after the join is done.
        long waited = System.nanoTime();
        assertTrue(awaitRepartitionedAfterJoin(nodeA, fromOnA), "node A's log does not say \"" + REPARTITIONED
                + "\" after node B's new member joined, within " + LOG_WAIT + ": " + nodeA.serverLog());
        Duration repartitioned = Duration.ofNanos(System.nanoTime() - waited);
        simulator.reset();

        JsonObject onA = appOn(nodeA).get("me");
        assertEquals(200, onA.getInt("status"), onA.toString());
        for (int call = 1; call <= 5; call++) {
            JsonObject onB = appOn(nodeB).get("me");
            assertEquals(200, onB.getInt("status"), "node B, call " + call + ": " + onB);
            assertEquals(onA.getString("fingerprint"), onB.getString("fingerprint"),
                    "node B, call " + call + ", after its redeployment, holds another token");
        }
        assertEquals(1, simulator.tokenRequests(), "token requests for node A's call and node B's 5");

        String sinceRedeployment = nodeB.log().readFrom(from);
        assertTrue(sinceRedeployment.contains("Shut down 1 Hazelcast member(s) of this application"),
                "node B's application did not shut its Hazelcast member down when it stopped");
        assertTrue(sinceRedeployment.contains("is SHUTDOWN"), "node B's old Hazelcast member did not shut down");
        assertTrue(sinceRedeployment.contains("Members {size:2,"), "node B's new member did not join node A's");
        assertEquals(List.of(), sinceRedeployment.lines().filter(this::isBoxCcgWarning).toList(),
                "box-ccg warnings on node B after its redeployment");
        report("node B redeployed in %d ms: its old Hazelcast member shut down, the new one joined node A's (started"
                + " by the grid probe in %d ms; grid repartitioned %d ms after box-ccg's first call on node B"
                + " returned); node A: 1 token request, node B: 5 annotated calls with node A's token, 0 token"
                + " requests", redeployed.toMillis(), memberStarted.toMillis(), repartitioned.toMillis());
    }

    /** What Hazelcast's master logs once a repartitioning (after a member came or went) is done. */
    static final String REPARTITIONED = "All migration tasks have been completed";

    /**
     * Polls the node's log, at most {@link #LOG_WAIT}, until after {@code from} it shows a member list of two followed
     * by {@link #REPARTITIONED}.
     */
    static boolean awaitRepartitionedAfterJoin(LibertyNode node, long from) throws InterruptedException {
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        do {
            String log = node.log().readFrom(from);
            int joined = log.lastIndexOf("Members {size:2,");
            if (joined >= 0 && log.indexOf(REPARTITIONED, joined) >= 0) {
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
    protected String label() {
        return LABEL;
    }

    /**
     * Both nodes' logs show Hazelcast's member list of two, and a JCache entry put on node A (through the grid probe
     * in the test application, on the Hazelcast box-ccg uses) is read on node B, and back.
     */
    @Override
    protected void assertOneDataGrid() throws Exception {
        // Hazelcast logs the member list whenever a member comes or goes: "Members {size:2, ver:2} [".
        String twoMembers = "Members {size:2,";
        assertBothLogsShow(twoMembers);
        assertEntriesShared(entries(nodeA), entries(nodeB));
    }

    @Override
    protected String deployedInLog() {
        return "CWWKZ0001I: Application " + ItDeployments.APP + " started";
    }

    /**
     * Liberty's messages.log: {@code [time] thread logger W message} (E for SEVERE); Liberty cuts a logger name longer
     * than its column from the left, so the name is matched by "boxccg" anywhere in it.
     */
    @Override
    protected boolean isBoxCcgWarning(String line) {
        return line.matches(".*\\] \\S+ \\S*boxccg\\S* +[WE] .*");
    }

    private static URI entries(LibertyNode node) {
        return URI.create(node.url(ItDeployments.APP) + ItApplication.PATH + "/entries/");
    }


}
