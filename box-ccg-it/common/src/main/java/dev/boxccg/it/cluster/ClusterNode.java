package dev.boxccg.it.cluster;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One server of a two-node cluster test, as {@link SharedTokenClusterScenarios} sees it: where it answers, where it
 * logs, and its process, which a scenario kills. How a node is made, started and stopped is the server module's
 * business (Payara: asadmin; Open Liberty: {@code bin/server}).
 */
public interface ClusterNode {

    /** How long a killed server's process may take to disappear. */
    Duration KILL_DEADLINE = Duration.ofSeconds(30);

    /** @return the node's name, as the scenarios report it, e.g. {@code node-a} */
    String name();

    /** @return the HTTP port the node's applications answer on (127.0.0.1) */
    int httpPort();

    /** @return the server's log file, which the scenarios scan (for secrets, tokens and box-ccg warnings) */
    Path serverLog();

    /**
     * @return the server's process if it runs, found by the PID file the server writes while it runs (so a node whose
     *         file is stale, after a crash, has no live process here)
     */
    Optional<ProcessHandle> process();

    /** @return the deployment's URL, e.g. {@code http://127.0.0.1:8380/box-ccg-it/} */
    default URL url(String contextRoot) {
        try {
            return new URL("http://127.0.0.1:" + httpPort() + "/" + contextRoot + "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(contextRoot, e);
        }
    }

    /**
     * @param pidFile the PID file a server writes while it runs
     * @return the live process of that PID; empty if there is no such file, or no such process (a stale file)
     */
    static Optional<ProcessHandle> processOf(Path pidFile) {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * If the test JVM ends without its {@code @AfterAll} (a crash, a killed build), no node is left running: a JVM
     * shutdown hook kills the nodes' processes, without waiting.
     */
    static void killAtJvmExit(String hookName, ClusterNode... nodes) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ClusterNode node : nodes) {
                node.process().ifPresent(ProcessHandle::destroyForcibly);
            }
        }, hookName));
    }

    /**
     * SIGKILL ({@link ProcessHandle#destroyForcibly()} on Unix): no shutdown hook, no {@code @PreDestroy}, no
     * graceful leave from the data grid. Waits, at most {@link #KILL_DEADLINE}, until the process is gone.
     *
     * @return the PID killed
     */
    default long kill() {
        ProcessHandle server = process().orElseThrow(() -> new IllegalStateException(name() + " is not running"));
        server.destroyForcibly();
        try {
            server.onExit().get(KILL_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name(), e);
        } catch (Exception e) {
            throw new IllegalStateException(name() + " (PID " + server.pid() + ") still runs " + KILL_DEADLINE
                    + " after SIGKILL", e);
        }
        return server.pid();
    }
}
