package dev.boxccg.testkit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The registered apps and their enterprises. Thread safe. */
final class Directory {

    private final Clock clock;
    private final Map<String, BoxSimulator.App> apps = new ConcurrentHashMap<>();
    private final Map<String, Enterprise> enterprises = new ConcurrentHashMap<>();
    private final AtomicLong nextUserId = new AtomicLong(20_000_000_001L);

    Directory(Clock clock) {
        this.clock = clock;
    }

    /**
     * Registers an app, creating its enterprise if needed and the app's service account.
     *
     * @throws IllegalArgumentException if an app with that client ID is already registered
     */
    BoxSimulator.App register(String clientId, String clientSecret, String enterpriseId) {
        Enterprise enterprise = enterprises.computeIfAbsent(enterpriseId, id -> new Enterprise(clock));
        String userId = Long.toString(nextUserId.getAndIncrement());
        BoxSimulator.User serviceAccount = new BoxSimulator.User(userId, clientId + " Service Account",
                "AutomationUser_" + userId + "_" + RandomText.alphanumerics(10) + "@boxdevedition.com");
        BoxSimulator.App app = new BoxSimulator.App(clientId, clientSecret, enterpriseId,
                new Account(serviceAccount, clock.instant()), enterprise);
        if (apps.putIfAbsent(clientId, app) != null) {
            throw new IllegalArgumentException("An app with client ID " + clientId + " is already registered");
        }
        return app;
    }

    /** @return the app with that client ID, or null */
    BoxSimulator.App app(String clientId) {
        return clientId == null ? null : apps.get(clientId);
    }
}
