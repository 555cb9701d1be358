package dev.boxccg.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "1d, PT24H", "0s, PT0S",
            "500MS, PT0.5S", "30S, PT30S", "5M, PT5M", "1H, PT1H", "1D, PT24H", "'  30s  ', PT30S", "007s, PT7S"})
    void acceptsTheShortForm(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"PT30S, PT30S", "PT5M, PT5M", "P1D, PT24H", "pt30s, PT30S", "PT23H59M59.999S, PT23H59M59.999S", "PT24H, PT24H", "PT0.25S, PT0.25S",
            "' PT1M ', PT1M", "PT0S, PT0S"})
    void acceptsIso8601(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "0", "-5s", "PT-5S", "-PT5S", "5w", "5sec", "5 s", "1.5s", "thirty seconds", "s",
            "P1M", "P", "PT", "", "   ", "PT-99999999999999999999H", "+5s", "5s5m"})
    void refusesEverythingElse(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("'" + text + "' is not a duration: use for example 30s, 5m, 500ms or PT30S", e.getMessage());
    }

    @Test
    void refusesNullWithTheSameMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
        assertEquals("'null' is not a duration: use for example 30s, 5m, 500ms or PT30S", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807s", "99999999999999999999d", "9999999999999999d", "2d", "25h",
            "1441m", "86401s", "86400001ms", "PT9999999999999H", "PT99999999999999999999H", "P2D", "P1DT0.001S", "PT24H0.000000001S",
            "  P1DT1S  "})
    void refusesAnythingLongerThanADay(String text) {
        // A deadline of 292 billion years passed validation and meant "retry forever"; no setting needs more than a day.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("'" + text + "' is longer than the maximum of 1d", e.getMessage());
    }

    @Test
    void theMaximumIsOneDay() {
        assertEquals(Duration.ofDays(1), Durations.MAX);
        assertEquals(Durations.MAX, Durations.parse("1d"));
        assertEquals(Durations.MAX, Durations.parse("86400000ms"));
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT0.5S, 500ms", "PT10S, 10s", "PT90S, 90s", "PT5M, 5m", "PT2H, 2h", "PT24H, 1d",
            "PT0.000001S, PT0.000001S"})
    void formatsInTheShortFormWhereItFits(String iso, String expected) {
        assertEquals(expected, Durations.format(Duration.parse(iso)));
        assertEquals(Duration.parse(iso), Durations.parse(expected));
    }
}
