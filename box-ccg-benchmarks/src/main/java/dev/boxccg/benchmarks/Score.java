package dev.boxccg.benchmarks;

import org.openjdk.jmh.util.ListStatistics;

import java.util.Locale;

/**
 * A score with its error: half the width of the 99.9 % confidence interval over all measured iterations of all
 * forks, as JMH reports it (NaN when there were too few iterations to tell).
 */
record Score(double value, double error, String unit) {

    /**
     * @param values one score per measured iteration
     * @return their mean, with half the width of the 99.9 % confidence interval (Student's t), as JMH computes it
     */
    static Score of(ListStatistics values, String unit) {
        double error = values.getN() > 2 ? values.getMeanErrorAt(0.999) : Double.NaN;
        return new Score(values.getMean(), error, unit);
    }

    /**
     * @return this divided by {@code baseline}; its error propagated from both relative errors as if independent
     * (first order: relative errors add in quadrature)
     */
    Score ratioTo(Score baseline) {
        double ratio = value / baseline.value;
        double relative = Math.hypot(error / value, baseline.error / baseline.value);
        return new Score(ratio, ratio * relative, "x");
    }

    /** @return this minus {@code other}, errors added in quadrature */
    Score minus(Score other) {
        return new Score(value - other.value, Math.hypot(error, other.error), unit);
    }

    String format(int decimals) {
        String pattern = "%." + decimals + "f";
        String number = String.format(Locale.ROOT, pattern, value);
        String plusMinus = Double.isNaN(error) ? "?" : String.format(Locale.ROOT, pattern, error);
        return number + " ± " + plusMinus;
    }
}
