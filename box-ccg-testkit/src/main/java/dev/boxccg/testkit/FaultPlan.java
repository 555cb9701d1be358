package dev.boxccg.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The token endpoint's misbehaviour: a FIFO queue of faults and a delay for every answer. Thread safe. */
final class FaultPlan {

    private final Queue<TokenFault> queue = new ConcurrentLinkedQueue<>();
    private volatile Duration delay = Duration.ZERO;

    void add(int count, TokenFault fault) {
        Objects.requireNonNull(fault, "fault");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        for (int i = 0; i < count; i++) {
            queue.add(fault);
        }
    }

    /** @return the fault for this request, taken off the queue, or null to answer normally */
    TokenFault next() {
        return queue.poll();
    }

    Duration delay() {
        return delay;
    }

    void delay(Duration delay) {
        this.delay = TokenFault.checkDelay(delay);
    }

    void clear() {
        queue.clear();
        delay = Duration.ZERO;
    }
}
