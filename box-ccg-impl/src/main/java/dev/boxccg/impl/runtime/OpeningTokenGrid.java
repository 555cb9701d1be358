package dev.boxccg.impl.runtime;

import dev.boxccg.core.TokenGrid;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A grid that is opened on another thread. Opening a grid may take seconds (a Hazelcast member joining its cluster)
 * or never end (Hazelcast's JCache <em>client</em> provider looks for a cluster with no time limit), and it happens
 * when a configuration is first used: on the caller's thread that call would wait as long. Here callers wait for the
 * opening at most until a deadline (the store's lease after the opening began: the longest a node waits for the
 * grid's token anyway), and from then on not at all. Until the grid is open it is not {@linkplain #isReady() ready}:
 * {@link dev.boxccg.core.SharedTokenStore} does not call it, the node fetches its own tokens, and uses the grid as
 * soon as it is open. A grid whose opening failed stays not ready; the failure is reported once, by the opener.
 */
final class OpeningTokenGrid implements TokenGrid {

    /** What a call on the grid throws while it is being opened, or after its opening failed. */
    static final class TokenGridNotOpenException extends IllegalStateException {
        TokenGridNotOpenException(String message) {
            super(message);
        }
    }

    private final CompletableFuture<TokenGrid> opened = new CompletableFuture<>();
    private final String description;
    private final long waitUntilNanos;
    private final LongSupplier nanoTime;
    private final AtomicBoolean latenessReported = new AtomicBoolean();

    private OpeningTokenGrid(String description, long waitUntilNanos, LongSupplier nanoTime) {
        this.description = description;
        this.waitUntilNanos = waitUntilNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * Starts opening the grid on {@code executor}, with the calling thread's context class loader (a factory finds
     * the application's provider through it).
     *
     * @param opener      opens the grid; may block, may throw
     * @param description a name for log lines before the grid is open, e.g. the kind and the cache
     * @param maxWait     how long after now callers may wait for the opening, in total
     * @param onFailure   told once if the opening fails
     */
    static OpeningTokenGrid open(Supplier<TokenGrid> opener, String description, Duration maxWait, Executor executor,
                                 Consumer<RuntimeException> onFailure) {
        return open(opener, description, maxWait, executor, onFailure, System::nanoTime);
    }

    static OpeningTokenGrid open(Supplier<TokenGrid> opener, String description, Duration maxWait, Executor executor,
                                 Consumer<RuntimeException> onFailure, LongSupplier nanoTime) {
        OpeningTokenGrid grid = new OpeningTokenGrid(description, nanoTime.getAsLong() + maxWait.toNanos(), nanoTime);
        ClassLoader callers = Thread.currentThread().getContextClassLoader();
        Runnable task = () -> {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(callers);
            try {
                grid.opened.complete(opener.get());
            } catch (RuntimeException | LinkageError e) {
                RuntimeException failure = e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.toString(), e);
                grid.opened.completeExceptionally(failure);
                onFailure.accept(failure);
            } finally {
                thread.setContextClassLoader(before);
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            IllegalStateException failure = new IllegalStateException("no thread to open it on (the application is"
                    + " stopping?)", e);
            grid.opened.completeExceptionally(failure);
            onFailure.accept(failure);
        }
        return grid;
    }

    /**
     * Waits for the opening until its deadline at most; returns at once once the grid is open, once its opening
     * failed, or once the deadline has passed. An interrupt ends the wait and stays set.
     *
     * @return true if the grid is open
     */
    boolean awaitOpen() {
        if (opened.isDone()) {
            return isReady();
        }
        long left = waitUntilNanos - nanoTime.getAsLong();
        if (left <= 0) {
            return false;
        }
        try {
            opened.get(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            return false;
        }
    }

    /**
     * @return true once, for the first caller that finds the opening still going on after its deadline: it reports
     *         that the node fetches its own tokens meanwhile
     */
    boolean claimLatenessReport() {
        return !opened.isDone() && waitUntilNanos - nanoTime.getAsLong() <= 0 && latenessReported.compareAndSet(false,
                true);
    }

    /** @return true once the grid is open; false while it is being opened, and for good if its opening failed */
    @Override
    public boolean isReady() {
        return opened.isDone() && !opened.isCompletedExceptionally();
    }

    private TokenGrid grid() {
        try {
            TokenGrid grid = opened.getNow(null);
            if (grid == null) {
                throw new TokenGridNotOpenException(description + " is still being opened");
            }
            return grid;
        } catch (CompletionException | CancellationException e) {
            throw new TokenGridNotOpenException(description + " could not be opened");
        }
    }

    @Override
    public String get(String key) {
        return grid().get(key);
    }

    @Override
    public boolean putIfAbsent(String key, String value) {
        return grid().putIfAbsent(key, value);
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        return grid().replace(key, expected, value);
    }

    @Override
    public boolean remove(String key, String expected) {
        return grid().remove(key, expected);
    }

    /** The open grid's own description, or what is being opened. */
    @Override
    public String describe() {
        return isReady() ? opened.getNow(null).describe() : description;
    }

    @Override
    public String toString() {
        return describe();
    }
}
