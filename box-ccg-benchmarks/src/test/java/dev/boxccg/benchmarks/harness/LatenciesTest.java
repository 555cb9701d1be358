package dev.boxccg.benchmarks.harness;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatenciesTest {

    @Test
    void percentilesAreNearestRank() {
        Latencies.Summary summary = Latencies.Summary.of(LongStream.rangeClosed(1, 1000).toArray());
        assertEquals(1000, summary.count());
        assertEquals(500, summary.p50());
        assertEquals(990, summary.p99());
        assertEquals(999, summary.p999());
        assertEquals(1000, summary.max());
    }

    @Test
    void aCallerHeldUpCountsTheCallersThatWouldHaveComeMeanwhile() {
        Latencies latencies = new Latencies();
        latencies.record(50, 10); // asked every 10, waited 50: callers at 10, 20, 30, 40 waited 40, 30, 20, 10
        latencies.record(5, 10);
        Latencies.Summary summary = Latencies.summarize(List.of(latencies));
        assertEquals(6, summary.count());
        assertEquals(50, summary.max());
        assertEquals(20, summary.p50());
    }

    @Test
    void countsWaitsOfAHundredMillisecondsOrMore() {
        Latencies.Summary summary = Latencies.Summary.of(new long[] {99_999_999L, 100_000_000L, 500_000_000L});
        assertEquals(2, summary.atLeast100ms());
    }
}
