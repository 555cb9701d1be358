package dev.boxccg.benchmarks;

import dev.boxccg.benchmarks.harness.BurstHarness;
import dev.boxccg.benchmarks.harness.RevokeHarness;
import dev.boxccg.benchmarks.harness.RolloverHarness;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's results as Markdown: a summary table (one row per goal) and a section per benchmark. */
final class Report {

    private final boolean smoke;
    private final List<String> header = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();

    Report(boolean smoke) {
        this.smoke = smoke;
    }

    void started(Instant at, String machine, String load, List<String> appServers) {
        header.add("- started " + at.truncatedTo(ChronoUnit.SECONDS) + (smoke ? " — **smoke run: figures mean nothing**" : ""));
        header.add("- machine: " + machine);
        header.add("- load average at start: " + load);
        header.add("- app servers running at start: " + (appServers.isEmpty() ? "none" : String.join(" | ", appServers)));
    }

    void finished(Instant at, String load, List<String> appServers) {
        header.add("- finished " + at.truncatedTo(ChronoUnit.SECONDS) + "; load average at end: " + load);
        header.add("- app servers running at end: " + (appServers.isEmpty() ? "none" : String.join(" | ", appServers)));
    }

    void filter(Map<String, Measured> results, RunAll.Plan plan) {
        Score ours = score(results.get("ours"));
        Score constant = score(results.get("constantHeader"));
        Score reset = score(results.get("resetOnly"));
        Score ratio = ours.ratioTo(constant);
        summary.add(row("1", "filter on a Jersey request, cached token (ns/op, lower is better)", ours.format(1),
                "constant-header filter: " + constant.format(1), ratio.format(3), "≤ 1.25", ratio.value() <= 1.25));
        Score net = ours.minus(reset).ratioTo(constant.minus(reset));
        sections.add(String.join("\n",
                "### 1. Filter cost with a cached token",
                "JMH average time, " + plan.describe() + ", 1 thread.",
                "",
                "| benchmark | ns/op | B/op |",
                "|---|---|---|",
                jmhRow("box-ccg `new BoxAuthenticationFilter()` (Weld SE runtime)", results.get("ours"), 1),
                jmhRow("constant `Authorization` filter (baseline)", results.get("constantHeader"), 1),
                jmhRow("request reset only (both pay it)", results.get("resetOnly"), 1),
                "",
                "Ratio box-ccg / baseline: **" + ratio.format(3) + "**; net of the reset: " + net.format(2) + "."));
    }

    void filterParts(Map<String, Measured> results, RunAll.Plan plan) {
        List<String> lines = new ArrayList<>(List.of(
                "#### 1b. The filter's steps, one by one (`FilterPartsBenchmark`)",
                "JMH average time, " + plan.describe() + ", 1 thread, same Weld SE runtime.",
                "",
                "| step | ns/op | B/op |",
                "|---|---|---|"));
        for (String[] part : new String[][] {
                {"headerCheck", "`request.getHeaderString(AUTHORIZATION)` on a request without one"},
                {"headerCheckContainsKey", "`request.getHeaders().containsKey(AUTHORIZATION)` (alternative)"},
                {"bothChecksOnOneHeaderMap", "both header checks (and the `As-User` removal) on one `getHeaders()`"},
                {"asUserCheck", "`As-User` header check, its removal, `BoxCalls.currentUser()`"},
                {"providerLookup", "`runtime.provider(\"\")` (configuration lookup)"},
                {"providerLookupAndToken", "`runtime.provider(\"\").token()`"},
                {"authorizationHeader", "`token.authorizationHeader()`"},
                {"requestProperties", "two `request.setProperty` (token and provider, for the 401 path)"},
                {"nanoTimeRead", "`System.nanoTime()` (the engine's expiry clock)"},
                {"clockRead", "`Clock.systemUTC().instant()` (for comparison)"}}) {
            lines.add(jmhRow(part[1], results.get(part[0]), 1));
        }
        sections.add(String.join("\n", lines));
    }

