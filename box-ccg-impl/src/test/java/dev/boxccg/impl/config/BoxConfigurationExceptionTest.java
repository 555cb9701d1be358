package dev.boxccg.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxConfigurationExceptionTest {

    @Test
    void namesTheConfigurationAndEveryProblem() {
        List<String> problems = new ArrayList<>(List.of("box.ccg.hr.client-id is missing", "box.ccg.hr.x is bad"));
        BoxConfigurationException e = new BoxConfigurationException("hr", problems);
        problems.clear();

        assertEquals("the Box configuration 'hr' (box.ccg.hr.*) cannot be used: box.ccg.hr.client-id is missing;"
                + " box.ccg.hr.x is bad", e.getMessage());
        assertEquals("hr", e.configurationName());
        assertEquals(List.of("box.ccg.hr.client-id is missing", "box.ccg.hr.x is bad"), e.problems());
        assertThrows(UnsupportedOperationException.class, () -> e.problems().add("more"));
    }

    @Test
    void describesTheDefaultConfiguration() {
        assertEquals("the default Box configuration (box.ccg.*) cannot be used: box.ccg.client-id is missing",
                new BoxConfigurationException("", List.of("box.ccg.client-id is missing")).getMessage());
    }

    @Test
    void needsAProblemAndAValidName() {
        assertThrows(IllegalArgumentException.class, () -> new BoxConfigurationException("hr", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new BoxConfigurationException("hr", null));
        assertThrows(IllegalArgumentException.class, () -> new BoxConfigurationException("h.r", List.of("x")));
    }
}
