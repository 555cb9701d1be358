package dev.boxccg.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition, as MicroProfile Metrics' {@code /metrics} endpoint serves it:
 * {@code name{label="value",...} 1.0}, comments skipped. Just what the scenarios need to find box-ccg's metrics by
 * name and labels.
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value, String line) {
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /** @return the samples of {@code text}, in order; lines that are not samples (comments, blanks) are skipped */
    public static List<Sample> samples(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.trim());
            if (!sample.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            double value;
            try {
                value = Double.parseDouble(sample.group(3));
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            samples.add(new Sample(sample.group(1), labels, value, line));
        }
        return samples;
    }
}