    void token(Map<String, Measured> results, RunAll.Plan plan) {
        List<String> lines = new ArrayList<>(List.of(
                "### 2. `token()` on a warm cache",
                "JMH average time, " + plan.describe() + ". Baselines: (a) reading a volatile field that holds the"
                        + " token; (b) the same plus `token.isValidAt(Clock.systemUTC().instant())`, the least a cache"
                        + " that never hands out an expired token does.",
                "",
                "| threads | box-ccg ns/op | box-ccg B/op | (a) volatile read ns/op | ratio to (a) | (b) + expiry check"
                        + " ns/op | ratio to (b) |",
                "|---|---|---|---|---|---|---|"));
        for (String threads : List.of("1Thread", "8Threads")) {
            Measured ours = results.get("ours" + threads);
            Score oursScore = ours.score();
            Score volatileRead = score(results.get("volatileRead" + threads));
            Score expiryCheck = score(results.get("volatileReadAndExpiryCheck" + threads));
            Score ratio = oursScore.ratioTo(volatileRead);
            Score ratioToCheck = oursScore.ratioTo(expiryCheck);
            String count = threads.startsWith("1") ? "1" : "8";
            lines.add("| " + count + " | " + oursScore.format(2) + " | " + alloc(ours) + " | "
                    + volatileRead.format(2) + " | " + ratio.format(1) + " | " + expiryCheck.format(2) + " | "
                    + ratioToCheck.format(2) + " |");
            summary.add(row("2", "`token()` warm cache, " + count + " thread" + (count.equals("1") ? "" : "s")
                            + " (ns/op; box-ccg allocates " + alloc(ours) + " B/op)", oursScore.format(2),
                    "(a) volatile read: " + volatileRead.format(2) + "; (b) + expiry check: " + expiryCheck.format(2),
                    "(a) " + ratio.format(1) + "; (b) " + ratioToCheck.format(2), "—", null));
        }
        sections.add(String.join("\n", lines));
    }

    void scale(Map<String, Measured> results, RunAll.Plan plan, List<String> subjects) {
        List<String> lines = new ArrayList<>(List.of(
                "### 6. Scale curves (JMH)",
                "JMH average time, " + plan.describe() + ". Tokens from a minimal local token endpoint (the JDK"
                        + " HttpServer, 20-hour tokens); every subject filled in setup through `forUser(id).token()`.",
                "",
                "#### 6a. A cache hit with N cached subjects: a random cached subject's `provider.token()`",
                "Baseline: a bare `ConcurrentHashMap` from user ID to (token, expiry), the random user's ID looked"
                        + " up and its expiry checked on `System.nanoTime()`: the least a keyed cache on a monotonic"
                        + " clock does.",
                "",
                "| cached subjects | box-ccg ns/op | box-ccg B/op | bare map ns/op | box-ccg − map ns | ratio to"
                        + " map | ratio to 1 subject |",
                "|---|---|---|---|---|---|---|"));
        Score one = results.get("hitRandomSubject@" + subjects.get(0)).score();
        for (String n : subjects) {
            Measured ours = results.get("hitRandomSubject@" + n);
            Score array = score(results.get("mapRandomSubject@" + n));
            lines.add("| " + String.format(Locale.ROOT, "%,d", Integer.parseInt(n)) + " | " + ours.score().format(2)
                    + " | " + alloc(ours) + " | " + array.format(2) + " | " + ours.score().minus(array).format(2)
                    + " | " + ours.score().ratioTo(array).format(2) + " | " + ours.score().ratioTo(one).format(2) + " |");
        }
        String last = subjects.get(subjects.size() - 1);
        Measured lastOurs = results.get("hitRandomSubject@" + last);
        summary.add(row("6", "cache hit, random subject among 1 / " + String.format(Locale.ROOT, "%,d",
                        Integer.parseInt(last)) + " cached (ns/op; B/op " + alloc(results.get("hitRandomSubject@"
                        + subjects.get(0))) + " / " + alloc(lastOurs) + ")",
                one.format(1) + " / " + lastOurs.score().format(1),
                "bare map + nanoTime check: " + score(results.get("mapRandomSubject@" + subjects.get(0))).format(1) + " / "
                        + score(results.get("mapRandomSubject@" + last)).format(1),
                "to 1 subject: " + lastOurs.score().ratioTo(one).format(2) + "; to the map: "
                        + lastOurs.score().ratioTo(score(results.get("mapRandomSubject@" + last))).format(2), "—", null));
        lines.add("");
        lines.add("#### 6b. `token()` of one subject on a warm cache, by threads (2 cores)");
        lines.add("Baseline: a volatile read plus an expiry check on `System.nanoTime()`, at the same thread count.");
        lines.add("");
        lines.add("| threads | box-ccg ns/op | box-ccg B/op | baseline ns/op | ratio to baseline | ratio to 1 thread |");
        lines.add("|---|---|---|---|---|---|");
        Score single = results.get("token1Thread").score();
        List<String> summaryCells = new ArrayList<>();
        List<String> baselineCells = new ArrayList<>();
        for (String threads : List.of("1Thread", "8Threads", "64Threads")) {
            Measured ours = results.get("token" + threads);
            Score base = score(results.get("monotonicCheck" + threads));
            lines.add("| " + threads.replaceAll("\\D", "") + " | " + ours.score().format(2) + " | " + alloc(ours)
                    + " | " + base.format(2) + " | " + ours.score().ratioTo(base).format(2) + " | "
                    + ours.score().ratioTo(single).format(2) + " |");
            summaryCells.add(ours.score().format(1));
            baselineCells.add(base.format(1));
        }
        summary.add(row("6", "`token()` warm cache at 1 / 8 / 64 threads (ns/op)", String.join(" / ", summaryCells),
                "volatile read + nanoTime check: " + String.join(" / ", baselineCells), "see 6b", "—", null));
        sections.add(String.join("\n", lines));
    }

