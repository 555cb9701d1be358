package dev.boxccg.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreTest {

    @Test
    void aRatioCarriesBothRelativeErrors() {
        Score ratio = new Score(10, 1, "ns/op").ratioTo(new Score(5, 0.5, "ns/op"));
        assertEquals(2.0, ratio.value(), 1e-12);
        assertEquals(2.0 * Math.sqrt(0.02), ratio.error(), 1e-12);
    }

    @Test
    void anUnknownErrorStaysUnknown() {
        Score ratio = new Score(10, Double.NaN, "ns/op").ratioTo(new Score(5, 0.5, "ns/op"));
        assertTrue(Double.isNaN(ratio.error()));
        assertEquals("2.00 ± ?", ratio.format(2));
    }

    @Test
    void aDifferenceAddsErrorsInQuadrature() {
        Score difference = new Score(10, 3, "ns/op").minus(new Score(4, 4, "ns/op"));
        assertEquals(6, difference.value(), 1e-12);
        assertEquals(5, difference.error(), 1e-12);
    }

    // Paired ratios (benchmark 5) are tested here so that the module's usual test selection runs them too.

    @Test
    void pairedRatiosGiveMeanExtremesAndAStudentTInterval() {
        PairedRatios ratios = PairedRatios.of(new double[] {99, 202, 297, 400}, new double[] {100, 200, 300, 400});
        assertEquals(List.of(0.99, 1.01, 0.99, 1.0), ratios.ratios());
        assertEquals(0.9975, ratios.mean(), 1e-12);
        assertEquals(0.99, ratios.min(), 1e-12);
        assertEquals(1.01, ratios.max(), 1e-12);
        double sd = Math.sqrt((2 * 0.0075 * 0.0075 + 0.0125 * 0.0125 + 0.0025 * 0.0025) / 3);
        assertEquals(sd, ratios.stdDev(), 1e-12);
        // t(0.995, 3 degrees of freedom) = 5.840909...
        assertEquals(5.840909309733 * sd / 2, ratios.halfWidth(), 1e-9);
        assertEquals("0.998 ± 0.028", ratios.format(3));
    }

    @Test
    void onePairHasNoInterval() {
        PairedRatios ratios = PairedRatios.of(new double[] {97}, new double[] {100});
        assertEquals(0.97, ratios.mean(), 1e-12);
        assertTrue(Double.isNaN(ratios.halfWidth()));
        assertEquals(0, ratios.pairsNeededFor(0.02));
    }

    @Test
    void pairsToReachIsTheFirstPrefixNarrowEnough() {
        double[] baselines = {100, 100, 100, 100, 100, 100};
        PairedRatios ratios = PairedRatios.of(new double[] {90, 110, 100, 100, 100, 100}, baselines);
        assertEquals(0, ratios.pairsToReach(0.001));
        int reached = ratios.pairsToReach(0.2);
        assertTrue(reached >= 3 && reached <= 6, "reached at " + reached);
        PairedRatios prefix = PairedRatios.of(Arrays.copyOf(new double[] {90, 110, 100, 100, 100, 100}, reached),
                Arrays.copyOf(baselines, reached));
        assertTrue(prefix.halfWidth() <= 0.2);
        // the same spread needs more pairs for a narrower interval
        assertTrue(ratios.pairsNeededFor(0.01) > ratios.pairsNeededFor(0.05));
    }

    @Test
    void pairsMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> PairedRatios.of(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> PairedRatios.of(new double[0], new double[0]));
    }
}
