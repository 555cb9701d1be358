package dev.boxccg.testkit;

import dev.boxccg.core.BoxCcgEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BoxSimulator#reset()} resets box-ccg's token caches through {@code BoxCcgEngine.clearAll()}, found by name. */
class BoxCcgResetTest extends SimulatorTest {

    @AfterEach
    void noFailure() {
        BoxCcgEngine.failure = null;
    }

    @Test
    void resetCallsClearAllOnceWhenBothClassLoadersFindTheSameEngine() {
        int before = BoxCcgEngine.CLEARED.get();
        box.reset();
        assertEquals(before + 1, BoxCcgEngine.CLEARED.get());
        box.resetBoxCcgTokenCaches();
        assertEquals(before + 2, BoxCcgEngine.CLEARED.get());
    }

    @Test
    void aFailingClearAllIsReportedNotSwallowed() {
        IllegalArgumentException failure = new IllegalArgumentException("broken");
        BoxCcgEngine.failure = failure;
        IllegalStateException thrown = assertThrows(IllegalStateException.class, box::reset);
        assertSame(failure, thrown.getCause());
        assertTrue(thrown.getMessage().contains("token caches"), thrown.getMessage());
    }
}
