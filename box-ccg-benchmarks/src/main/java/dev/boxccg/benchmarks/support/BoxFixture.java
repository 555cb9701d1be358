package dev.boxccg.benchmarks.support;

import dev.boxccg.BoxSubject;
import dev.boxccg.core.BoxCcgSettings;
import dev.boxccg.testkit.BoxSimulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One Box app registered at a {@link BoxSimulator}, and the ways each client under test is pointed at it: box-ccg's
 * engine settings, box-ccg's MicroProfile Config keys. Everything talks to 127.0.0.1 only.
 */
public final class BoxFixture implements AutoCloseable {

    public static final String SECRET = "bench-secret-5f1";

    private final BoxSimulator simulator;
    private final String clientId;
    private final String enterpriseId;

    private BoxFixture(BoxSimulator simulator, String clientId, String enterpriseId) {
        this.simulator = simulator;
        this.clientId = clientId;
        this.enterpriseId = enterpriseId;
        simulator.registerApp(clientId, SECRET, enterpriseId);
    }

    /** A simulator issuing tokens that live {@code tokenLifetime}, serving {@code threads} connections at once. */
    public static BoxFixture start(String clientId, String enterpriseId, Duration tokenLifetime, int threads) {
        BoxSimulator simulator = BoxSimulator.builder().tokenLifetime(tokenLifetime).containerThreads(threads).start();
        try {
            return new BoxFixture(simulator, clientId, enterpriseId);
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    /** Hour-long tokens, as Box issues them: nothing is renewed while a benchmark measures. */
    public static BoxFixture start() {
        return start("bench-client", "9000", Duration.ofHours(1), 16);
    }

    public BoxSimulator simulator() {
        return simulator;
    }

    public String clientId() {
        return clientId;
    }

    public String enterpriseId() {
        return enterpriseId;
    }

    /** @return how many token requests the simulator received for this app's enterprise subject */
    public int tokenRequests() {
        return simulator.tokenRequests("enterprise", enterpriseId);
    }

    /** box-ccg's engine settings for this app, with this refresh-ahead. */
    public BoxCcgSettings settings(Duration refreshAhead) {
        return BoxCcgSettings.builder()
                .tokenUrl(simulator.tokenUrl())
                .clientId(clientId)
                .clientSecret(SECRET)
                .refreshAhead(refreshAhead)
                .build();
    }

    public BoxSubject subject() {
        return BoxSubject.enterprise(enterpriseId);
    }

    /** box-ccg's default configuration ({@code box.ccg.*}) for this app, as MicroProfile Config properties. */
    public Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("box.ccg.client-id", clientId);
        config.put("box.ccg.client-secret", SECRET);
        config.put("box.ccg.enterprise-id", enterpriseId);
        config.put("box.ccg.token-url", simulator.tokenUrl().toString());
        return config;
    }

    /**
     * Ends a benchmark that must have run on a warm cache: closes {@code resources} in order, then the simulator, and
     * fails unless the simulator received exactly one token request (the one that warmed the cache).
     */
    public void closeAfterWarmRun(AutoCloseable... resources) {
        int requests = tokenRequests();
        try {
            for (AutoCloseable resource : resources) {
                resource.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the benchmark's application", e);
        } finally {
            close();
        }
        if (requests != 1) {
            throw new IllegalStateException("The cache was not warm throughout: " + requests + " token requests");
        }
    }

    @Override
    public void close() {
        simulator.close();
    }
}
