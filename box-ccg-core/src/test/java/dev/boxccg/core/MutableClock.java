package dev.boxccg.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so expiry and backoff run without sleeping. */
final class MutableClock extends Clock {

    private volatile Instant now;

    MutableClock(Instant start) {
        this.now = start;
    }

    MutableClock() {
        this(Instant.parse("2026-11-22T12:00:00Z"));
    }

    synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** A ticker that moves with this clock, for tests that step both together. */
    Ticker ticker() {
        return () -> {
            Instant at = now;
            return at.getEpochSecond() * 1_000_000_000L + at.getNano();
        };
    }

    /** Retry waits that are not waited: each is recorded and the next attempt starts at once. */
    static Scheduler recordingWaits(java.util.List<Duration> waits) {
        return (delay, task) -> {
            waits.add(delay);
            task.run();
            return () -> { };
        };
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
