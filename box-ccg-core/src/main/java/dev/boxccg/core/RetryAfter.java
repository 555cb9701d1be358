package dev.boxccg.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads an HTTP {@code Retry-After} header: a number of seconds, or an HTTP-date (RFC 9110, section 10.2.3). */
final class RetryAfter {

    /**
     * The longest wait taken from a header: one day. A longer one (or more seconds than a long holds) is read as this
     * cap rather than refused, since the server did ask for a long wait; the caller's deadlines bound it further.
     */
    static final Duration MAX = Duration.ofDays(1);

    /** RFC 9110 delay-seconds: ASCII digits only ({@link Character#isDigit} would take Arabic-Indic or full-width ones). */
    private static final Pattern DELAY_SECONDS = Pattern.compile("[0-9]+");

    private RetryAfter() {
    }

    /**
     * @param header the header's value
     * @param now    the current time, to turn a date into a wait
     * @return the wait Box asked for (zero for a date in the past), at most {@link #MAX}; empty if the header is
     *         absent or unreadable. Never throws, whatever the header holds.
     */
    static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            if (DELAY_SECONDS.matcher(value).matches()) {
                // Counted without parsing to a long, so that any number of digits is "at least the cap".
                String digits = value.replaceFirst("^0+(?=.)", "");
                return Optional.of(digits.length() > 6 ? MAX : atMostMax(Duration.ofSeconds(Long.parseLong(digits))));
            }
            Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, when);
            return Optional.of(wait.isNegative() ? Duration.ZERO : atMostMax(wait));
        } catch (RuntimeException unreadable) {
            // DateTimeParseException in practice; any other is an answer we cannot read either, not our failure.
            return Optional.empty();
        }
    }

    private static Duration atMostMax(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
