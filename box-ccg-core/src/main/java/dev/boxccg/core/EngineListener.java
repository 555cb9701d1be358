package dev.boxccg.core;

import dev.boxccg.BoxAuthenticationException;

import java.time.Duration;

/**
 * Hears what the engine does, for health checks, metrics and traces. Every method has a no-op default; a listener
 * overrides what it needs. Called on the engine's threads: methods must be quick and must not block. An exception
 * thrown by a listener is logged and otherwise ignored.
 */
public interface EngineListener {

    /** Hears nothing. */
    EngineListener NONE = new EngineListener() {
    };

    /** How a token request ended. */
    enum Outcome {
        /** Box issued a token. */
        ISSUED,
        /** The token store held a valid token: no request was sent. */
        FROM_STORE,
        /** Box refused (a 4xx such as {@code invalid_grant}, or an answer that is not a token). */
        REFUSED,
        /** No answer, or only transient failures, until the retry deadline. */
        FAILED
    }

    /**
     * A token request starts.
     *
     * @param renewal true if a valid token exists and this renews it ahead of its expiry
     */
    default void requestStarted(TokenKey key, boolean renewal) {
    }

    /** One attempt of a request failed transiently; another follows after a wait. */
    default void attemptFailed(TokenKey key, int attempt, BoxAuthenticationException failure) {
    }

    /**
     * A token request ended.
     *
     * @param failure null unless the outcome is {@link Outcome#REFUSED} or {@link Outcome#FAILED}
     */
    default void requestFinished(TokenKey key, Outcome outcome, Duration duration, BoxAuthenticationException failure) {
    }

    /**
     * No valid token and the last request failed: callers fail fast with that failure until the cooldown ends, then
     * one request probes again.
     */
    default void cooldownStarted(TokenKey key, Duration cooldown, BoxAuthenticationException failure) {
    }

    /** A token Box rejected was dropped (it was still the current one). */
    default void invalidated(TokenKey key) {
    }

    /** A key was evicted from the bounded cache. */
    default void evicted(TokenKey key) {
    }
}
