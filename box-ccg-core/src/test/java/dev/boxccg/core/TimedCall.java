package dev.boxccg.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs calls on their own daemon threads and waits for them at most a limit, so that a hang becomes a failed
 * assertion with a message instead of a blocked build. A call still running at the limit is left to end when the
 * test closes its server.
 */
final class TimedCall {

    /**
     * How one call ended.
     *
     * @param finished false if the call was still running at the limit
     * @param value    what it returned, if it returned
     * @param failure  what it threw, if it threw
     * @param elapsed  how long it ran (the limit, if it did not finish)
     */
    record Outcome<T>(boolean finished, T value, Throwable failure, Duration elapsed) {

        boolean returned() {
            return finished && failure == null;
        }

        String describe() {
            if (!finished) {
                return "still waiting after " + elapsed.toMillis() + " ms (hang)";
            }
            if (failure != null) {
                return "threw after " + elapsed.toMillis() + " ms: " + failure;
            }
            return "returned after " + elapsed.toMillis() + " ms";
        }
    }

    private TimedCall() {
    }

    static <T> Outcome<T> run(String name, Callable<T> call, Duration limit) {
        return runAll(name, 1, call, limit).get(0);
    }

    /**
     * Starts {@code threads} threads that each make {@code call} at once (released together), and waits for all of
     * them at most {@code limit} from the release.
     */
    static <T> List<Outcome<T>> runAll(String name, int threads, Callable<T> call, Duration limit) {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Outcome<T>>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            CompletableFuture<Outcome<T>> future = new CompletableFuture<>();
            futures.add(future);
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    future.complete(new Outcome<>(true, null, e, Duration.ZERO));
                    return;
                }
                long start = System.nanoTime();
                try {
                    T value = call.call();
                    future.complete(new Outcome<>(true, value, null, Duration.ofNanos(System.nanoTime() - start)));
                } catch (Throwable t) {
                    future.complete(new Outcome<>(true, null, t, Duration.ofNanos(System.nanoTime() - start)));
                }
            }, name + "-" + (i + 1));
            thread.setDaemon(true);
            thread.start();
        }
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long released = System.nanoTime();
        go.countDown();
        long end = released + limit.toNanos();
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (CompletableFuture<Outcome<T>> future : futures) {
            try {
                outcomes.add(future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                outcomes.add(new Outcome<>(false, null, null, limit));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return outcomes;
    }

    static Duration longest(List<? extends Outcome<?>> outcomes) {
        return outcomes.stream().map(Outcome::elapsed).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
