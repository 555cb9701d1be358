package dev.boxccg.benchmarks;

import dev.boxccg.benchmarks.harness.BurstHarness;
import dev.boxccg.benchmarks.harness.RevokeHarness;
import dev.boxccg.benchmarks.harness.RolloverHarness;
import dev.boxccg.benchmarks.harness.ScaleHarness;
import dev.boxccg.benchmarks.jmh.ScaleBenchmark;
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
 * Runs all eight benchmarks in one go and prints one table, each figure beside its baseline from the same run:
 * <pre>
 * java -jar box-ccg-benchmarks/target/benchmarks.jar            # the full run (about 26 minutes)
 * java -jar box-ccg-benchmarks/target/benchmarks.jar --smoke    # every benchmark, very briefly: checks it works
 * java -jar box-ccg-benchmarks/target/benchmarks.jar --only=1,5 # some of them (1 to 8)
 * java -jar box-ccg-benchmarks/target/benchmarks.jar --only=3,4,8 # box-ccg beside its peers (the Quarkus peer
 *     # is included when built: "./mvnw -B -Pbenchmark-peers ... package", see BENCHMARKS.md)
 * java -jar box-ccg-benchmarks/target/benchmarks.jar --only=5 --pairs=20 --budget-minutes=11.5
 *     # benchmark 5 runs pairs of forks for 11.5 minutes (default), or N pairs if fewer
 * </pre>
 * Writes {@code benchmark-results.md} next to the JAR, and JMH's own output of every fork to {@code jmh/} there.
 */
public final class RunAll {

    /** JMH settings of one group of benchmarks. */
    record Plan(int forks, int warmups, Duration warmupTime, int iterations, Duration iterationTime) {
        static final Plan MICRO = new Plan(2, 4, Duration.ofSeconds(1), 5, Duration.ofSeconds(2));
        /**
         * Benchmark 5, paired. Long warm-up: the client stack's throughput settles only after 8 to 10 s (JIT),
         * whatever the filter; so the same 12 s warm-up as before, and a shorter measurement (2 × 2 s) to fit more
         * pairs. The forks' count is not used: the number of pairs is set by the time budget or {@code --pairs=N}.
         */
        static final Plan END_TO_END_PAIRED = new Plan(0, 6, Duration.ofSeconds(2), 2, Duration.ofSeconds(2));
        static final Plan PARTS = new Plan(1, 3, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
        /** Benchmark 6: many cases, each filling up to 100,000 subjects in setup; shorter. */
        static final Plan SCALE = new Plan(2, 3, Duration.ofSeconds(1), 4, Duration.ofSeconds(1));
        static final Plan SMOKE = new Plan(1, 1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1));

        String describePerFork() {
            return "(" + warmups + " warm-up iterations of " + warmupTime.toSeconds() + " s + " + iterations
                    + " measured iterations of " + iterationTime.toSeconds() + " s)";
        }

        String describe() {
            return forks + " forks (interleaved) × (" + warmups + " warm-up iterations of " + warmupTime.toSeconds() + " s + "
                    + iterations + " measured iterations of " + iterationTime.toSeconds() + " s)";
        }
    }