    void scaleHarness(dev.boxccg.benchmarks.harness.ScaleHarness.Memory withStore,
                      dev.boxccg.benchmarks.harness.ScaleHarness.Memory cacheOnly,
                      List<dev.boxccg.benchmarks.harness.ScaleHarness.WorkingSet> sets,
                      List<dev.boxccg.benchmarks.harness.ScaleHarness.ColdStart> cold) {
        List<String> lines = new ArrayList<>(List.of(
                "### 7. Scale figures outside JMH",
                "",
                "#### 7a. Retained heap per cached token",
                "Used heap (MemoryMXBean, after full GCs until it stops shrinking) before and after filling N users"
                        + " through `forUser(id).token()` into a warm engine, divided by N.",
                "",
                "| engine | N | used before | used after | bytes per cached token | fill time |",
                "|---|---|---|---|---|---|"));
        for (var m : List.of(withStore, cacheOnly)) {
            lines.add("| " + (m.withStore() ? "default (cache + `InMemoryTokenStore`)" : "cache only (a store that keeps"
                    + " nothing)") + " | " + String.format(Locale.ROOT, "%,d", m.subjects()) + " | "
                    + mib(m.before()) + " | " + mib(m.after()) + " | " + String.format(Locale.ROOT, "%.0f", m.perToken())
                    + " | " + millis(m.fill()) + " |");
        }
        summary.add(row("7", "retained heap per cached token (B), N = " + String.format(Locale.ROOT, "%,d",
                        withStore.subjects()), String.format(Locale.ROOT, "%.0f", withStore.perToken()),
                "cache alone: " + String.format(Locale.ROOT, "%.0f", cacheOnly.perToken()), "—", "—", null));
        var first = sets.get(0);
        lines.add("");
        lines.add("#### 7b. A working set twice the bound: " + String.format(Locale.ROOT, "%,d", first.users())
                + " users, each asked " + first.asks() + " times in random order by " + first.threads() + " threads");
        lines.add("");
        lines.add("| engine | token requests | requests per distinct user | total time | failed asks |");
        lines.add("|---|---|---|---|---|");
        for (var set : sets) {
            lines.add("| " + set.variant() + " | " + set.requests() + " | " + String.format(Locale.ROOT, "%.2f",
                    set.requestsPerUser()) + " | " + millis(set.elapsed()) + " | " + set.failed() + " |");
        }
        var baseline = sets.get(sets.size() - 1);
        summary.add(row("7", "working set 2 × bound (2,000 users, maxSubjects 1000, 8 threads): requests per user,"
                        + " time", String.format(Locale.ROOT, "%.2f, %s", first.requestsPerUser(), millis(first.elapsed())),
                baseline.variant() + ": " + String.format(Locale.ROOT, "%.2f, %s", baseline.requestsPerUser(),
                        millis(baseline.elapsed())),
                String.format(Locale.ROOT, "%.2f", first.requestsPerUser() / baseline.requestsPerUser()), "—", null));
        lines.add("");
        lines.add("#### 7c. First token of a cold engine (" + cold.get(0).nanos().length + " repetitions after warm-up)");
        lines.add("");
        lines.add("| what | p50 | p90 | p99 | max |");
        lines.add("|---|---|---|---|---|");
        for (var c : cold) {
            lines.add("| " + c.what() + " | " + micros(c.percentile(50)) + " | " + micros(c.percentile(90)) + " | "
                    + micros(c.percentile(99)) + " | " + micros(c.percentile(100)) + " |");
        }
        var ours = cold.get(0);
        var bare = cold.get(1);
        summary.add(row("7", "first token, cold engine: p50 / p99", micros(ours.percentile(50)) + " / "
                        + micros(ours.percentile(99)), "new HttpClient + POST: " + micros(bare.percentile(50)) + " / "
                        + micros(bare.percentile(99)),
                String.format(Locale.ROOT, "%.2f / %.2f", (double) ours.percentile(50) / bare.percentile(50),
                        (double) ours.percentile(99) / bare.percentile(99)), "—", null));
        sections.add(String.join("\n", lines));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Benchmark 5 as pairs of forks: the paired ratios' distribution decides the goal. */
    void endToEndPaired(RunAll.Pairs pairs, RunAll.Plan plan, Duration budget) {
        PairedRatios ratios = pairs.ratios();
        Measured ours = Measured.of(pairs.ours());
        Measured constant = Measured.of(pairs.baselines());
        boolean decided = !Double.isNaN(ratios.halfWidth());
        double low = ratios.mean() - ratios.halfWidth();
        double high = ratios.mean() + ratios.halfWidth();
        Boolean met = !decided ? null : low >= 0.97 ? Boolean.TRUE : high < 0.97 ? Boolean.FALSE : null;
        summary.add(row("5", "MP REST client call, end to end (ops/s, higher is better; ratio: mean of "
                        + ratios.pairs() + " paired ratios, 99 % interval)", ours.score().format(0),
                "constant-header filter: " + constant.score().format(0), ratios.format(3), "≥ 0.97", met));
        int reached = ratios.pairsToReach(0.02);
        List<String> lines = new ArrayList<>(List.of(
                "### 5. End to end through a MicroProfile REST client (paired forks)",
                "JMH throughput, 1 thread; " + ratios.pairs() + " pairs of forks, each fork " + plan.describePerFork()
                        + "; in each pair box-ccg's fork and the baseline's ran back to back, box-ccg first in odd"
                        + " pairs, the baseline first in even ones; pairs started until " + budget.toSeconds()
                        + " s had passed (took " + pairs.took().toSeconds() + " s). Jersey MP REST client injected"
                        + " with `@RestClient` from Weld SE, to the JDK HttpServer on 127.0.0.1 answering"
                        + " `/2.0/users/me`.",
                "",
                "| client | ops/s (all forks' iterations pooled, 99.9 %) | B/op |",
                "|---|---|---|",
                jmhRow("`@BoxAuthenticated` (box-ccg filter + 401 interceptor)", ours, 0),
                jmhRow("`@RegisterProvider(ConstantBearerFilter.class)` (baseline)", constant, 0),
                "",
                "| pair | first | box-ccg ops/s | baseline ops/s | ratio |",
                "|---|---|---|---|---|"));
        double[] oursScores = pairs.scores(pairs.ours());
        double[] baselineScores = pairs.scores(pairs.baselines());
        for (int i = 0; i < ratios.pairs(); i++) {
            lines.add(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.4f |", i + 1,
                    i % 2 == 0 ? "box-ccg" : "baseline", oursScores[i], baselineScores[i], ratios.ratios().get(i)));
        }
        lines.addAll(List.of("",
                "| pairs | mean ratio | 99 % interval (Student's t) | min | max | SD | pairs to ± 0.02 (first prefix"
                        + " / at this SD) | goal ≥ 0.97 |",
                "|---|---|---|---|---|---|---|---|",
                String.format(Locale.ROOT, "| %d | %.4f | %s | %.4f | %.4f | %.4f | %s / %s | %s |", ratios.pairs(),
                        ratios.mean(), decided ? String.format(Locale.ROOT, "%.4f to %.4f (± %.4f)", low, high,
                                ratios.halfWidth()) : "?", ratios.min(), ratios.max(), ratios.stdDev(),
                        reached == 0 ? "not reached" : Integer.toString(reached),
                        ratios.pairsNeededFor(0.02) == 0 ? "?" : Integer.toString(ratios.pairsNeededFor(0.02)),
                        met == null ? "undecided" : met ? "met (whole interval ≥ 0.97)" : "**missed** (whole interval"
                                + " < 0.97)")));
        sections.add(String.join("\n", lines));
    }

