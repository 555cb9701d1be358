package dev.boxccg.it.libertycluster;

import dev.boxccg.it.ServerLog;
import dev.boxccg.it.cluster.ClusterNode;
import dev.boxccg.it.cluster.ScriptedClusterNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Open Liberty server of this module's installation (pom.xml made both), driven with {@code wlp/bin/server} on
 * the test JVM's Java. Not Arquillian's managed container: a scenario kills node A with SIGKILL halfway, which that
 * adapter cannot be told about. The WAR goes into {@code dropins/} before the server starts.
 *
 * <p>Every wait is bounded: a {@code bin/server} call by {@link #SCRIPT_DEADLINE}, the application's start by
 * {@link #APPLICATION_DEADLINE}. The script's output goes to {@code target/server-<node>.log}, the server's own log to
 * its {@code logs/messages.log}.
 */
final class LibertyNode extends ScriptedClusterNode {

    /** How long one {@code bin/server start|stop} may take on two loaded cores. */
    static final Duration SCRIPT_DEADLINE = Duration.ofSeconds(180);
    /** How long an application in dropins may take to start once the server runs. */
    static final Duration APPLICATION_DEADLINE = Duration.ofSeconds(120);

    /** Liberty's messages about an application that failed to start or stop (CWWKZ0002E to CWWKZ0009E). */
    private static final Pattern APPLICATION_FAILED = Pattern.compile("CWWKZ000[2-9]E: .*");

    private final Path wlpHome;
    private final String serverName;

    /**
     * @param environment variables the server process gets ({@code bin/server start} passes its environment on)
     */
    LibertyNode(String name, Path wlpHome, String serverName, int httpPort, Map<String, String> environment,
                Path scriptLog) {
        super(name, httpPort, environment, scriptLog);
        this.wlpHome = wlpHome;
        this.serverName = serverName;
    }

    Path serverDir() {
        return wlpHome.resolve("usr/servers").resolve(serverName);
    }

    @Override
    public Path serverLog() {
        return serverDir().resolve("logs/messages.log");
    }

    /** The server's process, by the PID file {@code bin/server start} writes ({@code usr/servers/.pid/}). */
    @Override
    public Optional<ProcessHandle> process() {
        return ClusterNode.processOf(wlpHome.resolve("usr/servers/.pid").resolve(serverName + ".pid"));
    }

    /** Puts the WAR into the server's {@code dropins/}, where Liberty starts it under its file name. */
    void dropIn(Path war) {
        try {
            Files.copy(war, serverDir().resolve("dropins").resolve(war.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot put " + war + " into " + name() + "'s dropins", e);
        }
    }

    /** {@code bin/server start}: returns once the server reports itself started. */
    Duration start() {
        return server("start");
    }

    /** {@code bin/server stop}. */
    @Override
    public Duration stop() {
        return server("stop");
    }

    /**
     * Waits, at most {@link #APPLICATION_DEADLINE}, until the server's log says the application started; fails with
     * Liberty's message if it says the application failed.
     *
     * @return how long the wait took
     */
    Duration awaitApplication(String application) throws InterruptedException {
        return awaitApplication(application, 0, "CWWKZ0001I: Application " + application + " started");
    }

    /**
     * Replaces the application in dropins by a newer copy of itself (its file's time set to now): Liberty stops it and
     * starts it again, in a new class loader. Waits, at most {@link #APPLICATION_DEADLINE}, until the log says so.
     *
     * @return how long Liberty took
     */
    Duration redeploy(String warName, String application) throws InterruptedException {
        long from = log().mark();
        try {
            Files.setLastModifiedTime(serverDir().resolve("dropins").resolve(warName),
                    FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot touch " + warName + " in " + name() + "'s dropins", e);
        }
        return awaitApplication(application, from, "CWWKZ0003I: The application " + application + " updated");
    }

    /** @return the server's log, to read what is written after a mark */
    ServerLog log() {
        return new ServerLog(serverLog());
    }

    private Duration awaitApplication(String application, long from, String success) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + APPLICATION_DEADLINE.toNanos();
        do {
            String log = Files.exists(serverLog()) ? log().readFrom(from) : "";
            if (log.contains(success)) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Matcher failure = APPLICATION_FAILED.matcher(log);
            while (failure.find()) {
                if (failure.group().contains(application)) {
                    throw new IllegalStateException(name() + ": " + failure.group() + " (see " + serverLog() + ")");
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException(name() + ": no \"" + success + "\" within " + APPLICATION_DEADLINE + "; see "
                + serverLog());
    }

    private Duration server(String action) {
        // The server runs on the test JVM's Java.
        return runTool(List.of(wlpHome.resolve("bin/server").toString(), action, serverName),
                Map.of("JAVA_HOME", System.getProperty("java.home")), "server " + action + " " + serverName,
                SCRIPT_DEADLINE);
    }

    @Override
    public String toString() {
        return name() + " (" + serverName + ", HTTP " + httpPort() + ")";
    }
}
