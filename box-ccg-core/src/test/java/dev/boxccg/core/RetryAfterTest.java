package dev.boxccg.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void readsSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(" 0 ", NOW));
    }

    @Test
    void readsAnHttpDateAsTheWaitUntilThen() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Sun, 22 Nov 2026 12:01:30 GMT", NOW));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 22 Nov 2026 11:00:00 GMT", NOW));
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW));
    }

    @Test
    void theCapIsOneDay() {
        assertEquals(Duration.ofSeconds(86_400), RetryAfter.MAX);
    }

    @Test
    void aWaitLongerThanTheCapIsTheCap() {
        // An answer asking for a week (or for more seconds than a long holds) is taken as "a long time", not obeyed,
        // and never an exception: the caller's deadlines decide whether waiting that long is worth it.
        assertEquals(Optional.of(Duration.ofSeconds(86_400)), RetryAfter.parse("86400", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(86_399)), RetryAfter.parse("000000000000000086399", NOW));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("86401", NOW));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("9223372036854775807", NOW));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("99999999999999999999999", NOW));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("9".repeat(10_000), NOW));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("Mon, 23 Nov 2026 12:00:01 GMT", NOW));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", NOW));
        assertEquals(Optional.of(Duration.ofDays(1)), RetryAfter.parse("Mon, 23 Nov 2026 12:00:00 GMT", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0", "+5", "5.0", "1e3", "0x10", "5 s", "5s", "5,6", "1 2", "\u0663", "\uff11\uff12",
            "\u0000", "5\u0000", "\r\n", "7\r\nX-Evil: 1", "\u2028", "\ud800", "NaN", "Infinity", "-",
            "--5", "-99999999999999999999999", "Sun, 22 Nov 2026 12:01:30", "Mon, 22 Nov 2026 12:01:30 GMT",
            "Sun, 31 Feb 2026 12:01:30 GMT", "Sun, 22 Nov 2026 25:01:30 GMT", "Sun, 22 Nov 99999 12:01:30 GMT",
            "Sunday, 22-Nov-26 12:01:30 GMT", "Sun Nov 22 12:01:30 2026", "2026-11-22T12:01:30Z",
            "Sun, 22 Nov 2026 12:01:30 +99", "Sun, 22 Nov 2026 12:01:30 +1900", ",", "GMT"})
    void oddInputsAreEmptyNeverAnException(String header) {
        // RFC 9110: delay-seconds = 1*DIGIT, ASCII only (Arabic-Indic or full-width digits are not a number of seconds)
        assertEquals(Optional.empty(), RetryAfter.parse(header, NOW), () -> "for '" + header + "'");
    }

    @Test
    void neverThrowsNorExceedsTheCapWhateverTheInput() {
        Random random = new Random(42);
        String alphabet = "0123456789 -+.,:eE\t\r\n\u0000\u0663GMTSunNovDec";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder header = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Optional<Duration> wait = RetryAfter.parse(header.toString(), NOW);
            assertTrue(wait.isEmpty() || !wait.get().isNegative() && wait.get().compareTo(RetryAfter.MAX) <= 0,
                    () -> "for '" + header + "': " + wait);
        }
    }
}
