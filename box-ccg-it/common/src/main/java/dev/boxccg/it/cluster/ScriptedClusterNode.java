package dev.boxccg.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node driven by its server's own command-line tool ({@code asadmin}, Open Liberty's {@code bin/server}), which
 * starts the server as a process of its own and returns: the node finds that process by its PID file
 * ({@link ClusterNode#processOf}). Every call of the tool is bounded, and its output is appended to one log file per
 * node.
 */
public abstract class ScriptedClusterNode implements ClusterNode {

    private final String name;
    private final int httpPort;
    private final Map<String, String> environment;
    private final Path scriptLog;

    /**
     * @param environment variables the server process gets (the tool passes its environment on)
     * @param scriptLog   where the tool's output goes, e.g. {@code target/asadmin-node-a.log}
     */
    protected ScriptedClusterNode(String name, int httpPort, Map<String, String> environment, Path scriptLog) {
        this.name = name;
        this.httpPort = httpPort;
        this.environment = Map.copyOf(environment);
        this.scriptLog = scriptLog;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    /** Stops the server with its tool. */
    public abstract Duration stop();

    /** Stops the node if it runs: {@link #stop()}, and SIGKILL if that did not end it. Never throws. */
    public void stopQuietly() {
        if (process().isEmpty()) {
            return;
        }
        try {
            stop();
        } catch (RuntimeException e) {
            System.out.println("[box-ccg-it] " + name + ": stopping failed (" + e.getMessage() + "), killing it");
        }
        process().ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * For a module's {@code @AfterAll}: stops each running node in this order, reporting how long it took; a node
     * that does not stop is killed. Never throws.
     */
    public static void stopAll(String label, ScriptedClusterNode... nodes) {
        for (ScriptedClusterNode node : nodes) {
            if (node == null || node.process().isEmpty()) {
                continue;
            }
            try {
                System.out.println("[box-ccg-it] " + label + ": " + node.name() + " stopped in "
                        + node.stop().toMillis() + " ms");
            } catch (RuntimeException e) {
                System.out.println("[box-ccg-it] " + label + ": " + node.name() + ": " + e.getMessage());
                node.stopQuietly();
            }
        }
    }

    /**
     * Runs the tool, at most {@code deadline}, with the node's environment plus {@code moreEnvironment}.
     *
     * @param shown how the call is named in the tool's log and in errors, e.g. {@code asadmin start-domain node-a}
     * @return how long it took
     * @throws IllegalStateException if it does not finish within {@code deadline} (it is then killed), exits with
     *                               another status than 0, or the wait is interrupted (the interrupt stays set)
     */
    protected Duration runTool(List<String> command, Map<String, String> moreEnvironment, String shown,
                               Duration deadline) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(scriptLog.toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(moreEnvironment);
        long started = System.nanoTime();
        Process process;
        try {
            Files.writeString(scriptLog, "\n$ " + shown + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + shown + " (" + name + ")", e);
        }
        try {
            if (!process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(shown + " (" + name + ") did not finish within " + deadline + "; see "
                        + scriptLog);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + shown + " (" + name + ")", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(shown + " (" + name + ") exited with " + process.exitValue() + "; see "
                    + scriptLog + " and " + serverLog());
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
