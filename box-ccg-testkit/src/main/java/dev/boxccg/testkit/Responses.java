package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/** WireMock answers in the forms the simulator uses. */
final class Responses {

    private Responses() {
    }

    static ResponseDefinitionBuilder withBody(int status, String contentType, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return withBody(status, "application/json", body);
    }

    static ResponseDefinitionBuilder html(int status, String body) {
        return withBody(status, "text/html", body);
    }

    /** An answer without a body. */
    static ResponseDefinitionBuilder empty(int status) {
        return aResponse().withStatus(status);
    }

    /** No answer at all: the connection misbehaves. */
    static ResponseDefinitionBuilder fault(Fault fault) {
        return aResponse().withFault(fault);
    }

    /** An {@code OAuth2Error}, as the token and revoke endpoints answer. */
    static ResponseDefinitionBuilder oauth2Error(int status, String error, String description) {
        return json(status, BoxBodies.oauth2Error(error, description));
    }

    /** 400 {@code invalid_request} for a required parameter that was not sent (or sent empty). */
    static ResponseDefinitionBuilder missingParameter(String name) {
        return oauth2Error(400, "invalid_request", "The \"" + name + "\" parameter is missing");
    }

    /** 404 {@code not_found}, as the API answers for an item or endpoint it does not have. */
    static ResponseDefinitionBuilder notFound() {
        return json(404, BoxBodies.apiError(404, "not_found", "Not Found"));
    }

    /** 400 {@code invalid_client}: no app has that client ID (or, when revoking, the secret is wrong). */
    static ResponseDefinitionBuilder invalidClient() {
        return oauth2Error(400, "invalid_client", "The client credentials are invalid");
    }
}
