package dev.boxccg.testkit;

import java.util.concurrent.atomic.AtomicInteger;

/** Registers apps with unique client IDs and enterprises, so that tests sharing a simulator do not meet. */
final class TestApps {

    static final String SECRET = "s3cr3t-&=+ %é";

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private TestApps() {
    }

    static BoxSimulator.App register(BoxSimulator box) {
        int n = NEXT.getAndIncrement();
        return box.registerApp("client" + n, SECRET, Integer.toString(900_000 + n));
    }
}
