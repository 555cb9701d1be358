package dev.boxccg.testkit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A Box enterprise: the users that CCG apps of the enterprise may act as. Thread safe. */
final class Enterprise {

    private final Clock clock;
    private final Map<String, Account> users = new ConcurrentHashMap<>();

    Enterprise(Clock clock) {
        this.clock = clock;
    }

    /** Adds the user, or replaces the user with the same ID. */
    void add(BoxSimulator.User user) {
        users.put(user.id(), new Account(user, clock.instant()));
    }

    /** @return the user with that ID, or null */
    Account user(String userId) {
        return userId == null ? null : users.get(userId);
    }
}