    void burst(List<BurstHarness.Result> results) {
        String oursName = results.get(0).library();
        List<String> lines = new ArrayList<>(List.of(
                "### 3. Burst at expiry: " + results.get(0).callers() + " threads released together on an expired token",
                "",
                "| token endpoint answers after | library | each caller calls | token requests | ratio box-ccg / this"
                        + " | failed calls | distinct tokens | callers left with a rejected token | all returned after |",
                "|---|---|---|---|---|---|---|---|---|"));
        StringBuilder ours = new StringBuilder();
        Map<String, List<String>> peerCounts = new LinkedHashMap<>();
        Map<String, List<String>> peerRatios = new LinkedHashMap<>();
        boolean single = true;
        BurstHarness.Result reference = null;
        for (BurstHarness.Result result : results) {
            if (result.library().equals(oursName)) {
                reference = result;
                single &= result.tokenRequests() == 1;
                ours.append(ours.length() == 0 ? "" : " / ").append(result.tokenRequests());
            } else {
                String peer = shortName(result.library());
                peerCounts.computeIfAbsent(peer, p -> new ArrayList<>()).add(Integer.toString(result.tokenRequests()));
                peerRatios.computeIfAbsent(peer, p -> new ArrayList<>())
                        .add(ratio(reference.tokenRequests(), result.tokenRequests()));
            }
            lines.add("| " + millis(result.endpointDelay()) + " | " + result.library() + " | `" + result.call() + "` | "
                    + result.tokenRequests() + " | " + ratio(reference.tokenRequests(), result.tokenRequests()) + " | "
                    + result.failed() + " | " + result.distinctTokens() + " | " + result.rejectedCallers() + " | "
                    + millis(result.elapsed()) + " |");
        }
        summary.add(row("3", "burst: token requests for " + results.get(0).callers()
                        + " callers on an expired token (endpoint at once / 500 ms)", ours.toString(),
                joined(peerCounts), joined(peerRatios), "box-ccg = 1", single));
        sections.add(String.join("\n", lines));
    }

