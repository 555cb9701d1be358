package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * One simulated Box endpoint: a WireMock stub whose answer this transformer computes.
 *
 * <p>Transformers are called concurrently by WireMock's threads; subclasses must be thread safe.
 */
abstract class Endpoint implements ResponseDefinitionTransformerV2 {

    private static final System.Logger LOG = System.getLogger(BoxSimulator.class.getName());

    private final String name;

    Endpoint(String name) {
        this.name = name;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final boolean applyGlobally() {
        return false;
    }

    /** @return the stub that routes this endpoint's requests here */
    final MappingBuilder stub() {
        return requests().willReturn(aResponse().withTransformers(name));
    }

    /** @return which requests this endpoint answers */
    abstract MappingBuilder requests();

    /** @return the answer to the request */
    abstract ResponseDefinition answer(Request request);

    @Override
    public final ResponseDefinition transform(ServeEvent serveEvent) {
        try {
            return answer(serveEvent.getRequest());
        } catch (RuntimeException bug) {
            // Our own exception: it carries no request data, so no secret or token.
            LOG.log(System.Logger.Level.WARNING, "The Box simulator's " + name + " failed", bug);
            return Responses.json(500, BoxBodies.apiError(500, "internal_server_error", "Internal Server Error"))
                    .build();
        }
    }
}
