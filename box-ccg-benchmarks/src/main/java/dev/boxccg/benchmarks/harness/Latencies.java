package dev.boxccg.benchmarks.harness;

import java.util.Arrays;
import java.util.List;

/**
 * Latencies in nanoseconds, recorded by one thread, corrected for coordinated omission the way HdrHistogram's
 * {@code recordValueWithExpectedInterval} does it: a caller meant to ask every {@code interval} that was held up for
 * {@code n} intervals also counts the {@code n} callers that would have come meanwhile, each having waited a little
 * less. Percentiles are then those of a caller arriving at any moment. (No histogram library is needed: the samples
 * of one run fit in memory and are sorted once.)
 */
public final class Latencies {

    private long[] values = new long[1 << 14];
    private int size;

    void record(long nanos, long expectedIntervalNanos) {
        add(nanos);
        for (long missed = nanos - expectedIntervalNanos; missed >= expectedIntervalNanos; missed -= expectedIntervalNanos) {
            add(missed);
        }
    }

    private void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    /** The percentiles of all samples of all recorders. */
    static Summary summarize(List<Latencies> recorders) {
        int total = recorders.stream().mapToInt(r -> r.size).sum();
        long[] all = new long[total];
        int at = 0;
        for (Latencies recorder : recorders) {
            System.arraycopy(recorder.values, 0, all, at, recorder.size);
            at += recorder.size;
        }
        return Summary.of(all);
    }

    /**
     * @param count             samples (corrected)
     * @param p50               nanoseconds
     * @param p99               nanoseconds
     * @param p999              nanoseconds
     * @param max               nanoseconds
     * @param atLeast100ms      samples of 100 ms or more
     */
    public record Summary(int count, long p50, long p99, long p999, long max, int atLeast100ms) {

        static Summary of(long[] samples) {
            if (samples.length == 0) {
                return new Summary(0, 0, 0, 0, 0, 0);
            }
            long[] sorted = samples.clone();
            Arrays.sort(sorted);
            int slow = 0;
            for (long sample : sorted) {
                if (sample >= 100_000_000L) {
                    slow++;
                }
            }
            return new Summary(sorted.length, percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 99.9),
                    sorted[sorted.length - 1], slow);
        }

        /** Nearest rank: the smallest sample at or above {@code percent} of all samples. */
        static long percentile(long[] sorted, double percent) {
            int rank = (int) Math.ceil(percent * sorted.length / 100.0 - 1e-9); // 99.9 % of 1000 is 999, not 999.0…1
            return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
        }
    }
}
