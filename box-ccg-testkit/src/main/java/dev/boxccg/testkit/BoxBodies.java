package dev.boxccg.testkit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The bodies Box answers with, in Box's shapes (see Box's OpenAPI spec: {@code AccessToken}, {@code OAuth2Error},
 * {@code ClientError}, {@code User}, {@code Items}).
 */
final class BoxBodies {

    private static final String HELP_URL = "https://developer.box.com/guides/api-calls/permissions-and-errors/common-errors/";

    /** Box reports times in its own (Pacific) time zone, with the offset. */
    private static final ZoneId BOX_ZONE = ZoneId.of("America/Los_Angeles");
    private static final DateTimeFormatter BOX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /** The {@code issued_token_type} and {@code subject_token_type} of an access token. */
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private BoxBodies() {
    }

    /** {@code AccessToken} as Box returns it for a client credentials grant. */
    static String accessToken(String accessToken, long expiresInSeconds) {
        return JsonText.object()
                .put("access_token", accessToken)
                .put("expires_in", expiresInSeconds)
                .putRaw("restricted_to", "[]")
                .put("token_type", "bearer")
                .toString();
    }

    /**
     * {@code AccessToken} as Box returns it for a token exchange: {@code restricted_to} holds one
     * {@code ResourceScope} per scope granted, with the {@code object} ({@code type} and {@code id}, what
     * {@code File--Base} and {@code Folder--Base} require) only when the token is restricted to an item, and
     * {@code issued_token_type} says it is an access token.
     */
    static String downscopedToken(String accessToken, long expiresInSeconds, Iterable<String> scopes,
                                  Scopes.Resource resource) {
        List<String> restrictions = new java.util.ArrayList<>();
        for (String scope : scopes) {
            JsonText restriction = JsonText.object().put("scope", scope);
            if (resource != null) {
                restriction.putRaw("object", JsonText.object()
                        .put("type", resource.type()).put("id", resource.id()).toString());
            }
            restrictions.add(restriction.toString());
        }
        return JsonText.object()
                .put("access_token", accessToken)
                .put("expires_in", expiresInSeconds)
                .putRaw("restricted_to", JsonText.array(restrictions))
                .put("token_type", "bearer")
                .put("issued_token_type", ACCESS_TOKEN_TYPE)
                .toString();
    }

    /** {@code OAuth2Error}: the token and revoke endpoints' errors. */
    static String oauth2Error(String error, String description) {
        return JsonText.object().put("error", error).put("error_description", description).toString();
    }

    /** {@code ClientError} without {@code help_url}, as a rate limiter or an overloaded front end answers. */
    static String clientError(int status, String code, String message) {
        return clientErrorFields(status, code, message).toString();
    }

    /** {@code ClientError} as the API answers, with {@code help_url}. */
    static String apiError(int status, String code, String message) {
        return clientErrorFields(status, code, message).put("help_url", HELP_URL).toString();
    }

    private static JsonText clientErrorFields(int status, String code, String message) {
        return JsonText.object()
                .put("type", "error")
                .put("status", status)
                .put("code", code)
                .put("message", message)
                .put("request_id", RandomText.requestId());
    }

    /** The small HTML page a gateway (not Box's application) answers with, for a 502 or 504. */
    static String gatewayPage(int status, String reason) {
        String title = status + " " + reason;
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n</body>\r\n</html>\r\n";
    }

    /** A standard {@code User}. */
    static String user(Account account) {
        BoxSimulator.User user = account.user();
        String created = boxTime(account.createdAt());
        return JsonText.object()
                .put("type", "user")
                .put("id", user.id())
                .put("name", user.name())
                .put("login", user.login())
                .put("created_at", created)
                .put("modified_at", created)
                .put("language", "en")
                .put("timezone", BOX_ZONE.getId())
                .put("space_amount", 10_737_418_240L)
                .put("space_used", 0)
                .put("max_upload_size", 2_147_483_648L)
                .put("status", "active")
                .put("job_title", "")
                .put("phone", "")
                .put("address", "")
                .put("avatar_url", "https://app.box.com/api/avatar/large/" + user.id())
                .putRaw("notification_email", "null")
                .toString();
    }

    /** {@code Items} with offset-based paging, ordered as Box orders a folder: by type, then by name. */
    static String items(List<FolderItem> page, int totalCount, long offset, int limit) {
        String order = JsonText.array(List.of(
                JsonText.object().put("by", "type").put("direction", "ASC").toString(),
                JsonText.object().put("by", "name").put("direction", "ASC").toString()));
        return JsonText.object()
                .put("total_count", totalCount)
                .putRaw("entries", JsonText.array(page.stream().map(BoxBodies::miniItem).toList()))
                .put("offset", offset)
                .put("limit", limit)
                .putRaw("order", order)
                .toString();
    }

    private static String miniItem(FolderItem item) {
        JsonText json = JsonText.object()
                .put("type", item.type())
                .put("id", item.id())
                .put("sequence_id", item.sequenceId())
                .put("etag", item.etag())
                .put("name", item.name());
        if (item.sha1() != null) {
            json.put("sha1", item.sha1())
                    .putRaw("file_version", JsonText.object()
                            .put("type", "file_version").put("id", item.versionId()).put("sha1", item.sha1())
                            .toString());
        }
        return json.toString();
    }

    /** @return an instant formatted as Box formats {@code created_at}, for example {@code 2012-12-12T10:53:43-08:00} */
    private static String boxTime(Instant instant) {
        return BOX_TIME.format(instant.atZone(BOX_ZONE));
    }
}
