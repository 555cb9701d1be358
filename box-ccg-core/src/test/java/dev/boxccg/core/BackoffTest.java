package dev.boxccg.core;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    @Test
    void doublesFromTheInitialWaitUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertEquals(Duration.ofMillis(500), backoff.after(1));
        assertEquals(Duration.ofSeconds(1), backoff.after(2));
        assertEquals(Duration.ofSeconds(2), backoff.after(3));
        assertEquals(Duration.ofSeconds(3), backoff.after(4));
        assertEquals(Duration.ofSeconds(3), backoff.after(1_000_000));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).after(0));
    }

    @RepeatedTest(20)
    void equalJitterStaysBetweenHalfAndAllOfTheWait() {
        Duration jittered = Jitter.EQUAL.apply(Duration.ofMillis(1000));
        assertTrue(jittered.compareTo(Duration.ofMillis(500)) >= 0, jittered.toString());
        assertTrue(jittered.compareTo(Duration.ofMillis(1000)) <= 0, jittered.toString());
    }
}