    /** Benchmark 5: pairs are run until this much time has passed (about 12 minutes in all). */
    static final Duration PAIRS_BUDGET = Duration.ofSeconds(690);

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
            only.addAll(List.of(1, 2, 3, 4, 5, 6, 7, 8));
        }
        Path out = outputDirectory();
        Plan micro = smoke ? Plan.SMOKE : Plan.MICRO;
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
            Plan paired = smoke ? Plan.SMOKE : Plan.END_TO_END_PAIRED;
            Duration budget = smoke ? Duration.ofMinutes(1) : option(args, "--budget-minutes=")
                    .map(minutes -> Duration.ofSeconds(Math.round(Double.parseDouble(minutes) * 60)))
                    .orElse(PAIRS_BUDGET);
            int maxPairs = smoke ? 2 : option(args, "--pairs=").map(Integer::parseInt).orElse(Integer.MAX_VALUE);
            log("Benchmark 5: pairs of forks, " + paired.describePerFork() + " each, for up to "
                    + budget.toSeconds() + " s" + (maxPairs == Integer.MAX_VALUE ? "" : " or " + maxPairs + " pairs"));
            report.endToEndPaired(jmhPairs(EndToEndBenchmark.class, "ours", "constantHeader", paired, out, maxPairs,
                    budget), paired, budget);
        }
        if (only.contains(6)) {
            Plan scale = smoke ? Plan.SMOKE : Plan.SCALE;
            List<String> subjects = smoke ? List.of("1", "1000") : List.of("1", "1000", "100000");
            report.scale(jmh(ScaleBenchmark.class, scale, out, "subjects", subjects), scale, subjects);
        }
        if (only.contains(7)) {
            int n = smoke ? 10_000 : 100_000;
            log("Benchmark 7: memory per cached token, " + n + " subjects");
            ScaleHarness.Memory withStore = ScaleHarness.memory(n, true);
            ScaleHarness.Memory cacheOnly = ScaleHarness.memory(n, false);
            log("Benchmark 7: working set of 2,000 users on a bound of 1,000");
            int asks = 5;
            List<ScaleHarness.WorkingSet> sets = List.of(
                    ScaleHarness.workingSet("maxSubjects(1000), default in-memory store", 1000, true, 2000, asks, 8, 7),
                    ScaleHarness.workingSet("maxSubjects(1000), no store", 1000, false, 2000, asks, 8, 7),
                    ScaleHarness.workingSet("maxSubjects(2000) (baseline: the set fits)", 2000, true, 2000, asks, 8, 7));
            log("Benchmark 7: first token of a cold engine");
            List<ScaleHarness.ColdStart> cold = ScaleHarness.coldStart(smoke ? 20 : 100, smoke ? 50 : 500);
            report.scaleHarness(withStore, cacheOnly, sets, cold);
        }
        if (only.contains(3)) {
            log("Benchmark 3: burst of 256 callers at expiry");
            report.burst(BurstHarness.runAll());
        }
        if (only.contains(4)) {
            log("Benchmark 4: rollover with a 500 ms token endpoint, " + rolloverMeasurement.toSeconds() + " s each");
            List<RolloverHarness.Result> rollover = new ArrayList<>(RolloverHarness.runAll(rolloverWarmup,
                    rolloverMeasurement));
            rollover.addAll(RolloverHarness.runQuarkus(rolloverWarmup, rolloverMeasurement));
            report.rollover(rollover, rolloverWarmup, rolloverMeasurement);
        }
        if (only.contains(8)) {
            int revokes = smoke ? 2 : 10;
            log("Benchmark 8: 401 on a revoked token, " + revokes + " revokes each");
            report.revoke(RevokeHarness.runAll(revokes));
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
        return jmh(benchmark, plan, out, null, List.of());
    }

    /**
     * As {@link #jmh(Class, Plan, Path)}, each method that has {@code param} once per value (JMH's {@code runSingle}
     * takes one case at a time). A case with a value is named {@code method@value}.
     */
    private static Map<String, Measured> jmh(Class<?> benchmark, Plan plan, Path out, String param,
                                             List<String> values) throws RunnerException, IOException {
        List<String> methods = Arrays.stream(benchmark.getMethods())
                .filter(method -> method.isAnnotationPresent(Benchmark.class))
                .sorted(java.util.Comparator.comparing(Method::getName))
                .flatMap(method -> param != null && usesParam(method, param)
                        ? values.stream().map(value -> method.getName() + "@" + value)
                        : java.util.stream.Stream.of(method.getName()))
                .toList();
        Path logs = Files.createDirectories(out.resolve("jmh"));
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        for (int round = 0; round < plan.forks(); round++) {
            for (int i = 0; i < methods.size(); i++) {
                String method = methods.get((i + round) % methods.size());
                String name = benchmark.getSimpleName() + "." + method;
                RunResult result = fork(benchmark, method, param, plan, logs.resolve(name + "." + (round + 1) + ".log"));
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

    /** Runs one method of the class in one fork with the plan's settings; a {@code method@value} sets {@code param}. */
    private static RunResult fork(Class<?> benchmark, String method, String param, Plan plan, Path log)
            throws RunnerException {
        int at = method.indexOf('@');
        OptionsBuilder builder = new OptionsBuilder();
        if (at >= 0) {
            builder.param(param, method.substring(at + 1));
        }
        Options options = builder
                .include("^" + Pattern.quote(benchmark.getName() + "." + (at < 0 ? method
                        : method.substring(0, at))) + "$")
                .forks(1)
                .warmupIterations(plan.warmups())
                .warmupTime(TimeValue.milliseconds(plan.warmupTime().toMillis()))
                .measurementIterations(plan.iterations())
                .measurementTime(TimeValue.milliseconds(plan.iterationTime().toMillis()))
                .jvmArgsAppend(FORK_JVM_ARGS)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .output(log.toString())
                .build();
        return new Runner(options).runSingle();
    }

    /** Pairs of forks: box-ccg's ({@code ours}) and its baseline's, run one right after the other. */
    record Pairs(List<RunResult> ours, List<RunResult> baselines, Duration took) {
        double[] scores(List<RunResult> runs) {
            return runs.stream().mapToDouble(run -> run.getPrimaryResult().getScore()).toArray();
        }

        PairedRatios ratios() {
            return PairedRatios.of(scores(ours), scores(baselines));
        }
    }

    /**
     * Runs pairs of forks of two methods, each pair box-ccg's fork and its baseline's back to back, the order
     * alternating from pair to pair (ours first in odd pairs, the baseline first in even ones), so that a drift of the
     * machine's load within a pair does not favour either. Stops after {@code maxPairs} pairs, or before a pair that
     * would start after {@code budget} has passed (whichever comes first; at least 2 pairs).
     */
    private static Pairs jmhPairs(Class<?> benchmark, String ours, String baseline, Plan plan, Path out,
                                  int maxPairs, Duration budget) throws RunnerException, IOException {
        Path logs = Files.createDirectories(out.resolve("jmh"));
        List<RunResult> oursRuns = new ArrayList<>();
        List<RunResult> baselineRuns = new ArrayList<>();
        Instant start = Instant.now();
        Duration lastPair = Duration.ZERO;
        for (int pair = 1; pair <= maxPairs; pair++) {
            Duration elapsed = Duration.between(start, Instant.now());
            if (pair > 2 && elapsed.plus(lastPair).compareTo(budget) > 0) {
                log("Benchmark 5: time budget of " + budget.toSeconds() + " s reached after " + (pair - 1) + " pairs");
                break;
            }
            Instant pairStart = Instant.now();
            RunResult oursRun = null;
            RunResult baselineRun = null;
            for (String method : pair % 2 == 1 ? List.of(ours, baseline) : List.of(baseline, ours)) {
                String name = benchmark.getSimpleName() + "." + method;
                RunResult result = fork(benchmark, method, null, plan, logs.resolve(name + ".pair" + pair + ".log"));
                if (method.equals(ours)) {
                    oursRun = result;
                } else {
                    baselineRun = result;
                }
            }
            oursRuns.add(oursRun);
            baselineRuns.add(baselineRun);
            lastPair = Duration.between(pairStart, Instant.now());
            PairedRatios sofar = new Pairs(oursRuns, baselineRuns, null).ratios();
            log(String.format(Locale.ROOT, "Benchmark 5, pair %d (%s first, %d s): %.1f / %.1f ops/s = %.4f;"
                            + " so far %s (99 %%), load %s", pair, pair % 2 == 1 ? "box-ccg" : "baseline",
                    lastPair.toSeconds(), oursRun.getPrimaryResult().getScore(),
                    baselineRun.getPrimaryResult().getScore(), sofar.ratios().get(pair - 1), sofar.format(4),
                    Machine.loadAverage()));
        }
        return new Pairs(oursRuns, baselineRuns, Duration.between(start, Instant.now()));
    }

    /** @return whether one of the method's {@code @State} arguments has a {@code @Param} field named {@code param} */
    private static boolean usesParam(Method method, String param) {
        for (Class<?> type : method.getParameterTypes()) {
            for (java.lang.reflect.Field field : type.getFields()) {
                if (field.getName().equals(param) && field.isAnnotationPresent(org.openjdk.jmh.annotations.Param.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static java.util.Optional<String> option(String[] args, String prefix) {
        return Arrays.stream(args).filter(arg -> arg.startsWith(prefix)).map(arg -> arg.substring(prefix.length()))
                .findFirst();
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
