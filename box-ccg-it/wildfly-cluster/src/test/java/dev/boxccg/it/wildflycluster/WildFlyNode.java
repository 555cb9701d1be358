package dev.boxccg.it.wildflycluster;

import dev.boxccg.it.cluster.ClusterNode;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One WildFly server of this module's installation: {@code standalone-ha.xml} in a base directory of its own
 * ({@code jboss.server.base.dir}: configuration, deployments, data, log, tmp), with its own node name and port offset.
 * The test JVM starts it as a child process (WildFly's launcher builds the command line, as Arquillian's adapter
 * does), so it can also SIGKILL it; Arquillian's managed container could not be told that a node was killed.
 *
 * <p>Every wait is bounded: start by {@code startupTimeout}, stop by {@link #STOP_DEADLINE} (then SIGKILL), kill by
 * {@link ClusterNode#KILL_DEADLINE}. The server's console goes to {@code <base>/console.log}, its log to
 * {@code <base>/log/server.log}.
 */
final class WildFlyNode implements ClusterNode {

    static final Duration STOP_DEADLINE = Duration.ofSeconds(60);
    /** WildFly's "started" and "started (with errors)" messages. */
    private static final String STARTED = "WFLYSRV0025";
    private static final String STARTED_WITH_ERRORS = "WFLYSRV0026";

    private final String name;
    private final Path wildflyHome;
    private final Path baseDir;
    private final int portOffset;
    private final int httpPort;
    private final String heap;
    private final Map<String, String> environment;
    private Process process;

    /**
     * @param baseDir     the node's {@code jboss.server.base.dir}, holding a {@code configuration} directory already
     * @param environment variables the server process gets
     */
    WildFlyNode(String name, Path wildflyHome, Path baseDir, int portOffset, int httpPort, String heap,
                Map<String, String> environment) {
        this.name = name;
        this.wildflyHome = wildflyHome;
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.httpPort = httpPort;
        this.heap = heap;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    @Override
    public Path serverLog() {
        return baseDir.resolve("log/server.log");
    }

    /** Puts a WAR into the node's {@code deployments} directory: WildFly's deployment scanner deploys it at boot. */
    void deployAtBoot(Path war) throws IOException {
        Path deployments = Files.createDirectories(baseDir.resolve("deployments"));
        Files.copy(war, deployments.resolve(war.getFileName()));
    }

    /**
     * Starts the server on 127.0.0.1 and returns once it logged that it started, with the WARs of
     * {@link #deployAtBoot} deployed.
     *
     * @throws IllegalStateException if it started with errors (a deployment failed), died, or did not start within
     *                               {@code startupTimeout}; the process is then stopped
     */
    Duration start(Duration startupTimeout) throws IOException, InterruptedException {
        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(wildflyHome)
                .setJavaHome(Path.of(System.getProperty("java.home")))
                .setBaseDirectory(baseDir)
                .setServerConfiguration("standalone-ha.xml")
                .addJavaOptions("-Xmx" + heap, "-XX:MaxMetaspaceSize=256m", "-Djava.net.preferIPv4Stack=true",
                        "-Djboss.node.name=" + name, "-Djboss.socket.binding.port-offset=" + portOffset,
                        "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.private=127.0.0.1",
                        "-Djboss.bind.address.management=127.0.0.1");
        long started = System.nanoTime();
        process = Launcher.of(command)
                .addEnvironmentVariables(environment)
                .setRedirectErrorStream(true)
                .redirectOutput(baseDir.resolve("console.log"))
                .launch();
        long deadline = started + startupTimeout.toNanos();
        while (true) {
            String log = Files.exists(serverLog()) ? Files.readString(serverLog()) : "";
            if (log.contains(STARTED_WITH_ERRORS)) {
                stopQuietly();
                throw new IllegalStateException(name + " started with errors (a deployment failed?): " + serverLog());
            }
            if (log.contains(STARTED)) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting: "
                        + baseDir.resolve("console.log"));
            }
            if (System.nanoTime() > deadline) {
                stopQuietly();
                throw new IllegalStateException(name + " did not start within " + startupTimeout + ": " + serverLog());
            }
            Thread.sleep(200);
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * SIGTERM: WildFly shuts down gracefully (its shutdown hook); SIGKILL if it has not ended within
     * {@link #STOP_DEADLINE}.
     */
    Duration stop() throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            System.out.println("[box-ccg-it] " + name + " did not stop within " + STOP_DEADLINE + ": killing it");
            kill();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Stops the node if it runs, whatever happens; never throws. */
    void stopQuietly() {
        if (!isRunning()) {
            return;
        }
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            process.destroyForcibly();
        }
    }

    /** @return the server's process while it runs (a child of the test JVM), for {@link ClusterNode#kill()} */
    @Override
    public Optional<ProcessHandle> process() {
        return process != null && process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    @Override
    public String toString() {
        return name + " (HTTP " + httpPort + ", port offset " + portOffset + ")";
    }

    /**
     * Runs a jboss-cli script in embedded mode (no server running) on a base directory's configuration, e.g. to turn
     * its {@code standalone-ha.xml} into the cluster's.
     *
     * @throws IllegalStateException if the CLI fails or does not finish within {@code deadline}
     */
    static void runCli(Path wildflyHome, Path baseDir, Path script, Duration deadline)
            throws IOException, InterruptedException {
        Path output = baseDir.resolve("cli.log");
        ProcessBuilder cli = new ProcessBuilder(wildflyHome.resolve("bin/jboss-cli.sh").toString(),
                "--file=" + script)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        cli.environment().put("JAVA_HOME", System.getProperty("java.home"));
        cli.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + baseDir);
        Process process = cli.start();
        try {
            if (!process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jboss-cli " + script + " did not finish within " + deadline
                        + ": " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        String said = Files.readString(output);
        if (process.exitValue() != 0 || !said.contains("The batch executed successfully")) {
            throw new IllegalStateException("jboss-cli " + script + " failed (exit " + process.exitValue() + "): "
                    + said);
        }
    }

    /** Copies a directory tree; {@code to} must not exist. */
    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            paths.forEach(source -> {
                try {
                    Files.copy(source, to.resolve(from.relativize(source).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
