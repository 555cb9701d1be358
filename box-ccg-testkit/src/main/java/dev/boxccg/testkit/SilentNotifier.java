package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.common.Notifier;

/**
 * Drops WireMock's messages: they would fill test output, and those about requests can show form bodies (client
 * secrets) and headers (tokens). The simulator's own failures are logged by {@link Endpoint}.
 */
final class SilentNotifier implements Notifier {

    @Override
    public void info(String message) {
    }

    @Override
    public void error(String message) {
    }

    @Override
    public void error(String message, Throwable t) {
    }
}