    /** @return {@code "A: x / y; B: z / w"} */
    private static String joined(Map<String, List<String>> byPeer) {
        List<String> parts = new ArrayList<>();
        byPeer.forEach((peer, values) -> parts.add(peer + ": " + String.join(" / ", values)));
        return String.join("; ", parts);
    }

    void rollover(List<RolloverHarness.Result> results, Duration warmup, Duration measurement) {
        RolloverHarness.Result ours = results.get(0);
        List<String> lines = new ArrayList<>(List.of(
                "### 4. Rollover with the token endpoint delayed 500 ms",
                "8 threads each asking every 5 ms for " + measurement.toSeconds() + " s (after " + warmup.toSeconds()
                        + " s of warm-up); latency of getting a usable token, corrected for coordinated omission.",
                "",
                "| library | token lifetime | p50 | p99 | p99.9 | max | asks (corrected) | asks ≥ 100 ms |"
                        + " token requests | tokens handed out | asks given a rejected token | asks failed |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|"));
        StringBuilder peers = new StringBuilder();
        StringBuilder ratios = new StringBuilder("p99.9 ");
        for (RolloverHarness.Result result : results) {
            var l = result.latencies();
            lines.add("| " + result.library() + " | " + result.tokenLifetime().toSeconds() + " s | " + micros(l.p50())
                    + " | " + micros(l.p99()) + " | " + micros(l.p999()) + " | " + micros(l.max()) + " | " + l.count()
                    + " | " + l.atLeast100ms() + " | " + result.tokenRequests() + " | " + result.tokensSeen() + " | "
                    + result.rejected() + " | " + result.failed() + " |");
            if (result != ours) {
                peers.append(peers.length() == 0 ? "" : "; ").append(shortName(result.library())).append(": ")
                        .append(micros(l.p50())).append(" / ").append(micros(l.p99())).append(" / ")
                        .append(micros(l.p999()));
            }
            if (result != ours && !result.library().equals(RolloverHarness.QUARKUS_BASELINE)) {
                // a baseline is no peer: box-ccg over it means nothing (the Quarkus rows are set against it below)
                ratios.append(ratios.length() == "p99.9 ".length() ? "" : "; ").append(shortName(result.library()))
                        .append(": ").append(String.format(Locale.ROOT, "%.1e",
                                (double) ours.latencies().p999() / l.p999()));
            }
        }
        lines.addAll(quarkusLoopbackNote(results));
        var l = ours.latencies();
        summary.add(row("4", "rollover, 500 ms token endpoint: p50 / p99 / p99.9 wait for a usable token",
                micros(l.p50()) + " / " + micros(l.p99()) + " / " + micros(l.p999()), peers.toString(),
                ratios.toString(), "—", null));
        sections.add(String.join("\n", lines));
    }

