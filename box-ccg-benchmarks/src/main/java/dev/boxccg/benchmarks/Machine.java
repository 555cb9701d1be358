package dev.boxccg.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the run ran on, read from the JVM and (on Linux) /proc. */
final class Machine {

    /** The app servers the other engineers run here (WildFly, Payara / GlassFish, Open Liberty). */
    private static final Pattern APP_SERVER = Pattern.compile("wildfly|jboss-modules|payara|glassfish|wlp|ws-server");

    private Machine() {
    }

    static String describe() {
        return "cores (nproc): " + Runtime.getRuntime().availableProcessors()
                + "; CPU: " + procLine("/proc/cpuinfo", "model name").orElse("unknown")
                + "; memory: " + procLine("/proc/meminfo", "MemTotal").orElse("unknown")
                + "; JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** @return the command lines (cut short) of running processes that look like app servers */
    static List<String> appServers() {
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (process.getFileName().toString().equals(Long.toString(self))) {
                    continue;
                }
                try {
                    String command = new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ');
                    if (command.startsWith("java") || command.contains("/java ")) {
                        if (APP_SERVER.matcher(command).find()) {
                            found.add(command.substring(0, Math.min(120, command.length())));
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of("unknown (no /proc)");
        }
        return found;
    }

    private static Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip().replaceAll("\\s+", " "))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
