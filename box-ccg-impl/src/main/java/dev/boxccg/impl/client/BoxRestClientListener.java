package dev.boxccg.impl.client;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * Registers {@link BoxClientFilter} on every MicroProfile REST Client whose interface (or one of its methods)
 * carries {@code @BoxAuthenticated}; other clients are left untouched. Found through {@code META-INF/services}.
 */
public class BoxRestClientListener implements RestClientListener {

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        if (BoxAuthenticatedNames.isAnnotated(serviceInterface)) {
            builder.register(BoxClientFilter.forRestClient(serviceInterface));
        }
    }
}
