package dev.boxccg.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextTest {

    @Test
    void readsSamplesWithLabelsAndSkipsComments() {
        String text = """
                # TYPE box_ccg_token_requests_total counter
                box_ccg_token_requests_total{configuration="default",mp_scope="application",outcome="issued"} 2.0
                box_ccg_token_expires_in_seconds{configuration="a \\"b\\""} 3599.5
                jvm_uptime_seconds 12
                """;

        List<PrometheusText.Sample> samples = PrometheusText.samples(text);

        assertEquals(3, samples.size(), samples.toString());
        assertEquals("box_ccg_token_requests_total", samples.get(0).name());
        assertEquals(Map.of("configuration", "default", "mp_scope", "application", "outcome", "issued"),
                samples.get(0).labels());
        assertEquals(2.0, samples.get(0).value());
        assertEquals(Map.of("configuration", "a \"b\""), samples.get(1).labels());
        assertEquals(3599.5, samples.get(1).value());
        assertTrue(samples.get(2).labels().isEmpty());
        assertEquals(12.0, samples.get(2).value());
    }
}
