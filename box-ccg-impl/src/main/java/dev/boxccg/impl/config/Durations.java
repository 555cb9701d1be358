package dev.boxccg.impl.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations of the configuration: ISO-8601 ({@code PT30S}, {@code PT5M}, {@code P1D}) or the short form,
 * a whole number directly followed by one of the units {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}
 * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}). Case-insensitive; spaces around the text are ignored.
 *
 * <p>A bare number is refused: {@code 30} could be seconds or milliseconds, and guessing wrong is a silent bug.
 * Negative durations are refused too; whether zero is acceptable is for the caller to decide.
 */
public final class Durations {

    private static final Pattern SHORT_FORM = Pattern.compile("([0-9]+)(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    /**
     * @param text for example {@code 30s}, {@code 5m}, {@code 500ms} or {@code PT30S}
     * @return the duration, zero or positive
     * @throws IllegalArgumentException quoting the text, if it is null, empty, negative or not a duration
     */
    public static Duration parse(String text) {
        Duration parsed = text == null ? null : parseOrNull(text.strip());
        if (parsed == null || parsed.isNegative()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration: use for example 30s, 5m, 500ms or PT30S");
        }
        return parsed;
    }

    /** The short form of a duration, for messages: {@code 10s}, {@code 500ms}; ISO-8601 when no unit fits. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.getNano() % 1_000_000 != 0 || duration.isNegative()) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static Duration parseOrNull(String text) {
        try {
            if (text.startsWith("P") || text.startsWith("p")) {
                return Duration.parse(text);
            }
            Matcher matcher = SHORT_FORM.matcher(text);
            if (!matcher.matches()) {
                return null;
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException tooLongOrMalformed) {
            return null;
        }
    }
}
