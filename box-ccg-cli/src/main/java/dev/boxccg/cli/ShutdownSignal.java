package dev.boxccg.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM, through a shutdown hook: the hook lets {@link #awaitStop()} return, waits (at most
 * {@link #GRACE}) until the simulator has stopped, then ends the process with exit code 0 (the JVM would otherwise
 * exit with 130 or 143 after a signal: stopping this way is how the simulator is meant to end).
 */
final class ShutdownSignal implements StopSignal {

    static final Duration GRACE = Duration.ofSeconds(10);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public void awaitStop() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopThenHalt, "box-ccg-simulator-shutdown"));
        requested.await();
    }

    private void stopThenHalt() {
        requested.countDown();
        boolean stopped;
        try {
            stopped = finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopped = false;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(stopped ? ExitCode.OK.code() : ExitCode.UNEXPECTED.code());
    }

    @Override
    public void stopped() {
        finished.countDown();
    }
}
