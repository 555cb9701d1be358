package dev.boxccg.impl.config;

import java.math.BigInteger;
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
 * Negative durations are refused too; whether zero is acceptable is for the caller to decide. Anything longer than
 * {@link #MAX} is refused as well.
 */
public final class Durations {

    /**
     * The longest duration accepted: one day. Every duration of the configuration is a timeout, a wait or a margin
     * before a token expires (Box's live about an hour), so a longer one is a typo or a way of saying "forever"; and
     * {@code 9223372036854775807s} would make a deadline that never comes, or overflow where it is added to a clock.
     */
    public static final Duration MAX = Duration.ofDays(1);

    private static final Pattern SHORT_FORM = Pattern.compile("([0-9]+)(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    /**
     * @param text for example {@code 30s}, {@code 5m}, {@code 500ms} or {@code PT30S}
     * @return the duration, zero or positive, at most {@link #MAX}
     * @throws IllegalArgumentException quoting the text, if it is null, empty, negative, not a duration or longer than
     *                                  {@link #MAX}
     */
    public static Duration parse(String text) {
        Duration parsed;
        try {
            parsed = text == null ? null : parseOrNull(text.strip());
        } catch (TooLong e) {
            throw tooLong(text);
        }
        if (parsed == null || parsed.isNegative()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration: use for example 30s, 5m, 500ms or PT30S");
        }
        if (parsed.compareTo(MAX) > 0) {
            throw tooLong(text);
        }
        return parsed;
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("'" + text + "' is longer than the maximum of " + format(MAX));
    }

    /** A well-formed duration too long for {@link Duration} itself (more digits than a long, or overflow). */
    private static final class TooLong extends Exception {
        TooLong() {
            super(null, null, false, false);
        }
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

    private static Duration parseOrNull(String text) throws TooLong {
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                // Duration.parse wraps a number too big for a long (NumberFormatException) or an overflow
                // (ArithmeticException) once the text has matched its syntax: well-formed, just far too long.
                boolean overflow = e.getCause() instanceof ArithmeticException
                        || e.getCause() instanceof NumberFormatException;
                if (overflow && text.indexOf('-') < 0) {
                    throw new TooLong();
                }
                return null;
            }
        }
        Matcher matcher = SHORT_FORM.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        // Compared before converting, so that any number of digits is "too long", never an overflow.
        String unit = matcher.group(2).toLowerCase(Locale.ROOT);
        Duration one = switch (unit) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        BigInteger amount = new BigInteger(matcher.group(1));
        if (amount.compareTo(BigInteger.valueOf(MAX.dividedBy(one))) > 0) {
            throw new TooLong();
        }
        return one.multipliedBy(amount.longValueExact());
    }
}