    /**
     * The Quarkus peer's rows include a loopback HTTP hop that the in-process libraries do not pay: beside them, its
     * {@code /noop} baseline from the same run, and each Quarkus row's percentiles over the baseline's.
     */
    private static List<String> quarkusLoopbackNote(List<RolloverHarness.Result> results) {
        RolloverHarness.Result baseline = results.stream()
                .filter(result -> result.library().equals(RolloverHarness.QUARKUS_BASELINE)).findFirst().orElse(null);
        if (baseline == null) {
            return List.of();
        }
        var b = baseline.latencies();
        List<String> lines = new ArrayList<>(List.of("",
                "The Quarkus rows are measured over loopback HTTP to the Quarkus application (`GET /token`); the"
                        + " baseline row is the same hop to the same kind of application's `/noop`, in the same run."
                        + " Quarkus over its baseline:",
                "",
                "| library | p50 / baseline p50 | p99 / baseline p99 | p99.9 / baseline p99.9 | p99.9 − baseline p99.9 |",
                "|---|---|---|---|---|"));
        for (RolloverHarness.Result result : results) {
            if (result.library().startsWith("Quarkus oidc-client")) {
                var l = result.latencies();
                lines.add("| " + result.library() + " | " + times(l.p50(), b.p50()) + " | " + times(l.p99(), b.p99())
                        + " | " + times(l.p999(), b.p999()) + " | " + micros(l.p999() - b.p999()) + " |");
            }
        }
        return lines;
    }

    private static String times(long value, long baseline) {
        return baseline == 0 ? "—" : String.format(Locale.ROOT, "%.1f ×", (double) value / baseline);
    }

