package dev.boxccg.benchmarks;

import dev.boxccg.benchmarks.harness.BurstHarness;
import dev.boxccg.benchmarks.harness.RolloverHarness;
import dev.boxccg.benchmarks.jmh.EndToEndBenchmark;
import dev.boxccg.benchmarks.jmh.FilterBenchmark;
import dev.boxccg.benchmarks.jmh.FilterPartsBenchmark;
import dev.boxccg.benchmarks.jmh.TokenBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs all five benchmarks in one go and prints one table, each figure beside its baseline from the same run:
 * <pre>
 * java -jar box-ccg-benchmarks/target/benchmarks.jar            # the full run (about 12 minutes)
 * java -jar box-ccg-benchmarks/target/benchmarks.jar --smoke    # every benchmark, very briefly: checks it works
 * java -jar box-ccg-benchmarks/target/benchmarks.jar --only=1,5 # some of them
 * </pre>
 * Writes {@code benchmark-results.md} next to the JAR, and JMH's own output of every fork to {@code jmh/} there.
 */
public final class RunAll {

    /** JMH settings of one group of benchmarks. */
    record Plan(int forks, int warmups, Duration warmupTime, int iterations, Duration iterationTime) {
        static final Plan MICRO = new Plan(2, 4, Duration.ofSeconds(1), 5, Duration.ofSeconds(2));
        /** Long warm-up: the client stack's throughput settles only after 8 to 10 s (JIT), whatever the filter. */
        static final Plan END_TO_END = new Plan(4, 6, Duration.ofSeconds(2), 5, Duration.ofSeconds(3));
        static final Plan PARTS = new Plan(1, 3, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
        static final Plan SMOKE = new Plan(1, 1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1));

        String describe() {
            return forks + " forks (interleaved) × (" + warmups + " warm-up iterations of " + warmupTime.toSeconds() + " s + "
                    + iterations + " measured iterations of " + iterationTime.toSeconds() + " s)";
        }
    }

    /** Each fork: a fixed 1 GiB heap, so heap sizing does not differ between forks. */
    static final String[] FORK_JVM_ARGS = {"-Xms1g", "-Xmx1g", "-Duser.language=en", "-Duser.timezone=UTC"};

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        Set<Integer> only = Arrays.stream(args)
                .filter(arg -> arg.startsWith("--only="))
                .flatMap(arg -> Arrays.stream(arg.substring("--only=".length()).split(",")))
                .map(String::strip)
                .map(Integer::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
        if (only.isEmpty()) {
            only.addAll(List.of(1, 2, 3, 4, 5));
        }
        Path out = outputDirectory();
        Plan micro = smoke ? Plan.SMOKE : Plan.MICRO;
        Plan endToEnd = smoke ? Plan.SMOKE : Plan.END_TO_END;
        Duration rolloverWarmup = smoke ? Duration.ofSeconds(2) : Duration.ofSeconds(8);
        Duration rolloverMeasurement = smoke ? Duration.ofSeconds(6) : Duration.ofSeconds(30);

        Report report = new Report(smoke);
        report.started(Instant.now(), Machine.describe(), Machine.loadAverage(), Machine.appServers());
        if (only.contains(1)) {
            report.filter(jmh(FilterBenchmark.class, micro, out), micro);
            Plan parts = smoke ? Plan.SMOKE : Plan.PARTS;
            report.filterParts(jmh(FilterPartsBenchmark.class, parts, out), parts);
        }
        if (only.contains(2)) {
            report.token(jmh(TokenBenchmark.class, micro, out), micro);
        }
        if (only.contains(5)) {
            report.endToEnd(jmh(EndToEndBenchmark.class, endToEnd, out), endToEnd);
        }
        if (only.contains(3)) {
            log("Benchmark 3: burst of 256 callers at expiry");
            report.burst(BurstHarness.runAll());
        }
        if (only.contains(4)) {
            log("Benchmark 4: rollover with a 500 ms token endpoint, " + rolloverMeasurement.toSeconds() + " s each");
            report.rollover(RolloverHarness.runAll(rolloverWarmup, rolloverMeasurement), rolloverWarmup,
                    rolloverMeasurement);
        }
        report.finished(Instant.now(), Machine.loadAverage(), Machine.appServers());

        String markdown = report.markdown();
        Path file = out.resolve("benchmark-results.md");
        Files.writeString(file, markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("(also written to " + file + ")");
        System.exit(0); // the SDKs' and WireMock's pools keep non-daemon threads alive
    }

    /**
     * Runs every {@code @Benchmark} method of the class {@code plan.forks()} times, one fork at a time, in rounds: each
     * round runs each method once, the order rotating from round to round. A benchmark and its baseline so share
     * whatever load the machine had, instead of one getting a quiet minute and the other a busy one. JMH's own
     * output goes to {@code target/jmh/}.
     *
     * @return the results of each benchmark method, by its simple name
     */
    private static Map<String, Measured> jmh(Class<?> benchmark, Plan plan, Path out)
            throws RunnerException, IOException {
        List<String> methods = Arrays.stream(benchmark.getMethods())
                .filter(method -> method.isAnnotationPresent(Benchmark.class))
                .map(Method::getName)
                .sorted()
                .toList();
        Path logs = Files.createDirectories(out.resolve("jmh"));
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        for (int round = 0; round < plan.forks(); round++) {
            for (int i = 0; i < methods.size(); i++) {
                String method = methods.get((i + round) % methods.size());
                String name = benchmark.getSimpleName() + "." + method;
                Options options = new OptionsBuilder()
                        .include("^" + Pattern.quote(benchmark.getName() + "." + method) + "$")
                        .forks(1)
                        .warmupIterations(plan.warmups())
                        .warmupTime(TimeValue.milliseconds(plan.warmupTime().toMillis()))
                        .measurementIterations(plan.iterations())
                        .measurementTime(TimeValue.milliseconds(plan.iterationTime().toMillis()))
                        .jvmArgsAppend(FORK_JVM_ARGS)
                        .addProfiler(GCProfiler.class)
                        .shouldFailOnError(true)
                        .output(logs.resolve(name + "." + (round + 1) + ".log").toString())
                        .build();
                RunResult result = new Runner(options).runSingle();
                runs.computeIfAbsent(method, m -> new ArrayList<>()).add(result);
                Result<?> primary = result.getPrimaryResult();
                log(String.format(Locale.ROOT, "JMH %s, fork %d of %d: %.2f %s", name, round + 1, plan.forks(),
                        primary.getScore(), primary.getScoreUnit()));
            }
        }
        Map<String, Measured> measured = new LinkedHashMap<>();
        runs.forEach((method, results) -> measured.put(method, Measured.of(results)));
        return measured;
    }

    /** The JAR's directory ({@code box-ccg-benchmarks/target}), or the working directory when run from classes. */
    private static Path outputDirectory() throws URISyntaxException {
        Path location = Path.of(RunAll.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isRegularFile(location) ? location.getParent() : location.toAbsolutePath().getParent();
    }

    static void log(String line) {
        System.out.println("# box-ccg benchmarks: " + line);
    }
}
