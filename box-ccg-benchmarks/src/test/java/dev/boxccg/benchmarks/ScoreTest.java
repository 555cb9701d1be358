package dev.boxccg.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