    String markdown() {
        List<String> out = new ArrayList<>();
        out.add("## box-ccg benchmark results");
        out.addAll(header);
        out.add("");
        out.add("| # | what | box-ccg | baseline / peers | ratio | goal | met |");
        out.add("|---|---|---|---|---|---|---|");
        out.addAll(summary);
        out.add("");
        out.add("Errors (±) are half the width of JMH's 99.9 % confidence interval; ratio errors propagate both"
                + " (relative errors in quadrature).");
        for (String section : sections) {
            out.add("");
            out.add(section);
        }
        return String.join("\n", out) + "\n";
    }

    /** Benchmark 8: one column per library. */
    void revoke(List<RevokeHarness.Result> results) {
        RevokeHarness.Result ours = results.get(0);
        List<String> lines = new ArrayList<>(List.of(
                "### 8. Box answers 401 to a revoked token",
                "8 threads each calling `GET /2.0/users/me` every 5 ms; every token revoked " + ours.revokes()
                        + " times, 2 s apart; token endpoint delayed 500 ms; tokens otherwise live an hour.",
                ""));
        StringBuilder head = new StringBuilder("| |");
        StringBuilder rule = new StringBuilder("|---|");
        for (RevokeHarness.Result result : results) {
            head.append(' ').append(result.library()).append(" |");
            rule.append("---|");
        }
        lines.add(head.toString());
        lines.add(rule.toString());
        lines.add(revokeRow("each call", results, r -> "`" + r.call() + "`"));
        lines.add(revokeRow("calls", results, r -> Integer.toString(r.calls())));
        lines.add(revokeRow("**failed calls per revoke**", results,
                r -> String.format(Locale.ROOT, "**%.1f**", r.failedPerRevoke())));
        lines.add(revokeRow("failed calls (401 reached the caller)", results, r -> Integer.toString(r.failed())));
        lines.add(revokeRow("calls that threw instead", results, r -> r.threw() + (r.thrown().isEmpty() ? ""
                : " (" + String.join(", ", r.thrown()) + ")")));
        lines.add(revokeRow("token requests per revoke", results,
                r -> String.format(Locale.ROOT, "%.1f", r.tokenRequestsPerRevoke())));
        lines.add(revokeRow("slowest call", results, r -> millis(r.slowestCall())));
        StringBuilder peers = new StringBuilder();
        for (RevokeHarness.Result result : results) {
            if (result != ours) {
                peers.append(peers.length() == 0 ? "" : "; ").append(shortName(result.library())).append(": ")
                        .append(String.format(Locale.ROOT, "%.1f", result.failedPerRevoke()));
            }
        }
        summary.add(row("8", "401 on a revoked token: failed calls per revoke (8 threads)",
                String.format(Locale.ROOT, "%.1f", ours.failedPerRevoke()), peers.toString(), "—", "—", null));
        sections.add(String.join("\n", lines));
    }

    private static String revokeRow(String label, List<RevokeHarness.Result> results,
                                    java.util.function.Function<RevokeHarness.Result, String> cell) {
        StringBuilder line = new StringBuilder("| " + label + " |");
        for (RevokeHarness.Result result : results) {
            line.append(' ').append(cell.apply(result)).append(" |");
        }
        return line.toString();
    }

    private static String row(String number, String what, String ours, String baseline, String ratio, String goal,
                              Boolean met) {
        return "| " + number + " | " + what + " | " + ours + " | " + baseline + " | " + ratio + " | " + goal + " | "
                + (met == null ? "—" : met ? "yes" : "**no**") + " |";
    }

    private static Score score(Measured measured) {
        return measured.score();
    }

    private static String jmhRow(String label, Measured result, int decimals) {
        return "| " + label + " | " + result.score().format(decimals) + " | " + alloc(result) + " |";
    }

    private static String alloc(Measured result) {
        return result.allocated() == null ? "n/a" : result.allocated().format(0);
    }

    private static String ratio(int ours, int theirs) {
        return theirs == 0 ? "—" : String.format(Locale.ROOT, "%.3f", (double) ours / theirs);
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.0f ms", duration.toNanos() / 1e6);
    }

    /** Latencies below a millisecond in µs, above in ms. */
    private static String micros(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String shortName(String library) {
        int paren = library.indexOf(" (");
        return paren < 0 ? library : library.substring(0, paren);
    }
}
