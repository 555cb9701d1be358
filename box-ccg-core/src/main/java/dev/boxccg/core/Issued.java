package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;

/**
 * A token as the token endpoint issued it, with the monotonic time its request was sent: expiry is counted from
 * then, so a slow answer can only make it err on the early side, and no wall-clock step can move it.
 */
record Issued(BoxAccessToken token, long sentAtNanos) {

    long expiresAtNanos() {
        return sentAtNanos + token.lifetime().toNanos();
    }
}
