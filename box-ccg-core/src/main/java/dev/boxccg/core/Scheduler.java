package dev.boxccg.core;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short task after a delay: the engine's retry waits, attempt timeouts and request deadlines. The engine never
 * sleeps in a thread; it is handed a scheduler, so tests can run every schedule on virtual time.
 *
 * <p>Tasks must be short and must not block: the engine hands anything longer to its executor.
 */
@FunctionalInterface
public interface Scheduler {

    /** A scheduled task; cancelling one that already ran does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /**
     * @param delay when, from now
     * @param task  what to run then
     * @return a handle to cancel the task
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler has been shut down
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduler on a {@link ScheduledExecutorService}, for example the container's managed one. */
    static Scheduler of(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
