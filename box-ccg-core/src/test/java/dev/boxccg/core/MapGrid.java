package dev.boxccg.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link TokenGrid} in one map, as a data grid would be shared by nodes; can be told to fail or hang. */
final class MapGrid implements TokenGrid {

    /** NOT_READY: not open yet ({@link #isReady()} false), and throwing if called all the same. */
    enum Mode { WORKS, THROWS, HANGS, NOT_READY }

    final Map<String, String> entries = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile Mode mode = Mode.WORKS;
    /** Runs before each put-if-absent: another node's write, just before this one's. */
    volatile Runnable beforePutIfAbsent = () -> { };
    private final CountDownLatch released = new CountDownLatch(1);

    private void behave() {
        calls.incrementAndGet();
        switch (mode) {
            case THROWS, NOT_READY -> throw new IllegalStateException("grid gone: member 10.0.0.7 left");
            case HANGS -> {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> {
            }
        }
    }

    @Override
    public boolean isReady() {
        return mode != Mode.NOT_READY;
    }

    /** Lets hung calls return, at the end of a test. */
    void release() {
        released.countDown();
    }

    @Override
    public String get(String key) {
        behave();
        return entries.get(key);
    }

    @Override
    public boolean putIfAbsent(String key, String value) {
        behave();
        beforePutIfAbsent.run();
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        behave();
        return entries.replace(key, expected, value);
    }

    @Override
    public boolean remove(String key, String expected) {
        behave();
        return entries.remove(key, expected);
    }

    @Override
    public String describe() {
        return "test grid";
    }
}
