package dev.boxccg.it.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** An application's bean holding its REST client, as in the README's quick start. */
@ApplicationScoped
public class WhoAmI {

    @Inject
    @RestClient
    DiscoveryUsers users;

    public JsonObject me() {
        return users.me();
    }
}
