package dev.boxccg.testkit;

import java.time.Instant;

/**
 * A user as the simulator keeps it: what {@link BoxSimulator.User} says plus when it was created.
 *
 * @param user      the user
 * @param createdAt Box's {@code created_at} (and {@code modified_at})
 */
record Account(BoxSimulator.User user, Instant createdAt) {
}
