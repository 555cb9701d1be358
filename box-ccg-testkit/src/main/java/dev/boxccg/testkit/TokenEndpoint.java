package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * {@code POST /oauth2/token} for {@code grant_type=client_credentials}, with the faults and delay of a
 * {@link FaultPlan}.
 *
 * <p>Checks in Box's order: the request's syntax ({@code invalid_request}), the client ({@code invalid_client}),
 * whether the app may use CCG ({@code unauthorized_client}), then the grant itself ({@code invalid_grant}).
 */
final class TokenEndpoint extends Endpoint {

    static final String PATH = "/oauth2/token";
    static final String ENTERPRISE = "enterprise";
    static final String USER = "user";

    private static final List<String> REQUIRED = List.of("client_id", "client_secret", "box_subject_type",
            "box_subject_id");

    private final Directory directory;
    private final TokenStore tokens;
    private final Traffic traffic;
    private final FaultPlan faults;

    TokenEndpoint(Directory directory, TokenStore tokens, Traffic traffic, FaultPlan faults) {
        super("box-token-endpoint");
        this.directory = directory;
        this.tokens = tokens;
        this.traffic = traffic;
        this.faults = faults;
    }

    @Override
    MappingBuilder requests() {
        return post(urlPathEqualTo(PATH));
    }

    @Override
    ResponseDefinition answer(Request request) {
        FormData form = FormData.ofBody(request);
        traffic.tokenRequest(form.get("box_subject_type"), form.get("box_subject_id"));
        TokenFault fault = faults.next();
        ResponseDefinitionBuilder answer = fault == null ? grant(form) : fault.answer(() -> grant(form));
        Duration delay = fault == null ? faults.delay() : faults.delay().plus(fault.delay());
        if (!delay.isZero()) {
            answer.withFixedDelay((int) Math.min(delay.toMillis(), Integer.MAX_VALUE));
        }
        return answer.build();
    }

    private ResponseDefinitionBuilder grant(FormData form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return Responses.oauth2Error(400, "invalid_request", "Invalid grant_type parameter or parameter missing");
        }
        for (String parameter : REQUIRED) {
            if (form.get(parameter) == null) {
                return Responses.missingParameter(parameter);
            }
        }
        String subjectType = form.get("box_subject_type");
        if (!ENTERPRISE.equals(subjectType) && !USER.equals(subjectType)) {
            return Responses.oauth2Error(400, "invalid_request", "Invalid box_subject_type parameter");
        }
        BoxSimulator.App app = directory.app(form.get("client_id"));
        if (app == null) {
            return Responses.invalidClient();
        }
        if (!app.ccgEnabled()) {
            return Responses.oauth2Error(400, "unauthorized_client",
                    "The \"box_subject_type\" value is unauthorized for this client_id");
        }
        Account subject = app.grant(form.get("client_secret"), subjectType, form.get("box_subject_id"));
        if (subject == null) {
            return Responses.oauth2Error(400, "invalid_grant", "Grant credentials are invalid");
        }
        TokenStore.IssuedToken token = tokens.issue(app.clientId(), subject);
        return Responses.json(200, BoxBodies.accessToken(token.value(), token.expiresInSeconds()));
    }
}
