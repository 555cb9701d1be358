package dev.boxccg.it.payaracluster;

import dev.boxccg.it.cluster.ClusterNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Payara domain of this module's installation (pom.xml made {@code node-a} and {@code node-b}), driven with
 * asadmin ({@code glassfish/lib/client/appserver-cli.jar}, what {@code bin/asadmin} runs) on the test JVM's Java.
 * Not Arquillian's managed container: a scenario kills node A with SIGKILL halfway, which that adapter cannot be told
 * about, and it would then fail stopping it.
 *
 * <p>Every asadmin call is bounded ({@link #ASADMIN_DEADLINE}); its output goes to
 * {@code target/asadmin-<node>.log}, the server's own to its {@code logs/server.log}.
 */
final class PayaraNode implements ClusterNode {

    /** How long one asadmin call (start, deploy, stop) may take on two loaded cores. */
    static final Duration ASADMIN_DEADLINE = Duration.ofSeconds(240);

    private final String name;
    private final Path payaraHome;
    private final int adminPort;
    private final int httpPort;
    private final Map<String, String> environment;
    private final Path asadminLog;

    /**
     * @param environment variables the server process gets (asadmin start-domain passes its environment on)
     */
    PayaraNode(String name, Path payaraHome, int adminPort, int httpPort, Map<String, String> environment,
               Path asadminLog) {
        this.name = name;
        this.payaraHome = payaraHome;
        this.adminPort = adminPort;
        this.httpPort = httpPort;
        this.environment = Map.copyOf(environment);
        this.asadminLog = asadminLog;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    Path domainDir() {
        return payaraHome.resolve("glassfish/domains").resolve(name);
    }

    @Override
    public Path serverLog() {
        return domainDir().resolve("logs/server.log");
    }

    /** {@code asadmin start-domain}: returns once the domain answers on its admin port. */
    Duration start() {
        return asadmin("start-domain", name);
    }

    /** {@code asadmin deploy --force}: the application named {@code appName} at context root {@code /appName}. */
    Duration deploy(Path war, String appName) {
        return asadmin("--port", String.valueOf(adminPort), "deploy", "--force=true", "--name", appName,
                "--contextroot", appName, war.toString());
    }

    /** {@code asadmin stop-domain}. */
    Duration stop() {
        return asadmin("stop-domain", name);
    }

    /**
     * The server's process, by the PID Payara writes into the domain's {@code config/pid} while it runs (so a node
     * whose file is stale, after a crash, has no live process here).
     */
    @Override
    public Optional<ProcessHandle> process() {
        return ClusterNode.processOf(domainDir().resolve("config/pid"));
    }

    /** Stops the node if it runs: {@code stop-domain}, and SIGKILL if that did not end it. Never throws. */
    void stopQuietly() {
        if (process().isEmpty()) {
            return;
        }
        try {
            stop();
        } catch (RuntimeException e) {
            System.out.println("[box-ccg-it] " + name + ": stop-domain failed (" + e.getMessage() + "), killing it");
        }
        process().ifPresent(ProcessHandle::destroyForcibly);
    }

    private Duration asadmin(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(payaraHome.resolve("glassfish/lib/client/appserver-cli.jar").toString());
        command.add("--interactive=false");
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(asadminLog.toFile()));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process;
        try {
            Files.writeString(asadminLog, "\n$ asadmin " + String.join(" ", arguments) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run asadmin for " + name, e);
        }
        try {
            if (!process.waitFor(ASADMIN_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " (" + name
                        + ") did not finish within " + ASADMIN_DEADLINE + "; see " + asadminLog);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: asadmin " + arguments[0] + " (" + name + ")", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " (" + name + ") exited with "
                    + process.exitValue() + "; see " + asadminLog + " and " + serverLog());
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public String toString() {
        return name + " (HTTP " + httpPort + ", admin " + adminPort + ")";
    }
}
