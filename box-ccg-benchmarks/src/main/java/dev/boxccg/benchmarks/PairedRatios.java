package dev.boxccg.benchmarks;

import org.openjdk.jmh.util.ListStatistics;

import java.util.List;
import java.util.Locale;

/**
 * Paired ratios: one ratio per pair of forks (box-ccg's score ÷ the score of the baseline fork run next to it), and
 * their distribution. Pairing removes the load the two forks of a pair shared; what remains is the spread of the
 * pairs' ratios, over which the interval is computed.
 *
 * @param ratios    one ratio per pair, in the order the pairs ran
 * @param mean      their mean
 * @param halfWidth half the width of the 99 % confidence interval of the mean (Student's t, n − 1 degrees of
 *                  freedom), NaN with fewer than 2 pairs
 * @param min       the smallest ratio
 * @param max       the largest ratio
 * @param stdDev    the ratios' sample standard deviation, NaN with fewer than 2 pairs
 */
record PairedRatios(List<Double> ratios, double mean, double halfWidth, double min, double max, double stdDev) {

    static final double CONFIDENCE = 0.99;

    /**
     * @param ours      box-ccg's score in each pair
     * @param baselines the baseline's score in the same pairs
     */
    static PairedRatios of(double[] ours, double[] baselines) {
        if (ours.length != baselines.length) {
            throw new IllegalArgumentException(ours.length + " scores against " + baselines.length + " baselines");
        }
        if (ours.length == 0) {
            throw new IllegalArgumentException("no pairs");
        }
        ListStatistics statistics = new ListStatistics();
        Double[] ratios = new Double[ours.length];
        for (int i = 0; i < ours.length; i++) {
            ratios[i] = ours[i] / baselines[i];
            statistics.addValue(ratios[i]);
        }
        boolean spread = statistics.getN() > 1;
        return new PairedRatios(List.of(ratios), statistics.getMean(),
                spread ? statistics.getMeanErrorAt(CONFIDENCE) : Double.NaN, statistics.getMin(), statistics.getMax(),
                spread ? statistics.getStandardDeviation() : Double.NaN);
    }

    int pairs() {
        return ratios.size();
    }

    /**
     * @return the least number of first pairs whose own 99 % interval is at most {@code target} wide on either side,
     * or 0 if no prefix (of 3 pairs or more) got there. Says how many pairs the machine needed; the reported interval
     * is that of all pairs, whatever this returns (stopping at the first narrow prefix would bias it).
     */
    int pairsToReach(double target) {
        for (int n = 3; n <= ratios.size(); n++) {
            ListStatistics prefix = new ListStatistics();
            ratios.subList(0, n).forEach(prefix::addValue);
            if (prefix.getMeanErrorAt(CONFIDENCE) <= target) {
                return n;
            }
        }
        return 0;
    }

    /**
     * @return how many pairs the same spread would need for a 99 % interval of ± {@code target} (t quantile at that
     * many pairs), or 0 if unknown
     */
    int pairsNeededFor(double target) {
        if (Double.isNaN(stdDev)) {
            return 0;
        }
        for (int n = 2; n < 100_000; n++) {
            double t = new org.apache.commons.math3.distribution.TDistribution(n - 1)
                    .inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
            if (t * stdDev / Math.sqrt(n) <= target) {
                return n;
            }
        }
        return 0;
    }

    /** @return the mean ± the 99 % half-width */
    String format(int decimals) {
        return new Score(mean, halfWidth, "x").format(decimals);
    }

    String formatRange(int decimals) {
        String pattern = "%." + decimals + "f";
        return String.format(Locale.ROOT, pattern + " to " + pattern, min, max);
    }
}
