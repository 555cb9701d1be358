package dev.boxccg;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a downscoped token may do: a set of Box scopes, optionally on one item ({@link #forResource(String)}) or one
 * shared link ({@link #forSharedLink(String)}), never both. Passed to {@link BoxTokenProvider#downscoped(BoxDownscope)}.
 *
 * <pre>{@code
 * BoxAccessToken preview = tokens.downscoped(BoxDownscope.of("item_preview", "item_download")
 *         .forResource("https://api.box.com/2.0/files/123456"));
 * }</pre>
 *
 * <p>Immutable and thread safe. Equal when the scopes (in any order), the resource and the shared link are equal:
 * equal downscopes of one provider share one cached token. {@link #toString()} never prints a shared link (anyone
 * holding one may open the item), only its host and a fingerprint.
 */
public final class BoxDownscope {

    /** Box's 14 downscope scopes ({@code ResourceScope} in Box's OpenAPI), in Box's order. */
    public static final List<String> SCOPES = List.of("annotation_edit", "annotation_view_all", "annotation_view_self",
            "base_explorer", "base_picker", "base_preview", "base_upload", "item_delete", "item_download",
            "item_preview", "item_rename", "item_share", "item_upload", "item_read");

    /** Longer URLs than this are not Box item or shared-link URLs. */
    private static final int MAX_URL_LENGTH = 2048;

    private final Set<String> scopes;
    private final String resource;
    private final String sharedLink;

    private BoxDownscope(Set<String> scopes, String resource, String sharedLink) {
        this.scopes = scopes;
        this.resource = resource;
        this.sharedLink = sharedLink;
    }

    /**
     * @param scopes at least one of {@link #SCOPES}; duplicates count once
     * @throws IllegalArgumentException if none is given, or one is not a Box scope (the message lists the valid ones)
     */
    public static BoxDownscope of(String... scopes) {
        Objects.requireNonNull(scopes, "scopes");
        return of(Arrays.asList(scopes));
    }

    /** @see #of(String...) */
    public static BoxDownscope of(Collection<String> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("A downscope needs at least one scope, of " + String.join(", ", SCOPES));
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (scope == null || !SCOPES.contains(scope)) {
                throw new IllegalArgumentException("'" + printable(scope) + "' is not a Box downscope scope; valid"
                        + " scopes are " + String.join(", ", SCOPES));
            }
            checked.add(scope);
        }
        return new BoxDownscope(Collections.unmodifiableSet(checked), null, null);
    }

    /**
     * @param fullApiUrl the item the token is restricted to, as a full API URL, e.g.
     *                   {@code https://api.box.com/2.0/files/123456}
     * @return a downscope with these scopes on that item only
     * @throws IllegalArgumentException if it is not an absolute http(s) URL, or a shared link is set already
     */
    public BoxDownscope forResource(String fullApiUrl) {
        if (sharedLink != null) {
            throw new IllegalArgumentException("A downscope is for a resource or for a shared link, not both");
        }
        return new BoxDownscope(scopes, checkUrl(fullApiUrl, "resource"), null);
    }

    /**
     * @param url the shared link of a file or folder, e.g. {@code https://cloud.box.com/s/abc}; password-protected
     *            shared links are not supported by Box
     * @return a downscope with these scopes on the item behind that shared link only
     * @throws IllegalArgumentException if it is not an absolute http(s) URL, or a resource is set already
     */
    public BoxDownscope forSharedLink(String url) {
        if (resource != null) {
            throw new IllegalArgumentException("A downscope is for a resource or for a shared link, not both");
        }
        return new BoxDownscope(scopes, null, checkUrl(url, "shared link"));
    }

    /** @return the scopes, in the order first given */
    public Set<String> scopes() {
        return scopes;
    }

    /** @return the scopes separated by single spaces, as Box's {@code scope} form field */
    public String scope() {
        return String.join(" ", scopes);
    }

    /** @return the full API URL of the item the token is restricted to */
    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    /** @return the shared link the token is restricted to; never log it */
    public Optional<String> sharedLink() {
        return Optional.ofNullable(sharedLink);
    }

    private static String checkUrl(String url, String what) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The downscope's " + what + " URL is missing");
        }
        String bare = url.strip();
        URI uri;
        try {
            uri = new URI(bare);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || bare.length() > MAX_URL_LENGTH || uri.getHost() == null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            // Not quoted: a shared link is a credential of sorts.
            throw new IllegalArgumentException("The downscope's " + what + " is not an absolute http(s) URL of at"
                    + " most " + MAX_URL_LENGTH + " characters" + (what.equals("resource")
                    ? " such as https://api.box.com/2.0/files/123456" : " such as https://cloud.box.com/s/abc"));
        }
        return bare;
    }

    private static String printable(String scope) {
        if (scope == null) {
            return "null";
        }
        String shown = scope.length() > 40 ? scope.substring(0, 40) + "…" : scope;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoxDownscope that && scopes.equals(that.scopes)
                && Objects.equals(resource, that.resource) && Objects.equals(sharedLink, that.sharedLink);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scopes, resource, sharedLink); // a Set's hash ignores order
    }

    /** Never contains a shared link: its host and a fingerprint instead. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("BoxDownscope[scopes=").append(scopes);
        if (resource != null) {
            text.append(", resource=").append(resource);
        }
        if (sharedLink != null) {
            text.append(", sharedLink=<").append(URI.create(sharedLink).getHost()).append(", fingerprint ")
                    .append(fingerprint(sharedLink)).append('>');
        }
        return text.append(']').toString();
    }

    private static String fingerprint(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
