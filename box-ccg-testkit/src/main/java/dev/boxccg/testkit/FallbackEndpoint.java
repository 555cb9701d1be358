package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/** Whatever no other endpoint answers: Box's 404 rather than WireMock's "Request was not matched" page. */
final class FallbackEndpoint extends Endpoint {

    /** WireMock tries stubs with lower numbers first; the others have the default, 5. */
    private static final int LAST = 100;

    FallbackEndpoint() {
        super("box-fallback");
    }

    @Override
    MappingBuilder requests() {
        return any(anyUrl()).atPriority(LAST);
    }

    @Override
    ResponseDefinition answer(Request request) {
        return Responses.notFound().build();
    }
}
