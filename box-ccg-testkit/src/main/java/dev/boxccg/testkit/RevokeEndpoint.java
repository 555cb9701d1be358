package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * {@code POST /oauth2/revoke}: a client revokes one of its tokens. As RFC 7009 asks, an unknown token (or another
 * client's) is answered like a revoked one: 200, and nothing changes.
 *
 * <p>A downscoped token belongs to the app of the token it was exchanged from, and that app revokes it like any
 * other. Revoking a token revokes only that token: the tokens downscoped from it keep working until they expire
 * (which is no later than their parent would have). Box documents no cascade, and RFC 7009 leaves it to the server;
 * the simulator chose the behaviour that a client must not rely on either way.
 */
final class RevokeEndpoint extends Endpoint {

    static final String PATH = "/oauth2/revoke";

    private final Directory directory;
    private final TokenStore tokens;
    private final Traffic traffic;

    RevokeEndpoint(Directory directory, TokenStore tokens, Traffic traffic) {
        super("box-revoke-endpoint");
        this.directory = directory;
        this.tokens = tokens;
        this.traffic = traffic;
    }

    @Override
    MappingBuilder requests() {
        return post(urlPathEqualTo(PATH));
    }

    @Override
    ResponseDefinition answer(Request request) {
        FormData form = FormData.ofBody(request);
        TokenStore.IssuedToken sent = tokens.issued(form.get("token"));
        traffic.revokeRequest(sent != null && sent.downscoped());
        BoxSimulator.App app = directory.app(form.get("client_id"));
        if (app == null || !app.secretMatches(form.get("client_secret"))) {
            return Responses.invalidClient().build();
        }
        String token = form.get("token");
        if (token == null) {
            return Responses.missingParameter("token").build();
        }
        tokens.revokeIfIssuedTo(token, app.clientId());
        return Responses.empty(200).build();
    }
}
