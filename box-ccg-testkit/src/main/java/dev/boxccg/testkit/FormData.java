package dev.boxccg.testkit;

import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.http.Request;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Parameters of an {@code application/x-www-form-urlencoded} body or of a query string.
 *
 * <p>Names and values are URL-decoded as UTF-8. When a name is repeated, its first value counts. Text that is not
 * valid form data (a broken {@code %} escape) is read as no parameters at all, which makes the endpoints answer as
 * Box does for a request that lacks them.
 */
final class FormData {

    private static final String FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";
    private static final FormData NONE = new FormData(Map.of());

    private final Map<String, String> values;

    private FormData(Map<String, String> values) {
        this.values = values;
    }

    /** @return the body's parameters, or none when the request is not form-encoded */
    static FormData ofBody(Request request) {
        ContentTypeHeader contentType = request.contentTypeHeader();
        if (contentType == null || !contentType.isPresent()
                || !FORM_MEDIA_TYPE.equalsIgnoreCase(contentType.mimeTypePart().trim())) {
            return NONE;
        }
        return parse(request.getBodyAsString());
    }

    /** @return the query string's parameters (the part of the URL after {@code ?}), if any */
    static FormData ofQuery(Request request) {
        String url = request.getUrl();
        int question = url.indexOf('?');
        return question < 0 ? NONE : parse(url.substring(question + 1));
    }

    /** @param encoded for example {@code a=1&b=x%20y} */
    static FormData parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return NONE;
        }
        Map<String, String> values = new HashMap<>();
        try {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                values.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException malformed) {
            return NONE;
        }
        return new FormData(values);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** @return the parameter's value, or null when it is absent or empty */
    String get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
