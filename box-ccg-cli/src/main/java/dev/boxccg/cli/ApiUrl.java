package dev.boxccg.cli;

import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Box's API base URL for the check's REST client, as the MicroProfile REST Client reads it for the configuration key
 * {@value RestClientInterfaces#CONFIG_KEY}: {@code box/mp-rest/uri}, else {@code box/mp-rest/url}, else
 * {@value RestClientInterfaces#DEFAULT_API_URL}.
 *
 * @param key   the key it was read from, or null for the default
 * @param value the URL as given
 */
record ApiUrl(String key, String value) {

    static final String URL_KEY = RestClientInterfaces.CONFIG_KEY + "/mp-rest/url";
    private static final String URI_KEY = RestClientInterfaces.CONFIG_KEY + "/mp-rest/uri";

    static ApiUrl of(Config config) {
        for (String key : List.of(URI_KEY, URL_KEY)) {
            Optional<String> value = config.getOptionalValue(key, String.class).filter(text -> !text.isBlank());
            if (value.isPresent()) {
                return new ApiUrl(key, value.get().strip());
            }
        }
        return new ApiUrl(null, RestClientInterfaces.DEFAULT_API_URL);
    }

    /** @return what is wrong with the URL, naming its key; empty if it is usable */
    List<String> problems() {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return List.of();
            }
        } catch (URISyntaxException malformed) {
            // reported below
        }
        return List.of(key + " '" + value + "' is not an absolute http(s) URL; Box's API is "
                + RestClientInterfaces.DEFAULT_API_URL);
    }

    /** @return for example {@code https://api.box.com (the default; set box/mp-rest/url to change it)} */
    String described() {
        return key == null ? value + " (the default; " + URL_KEY + " or " + Configs.environmentVariable(URL_KEY)
                + " changes it)" : value + " (" + key + ")";
    }

    /** @return the URL of {@code GET /2.0/users/me} */
    String usersMe() {
        return value.replaceAll("/+$", "") + "/2.0/users/me";
    }
}
