package dev.boxccg.it.payaracluster;

import dev.boxccg.it.cluster.ClusterNode;
import dev.boxccg.it.cluster.ScriptedClusterNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Payara domain of this module's installation (pom.xml made {@code node-a} and {@code node-b}), driven with
 * asadmin ({@code glassfish/lib/client/appserver-cli.jar}, what {@code bin/asadmin} runs) on the test JVM's Java.
 * Not Arquillian's managed container: a scenario kills node A with SIGKILL halfway, which that adapter cannot be told
 * about, and it would then fail stopping it.
 *
 * <p>Every asadmin call is bounded ({@link #ASADMIN_DEADLINE}); its output goes to
 * {@code target/asadmin-<node>.log}, the server's own to its {@code logs/server.log}.
 */
final class PayaraNode extends ScriptedClusterNode {

    /** How long one asadmin call (start, deploy, stop) may take on two loaded cores. */
    static final Duration ASADMIN_DEADLINE = Duration.ofSeconds(240);

    private final Path payaraHome;
    private final int adminPort;

    /**
     * @param environment variables the server process gets (asadmin start-domain passes its environment on)
     */
    PayaraNode(String name, Path payaraHome, int adminPort, int httpPort, Map<String, String> environment,
               Path asadminLog) {
        super(name, httpPort, environment, asadminLog);
        this.payaraHome = payaraHome;
        this.adminPort = adminPort;
    }

    Path domainDir() {
        return payaraHome.resolve("glassfish/domains").resolve(name());
    }

    @Override
    public Path serverLog() {
        return domainDir().resolve("logs/server.log");
    }

    /** {@code asadmin start-domain}: returns once the domain answers on its admin port. */
    Duration start() {
        return asadmin("start-domain", name());
    }

    /** {@code asadmin deploy --force}: the application named {@code appName} at context root {@code /appName}. */
    Duration deploy(Path war, String appName) {
        return asadmin("--port", String.valueOf(adminPort), "deploy", "--force=true", "--name", appName,
                "--contextroot", appName, war.toString());
    }

    /** {@code asadmin stop-domain}. */
    @Override
    public Duration stop() {
        return asadmin("stop-domain", name());
    }

    /**
     * The server's process, by the PID Payara writes into the domain's {@code config/pid} while it runs (so a node
     * whose file is stale, after a crash, has no live process here).
     */
    @Override
    public Optional<ProcessHandle> process() {
        return ClusterNode.processOf(domainDir().resolve("config/pid"));
    }

    private Duration asadmin(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(payaraHome.resolve("glassfish/lib/client/appserver-cli.jar").toString());
        command.add("--interactive=false");
        command.addAll(List.of(arguments));
        return runTool(command, Map.of(), "asadmin " + String.join(" ", arguments), ASADMIN_DEADLINE);
    }

    @Override
    public String toString() {
        return name() + " (HTTP " + httpPort() + ", admin " + adminPort + ")";
    }
}
