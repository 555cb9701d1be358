package dev.boxccg.cli;

/** Tells {@code box-ccg simulator} when to stop. */
interface StopSignal {

    /** Waits until the simulator is to stop. */
    void awaitStop() throws InterruptedException;

    /** The simulator has stopped and said so; the process may end. */
    void stopped();
}
