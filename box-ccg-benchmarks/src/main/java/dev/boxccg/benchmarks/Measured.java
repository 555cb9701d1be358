package dev.boxccg.benchmarks;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

import java.util.List;

/**
 * One benchmark method's result over several JMH runs (one fork each): every measured iteration of every run counts
 * as one sample, as JMH counts the iterations of its forks.
 *
 * @param score     the primary score
 * @param allocated bytes allocated per operation ({@code gc.alloc.rate.norm} of JMH's GC profiler), or null
 */
record Measured(Score score, Score allocated) {

    static Measured of(List<RunResult> runs) {
        ListStatistics primary = new ListStatistics();
        ListStatistics allocation = new ListStatistics();
        String unit = null;
        String allocationUnit = null;
        for (RunResult run : runs) {
            for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    primary.addValue(iteration.getPrimaryResult().getScore());
                    unit = iteration.getPrimaryResult().getScoreUnit();
                    for (String label : iteration.getSecondaryResults().keySet()) {
                        if (label.endsWith("gc.alloc.rate.norm")) {
                            Result<?> allocated = iteration.getSecondaryResults().get(label);
                            allocation.addValue(allocated.getScore());
                            allocationUnit = allocated.getScoreUnit();
                        }
                    }
                }
            }
        }
        return new Measured(Score.of(primary, unit),
                allocation.getN() == 0 ? null : Score.of(allocation, allocationUnit));
    }
}
