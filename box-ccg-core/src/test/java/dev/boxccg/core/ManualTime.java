package dev.boxccg.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Virtual time for tests: a wall clock, a monotonic ticker and a scheduler that move only when the test says so.
 * {@link #advance} runs every task that falls due, in order, in the calling thread. The wall clock can also be
 * stepped alone, as a clock step would, without moving the ticker.
 */
final class ManualTime extends Clock implements Ticker, Scheduler {

    private record Task(long due, long order, Runnable run) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long nanos = 1_000_000_000L;
    private long order;
    private Instant wall;

    ManualTime(Instant start) {
        this.wall = start;
    }

    ManualTime() {
        this(Instant.parse("2026-11-22T12:00:00Z"));
    }

    /** Moves the ticker and the wall clock, running every task due on the way. */
    void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nanos + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due - target <= 0)
                        .min((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order))
                        .orElse(null);
                if (next == null) {
                    wall = wall.plusNanos(target - nanos);
                    nanos = target;
                    return;
                }
                tasks.remove(next);
                if (next.due - nanos > 0) {
                    wall = wall.plusNanos(next.due - nanos);
                    nanos = next.due;
                }
            }
            next.run.run();
        }
    }

    /** Steps the wall clock only, as an NTP correction or an operator would; the ticker does not move. */
    synchronized void stepWallClock(Duration step) {
        wall = wall.plus(step);
    }

    /** @return how many tasks wait to run */
    synchronized int pendingTasks() {
        return tasks.size();
    }

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(nanos + Math.max(0, delay.toNanos()), order++, task);
        tasks.add(scheduled);
        return () -> {
            synchronized (ManualTime.this) {
                tasks.remove(scheduled);
            }
        };
    }

    @Override
    public synchronized Instant instant() {
        return wall;
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
