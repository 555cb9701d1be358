package dev.boxccg.it.broken;

import dev.boxccg.BoxTokenProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The only class of the "missing-secret" WAR, whose configuration lacks {@code box.ccg.client-secret}: injecting a
 * {@link BoxTokenProvider} makes the default configuration one the application uses, so box-ccg must fail the
 * deployment, naming the missing key.
 */
@ApplicationScoped
public class NeedsBoxTokens {

    @Inject
    BoxTokenProvider tokens;

    public BoxTokenProvider tokens() {
        return tokens;
    }
}
