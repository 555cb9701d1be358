package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * Box's API under {@code /2.0}: every call needs a valid bearer token (else 401); {@code GET /2.0/users/me} and
 * {@code GET /2.0/folders/0/items} answer, anything else is 404. Every call is recorded in {@link Traffic}.
 */
final class ApiEndpoint extends Endpoint {

    private static final Pattern FOLDER_ITEMS = Pattern.compile("/2\\.0/folders/([^/]+)/items");
    private static final String ROOT_FOLDER_ID = "0";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private static final String NO_TOKEN_CHALLENGE = "Bearer realm=\"Service\"";
    private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"Service\", error=\"invalid_token\", "
            + "error_description=\"The access token provided is invalid.\"";
    private static final String BEARER = "Bearer ";

    private final TokenStore tokens;
    private final Traffic traffic;

    ApiEndpoint(TokenStore tokens, Traffic traffic) {
        super("box-api");
        this.tokens = tokens;
        this.traffic = traffic;
    }

    @Override
    MappingBuilder requests() {
        return any(urlPathMatching("/2\\.0/.*"));
    }

    @Override
    ResponseDefinition answer(Request request) {
        String url = request.getUrl();
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        String authorization = request.getHeader("Authorization");
        ResponseDefinition answer = route(request, path, authorization).build();
        traffic.apiCall(new BoxSimulator.ApiCall(request.getMethod().getName(), path, authorization,
                answer.getStatus()));
        return answer;
    }

    private ResponseDefinitionBuilder route(Request request, String path, String authorization) {
        if (authorization == null) {
            return unauthorized(NO_TOKEN_CHALLENGE);
        }
        TokenStore.IssuedToken token = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.valid(authorization.substring(BEARER.length()).trim())
                : null;
        if (token == null) {
            return unauthorized(INVALID_TOKEN_CHALLENGE);
        }
        boolean get = request.getMethod().equals(RequestMethod.GET);
        if (get && path.equals("/2.0/users/me")) {
            return Responses.json(200, BoxBodies.user(token.subject()));
        }
        Matcher folderItems = FOLDER_ITEMS.matcher(path);
        if (get && folderItems.matches() && folderItems.group(1).equals(ROOT_FOLDER_ID)) {
            return rootFolderItems(FormData.ofQuery(request));
        }
        return Responses.notFound();
    }

    private static ResponseDefinitionBuilder unauthorized(String challenge) {
        return Responses.empty(401).withHeader("WWW-Authenticate", challenge);
    }

    private static ResponseDefinitionBuilder rootFolderItems(FormData query) {
        long offset = number(query.get("offset"), 0);
        long limit = number(query.get("limit"), DEFAULT_LIMIT);
        if (offset < 0 || limit < 0) {
            return Responses.json(400, BoxBodies.apiError(400, "bad_request", "Bad Request"));
        }
        int pageLimit = (int) Math.min(limit, MAX_LIMIT);
        List<FolderItem> all = FolderItem.ROOT_FOLDER;
        int from = (int) Math.min(offset, all.size());
        int to = Math.min(from + pageLimit, all.size());
        return Responses.json(200, BoxBodies.items(all.subList(from, to), all.size(), offset, pageLimit));
    }

    /** @return the parameter as a number, {@code absent} when not sent, or -1 when it is not a whole number */
    private static long number(String value, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notNumber) {
            return -1;
        }
    }
}
