package dev.boxccg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoxCallsTest {

    @Test
    void theUserIsSetForTheCallOnlyAndItsResultReturned() {
        assertEquals(Optional.empty(), BoxCalls.currentUser());
        assertEquals("as 42", BoxCalls.asUser("42", () -> "as " + BoxCalls.currentUser().orElseThrow()));
        assertEquals(Optional.empty(), BoxCalls.currentUser());
    }

    @Test
    void nestedScopesTheInnermostWinsAndTheOuterComesBack() {
        List<String> seen = new ArrayList<>();
        BoxCalls.asUser("1", () -> {
            seen.add(BoxCalls.currentUser().orElseThrow());
            BoxCalls.asUser("2", () -> seen.add(BoxCalls.currentUser().orElseThrow()));
            seen.add(BoxCalls.currentUser().orElseThrow());
        });
        assertEquals(List.of("1", "2", "1"), seen);
        assertEquals(Optional.empty(), BoxCalls.currentUser());
    }

    @Test
    void theScopeIsRestoredWhenTheCallThrows() {
        IllegalStateException thrown = new IllegalStateException("boom");
        BoxCalls.asUser("1", () -> {
            assertSame(thrown, assertThrows(IllegalStateException.class, () -> BoxCalls.asUser("2", (Runnable) () -> {
                throw thrown;
            })));
            assertEquals(Optional.of("1"), BoxCalls.currentUser());
        });
        assertEquals(Optional.empty(), BoxCalls.currentUser());
    }

    @Test
    void anotherThreadDoesNotSeeTheScope() {
        Optional<String> elsewhere = BoxCalls.asUser("7",
                () -> CompletableFuture.supplyAsync(BoxCalls::currentUser).join());
        assertEquals(Optional.empty(), elsewhere);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " 12", "12 ", "abc", "12a", "-1", "١٢"})
    void refusesWhatIsNotABoxUserIdNamingIt(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoxCalls.asUser(id, () -> "never"));
        assertTrue(e.getMessage().contains("'" + id + "'") && e.getMessage().contains("digits"), e.getMessage());
        assertEquals(Optional.empty(), BoxCalls.currentUser());
    }
}
