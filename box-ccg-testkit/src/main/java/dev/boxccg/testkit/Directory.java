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
     * Registers an app, creating its enterprise if needed and the app's service account; or, for a client ID already
     * registered, gives that app the new secret and enterprise and keeps the rest (see
     * {@link BoxSimulator#registerApp}).
     *
     * @return the app registered under that client ID
     */
    BoxSimulator.App register(String clientId, String clientSecret, String enterpriseId) {
        Enterprise enterprise = enterprises.computeIfAbsent(enterpriseId, id -> new Enterprise(clock));
        // compute: two concurrent registrations of one client ID make one app, and the last one's settings win.
        return apps.compute(clientId, (id, existing) -> {
            if (existing != null) {
                existing.update(clientSecret, enterpriseId, enterprise);
                return existing;
            }
            String userId = Long.toString(nextUserId.getAndIncrement());
            BoxSimulator.User serviceAccount = new BoxSimulator.User(userId, clientId + " Service Account",
                    "AutomationUser_" + userId + "_" + RandomText.alphanumerics(10) + "@boxdevedition.com");
            return new BoxSimulator.App(clientId, clientSecret, enterpriseId,
                    new Account(serviceAccount, clock.instant()), enterprise);
        });
    }

    /** @return the app with that client ID, or null */
    BoxSimulator.App app(String clientId) {
        return clientId == null ? null : apps.get(clientId);
    }
}
