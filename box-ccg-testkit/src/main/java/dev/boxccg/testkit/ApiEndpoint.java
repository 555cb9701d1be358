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
 *
 * <p><b>As-User.</b> A call with an {@code As-User: <user ID>} header acts as that user: {@code /2.0/users/me}
 * answers that user, and folder listings are that user's. Box documents the rules (the header is not in its OpenAPI
 * spec); the simulator checks them in this order, after the token:
 * <ol>
 * <li>the token must be a client credentials token of the app's service account: a user's token, or a downscoped
 *     token (Box: As-User cannot widen a downscoped token), gets 403;
 * <li>the app needs "Perform Actions as Users" and "App + Enterprise Access", else 403;
 * <li>the target may not be the service account itself (Box: 403 Forbidden), else 403;
 * <li>the target must be a user of the app's enterprise, else 404 {@code not_found}: the simulator answers as for
 *     any user it cannot find (this also covers a value that is not a user ID at all).
 * </ol>
 * Each 403 is a {@code ClientError} with {@code code} {@code access_denied_insufficient_permissions} and message
 * "Access denied - insufficient permission", the code Box uses when the caller may not do what it asked.
 *
 * <p><b>Downscoped tokens.</b> A token from a token exchange may only:
 * <ul>
 * <li>list a folder ({@code GET /2.0/folders/{id}/items}) if it holds {@code item_read}, {@code base_explorer} or
 *     {@code base_picker} and, if it is restricted to an item, that item is this folder;
 * <li>not read {@code /2.0/users/me}: none of Box's 14 downscoping scopes is about users, and Box's downscoped
 *     tokens are for items.
 * </ul>
 * Anything else a downscoped token may not do is 403 {@code insufficient_scope} (the code Box's {@code ClientError}
 * lists for it) with message "The request requires higher privileges than provided by the access token." and the
 * {@code WWW-Authenticate} challenge of RFC 6750 ({@code error="insufficient_scope"}). The scope check comes before
 * the check that the folder exists; unknown endpoints stay 404.
 */
final class ApiEndpoint extends Endpoint {

    private static final Pattern FOLDER_ITEMS = Pattern.compile("/2\\.0/folders/([^/]+)/items");
    static final String ROOT_FOLDER_ID = "0";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private static final String NO_TOKEN_CHALLENGE = "Bearer realm=\"Service\"";
    private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"Service\", error=\"invalid_token\", "
            + "error_description=\"The access token provided is invalid.\"";
    private static final String INSUFFICIENT_SCOPE_MESSAGE =
            "The request requires higher privileges than provided by the access token.";
    private static final String INSUFFICIENT_SCOPE_CHALLENGE = "Bearer realm=\"Service\", error=\"insufficient_scope\", "
            + "error_description=\"" + INSUFFICIENT_SCOPE_MESSAGE + "\"";
    private static final String BEARER = "Bearer ";
    static final String AS_USER = "As-User";

    private final Directory directory;
    private final TokenStore tokens;
    private final Traffic traffic;

    ApiEndpoint(Directory directory, TokenStore tokens, Traffic traffic) {
        super("box-api");
        this.directory = directory;
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
        String asUser = request.containsHeader(AS_USER) ? request.getHeader(AS_USER) : null;
        ResponseDefinition answer = route(request, path, authorization, asUser).build();
        traffic.apiCall(new BoxSimulator.ApiCall(request.getMethod().getName(), path, authorization,
                answer.getStatus(), asUser));
        return answer;
    }

    private ResponseDefinitionBuilder route(Request request, String path, String authorization, String asUser) {
        if (authorization == null) {
            return unauthorized(NO_TOKEN_CHALLENGE);
        }
        TokenStore.IssuedToken token = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.valid(authorization.substring(BEARER.length()).trim())
                : null;
        if (token == null) {
            return unauthorized(INVALID_TOKEN_CHALLENGE);
        }
        Account actor = token.subject();
        if (asUser != null) {
            BoxSimulator.App app = directory.app(token.clientId());
            if (app == null || token.downscoped() || !token.subject().equals(app.serviceAccountAccount())
                    || !app.performActionsAsUsers() || !app.appAndEnterpriseAccess()
                    || asUser.trim().equals(app.serviceAccount().id())) {
                return Responses.json(403, BoxBodies.apiError(403, "access_denied_insufficient_permissions",
                        "Access denied - insufficient permission"));
            }
            actor = app.enterpriseUser(asUser.trim());
            if (actor == null) {
                return Responses.notFound();
            }
        }
        boolean get = request.getMethod().equals(RequestMethod.GET);
        if (get && path.equals("/2.0/users/me")) {
            return token.downscoped() ? insufficientScope() : Responses.json(200, BoxBodies.user(actor));
        }
        Matcher folderItems = FOLDER_ITEMS.matcher(path);
        if (get && folderItems.matches()) {
            String folderId = folderItems.group(1);
            if (token.downscoped() && (token.scopes().stream().noneMatch(Scopes.LIST_FOLDER::contains)
                    || (token.resource() != null && !token.resource().equals(new Scopes.Resource("folder", folderId))))) {
                return insufficientScope();
            }
            if (folderId.equals(ROOT_FOLDER_ID)) {
                return rootFolderItems(FormData.ofQuery(request)); // every user's root folder holds the same items
            }
        }
        return Responses.notFound();
    }

    private static ResponseDefinitionBuilder insufficientScope() {
        return Responses.json(403, BoxBodies.apiError(403, "insufficient_scope", INSUFFICIENT_SCOPE_MESSAGE))
                .withHeader("WWW-Authenticate", INSUFFICIENT_SCOPE_CHALLENGE);
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
