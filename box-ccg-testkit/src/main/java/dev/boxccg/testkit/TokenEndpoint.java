package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * {@code POST /oauth2/token} for {@code grant_type=client_credentials} and for token exchange (downscoping,
 * {@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange}), with the faults and delay of a
 * {@link FaultPlan} (a fault takes the next token request, whatever its grant type).
 *
 * <p>Client credentials: checks in Box's order: the request's syntax ({@code invalid_request}), the client
 * ({@code invalid_client}), whether the app may use CCG ({@code unauthorized_client}), then the grant itself
 * ({@code invalid_grant}).
 *
 * <p>Token exchange, where Box's spec and guide leave the details open, the simulator chooses, in this order:
 * <ol>
 * <li>{@code subject_token}, {@code subject_token_type} and {@code scope} are required: 400 {@code invalid_request}
 *     naming the missing one; a {@code subject_token_type} other than
 *     {@code urn:ietf:params:oauth:token-type:access_token} (the spec's only value) is 400 {@code invalid_request}
 *     "Invalid subject_token_type parameter"; both {@code resource} and {@code box_shared_link} is 400
 *     {@code invalid_request} (Box's guide: the one "cannot be used in addition to" the other).
 * <li>a scope that is not one of Box's 14 ({@code ResourceScope}) is 400 {@code invalid_scope} "The requested
 *     scope is invalid" (RFC 6749's code and status for a malformed scope).
 * <li>a subject token the simulator did not issue, or that expired or was revoked, is 400 {@code invalid_grant}
 *     "Grant credentials are invalid" (Box's {@code invalid_grant} wording for the client credentials grant).
 * <li>a {@code resource} that is not a full URL of an item the simulator has (see {@link Scopes#resource}), any
 *     {@code box_shared_link} (the simulator has no shared links), or a resource other than the one the subject
 *     token is already restricted to, is 400 {@code invalid_resource} "The target resource is invalid." (Box's
 *     answer to a resource it cannot use).
 * <li>a scope the subject token does not hold is 401 {@code invalid_scope} "The requested scope is invalid":
 *     Box's spec says such a call "will error with 401 Unauthorized", and its error schema for the token endpoint
 *     is {@code OAuth2Error}.
 * </ol>
 * {@code client_id} and {@code client_secret} are not required (Box's guide sends neither) and are ignored if
 * sent: the new token belongs to the subject token's app and subject. A downscoped token may be exchanged again
 * for a narrower one; without a {@code resource} it keeps its parent's.
 */
final class TokenEndpoint extends Endpoint {

    static final String PATH = "/oauth2/token";
    static final String ENTERPRISE = "enterprise";
    static final String USER = "user";

    private static final List<String> REQUIRED = List.of("client_id", "client_secret", "box_subject_type",
            "box_subject_id");
    private static final List<String> EXCHANGE_REQUIRED = List.of("subject_token", "subject_token_type", "scope");

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
        traffic.tokenRequest(form.get("grant_type"), form.get("box_subject_type"), form.get("box_subject_id"));
        TokenFault fault = faults.next();
        ResponseDefinitionBuilder answer = fault == null ? dispatch(form) : fault.answer(() -> dispatch(form));
        Duration delay = fault == null ? faults.delay() : faults.delay().plus(fault.delay());
        if (!delay.isZero()) {
            answer.withFixedDelay((int) Math.min(delay.toMillis(), Integer.MAX_VALUE));
        }
        return answer.build();
    }

    private ResponseDefinitionBuilder dispatch(FormData form) {
        return BoxSimulator.TOKEN_EXCHANGE.equals(form.get("grant_type")) ? exchange(form) : grant(form);
    }

    private ResponseDefinitionBuilder exchange(FormData form) {
        for (String parameter : EXCHANGE_REQUIRED) {
            if (form.get(parameter) == null) {
                return Responses.missingParameter(parameter);
            }
        }
        if (!BoxBodies.ACCESS_TOKEN_TYPE.equals(form.get("subject_token_type"))) {
            return Responses.oauth2Error(400, "invalid_request", "Invalid subject_token_type parameter");
        }
        String resourceUrl = form.get("resource");
        String sharedLink = form.get("box_shared_link");
        if (resourceUrl != null && sharedLink != null) {
            return Responses.oauth2Error(400, "invalid_request",
                    "The \"resource\" and \"box_shared_link\" parameters cannot be used together");
        }
        Set<String> scopes = Scopes.parse(form.get("scope"));
        if (scopes == null) {
            return invalidScope(400);
        }
        TokenStore.IssuedToken parent = tokens.valid(form.get("subject_token"));
        if (parent == null) {
            return Responses.oauth2Error(400, "invalid_grant", "Grant credentials are invalid");
        }
        Scopes.Resource resource = parent.resource();
        if (sharedLink != null) {
            return invalidResource();
        }
        if (resourceUrl != null) {
            Scopes.Resource asked = Scopes.resource(resourceUrl);
            if (asked == null || (resource != null && !resource.equals(asked))) {
                return invalidResource();
            }
            resource = asked;
        }
        if (!parent.scopes().containsAll(scopes)) {
            return invalidScope(401);
        }
        TokenStore.IssuedToken token = tokens.exchange(parent, scopes, resource);
        return Responses.json(200, BoxBodies.downscopedToken(token.value(), token.expiresInSeconds(), token.scopes(),
                token.resource()));
    }

    private static ResponseDefinitionBuilder invalidScope(int status) {
        return Responses.oauth2Error(status, "invalid_scope", "The requested scope is invalid");
    }

    private static ResponseDefinitionBuilder invalidResource() {
        return Responses.oauth2Error(400, "invalid_resource", "The target resource is invalid.");
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
        TokenStore.IssuedToken token = tokens.issue(app.clientId(), subject, app.scopes());
        return Responses.json(200, BoxBodies.accessToken(token.value(), token.expiresInSeconds()));
    }
}
