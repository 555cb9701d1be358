package dev.boxccg.testkit;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Box's downscoping vocabulary: the 14 scopes of Box's {@code ResourceScope}, the resources a downscoped token may be
 * restricted to, and which API calls a downscoped token may make.
 */
final class Scopes {

    /** Box's {@code ResourceScope} enum, in the spec's order. */
    static final List<String> ALL = List.of("annotation_edit", "annotation_view_all", "annotation_view_self",
            "base_explorer", "base_picker", "base_preview", "base_upload", "item_delete", "item_download",
            "item_preview", "item_rename", "item_share", "item_upload", "item_read");

    /**
     * The scopes that let a downscoped token list a folder ({@code GET /2.0/folders/{id}/items}): reading items
     * ({@code item_read}) and the two UI Elements that browse the folder tree, Content Explorer
     * ({@code base_explorer}) and Content Picker ({@code base_picker}).
     */
    static final Set<String> LIST_FOLDER = Set.of("item_read", "base_explorer", "base_picker");

    /** {@code .../2.0/files/ID} or {@code .../2.0/folders/ID}. */
    private static final Pattern RESOURCE_PATH = Pattern.compile("/2\\.0/(files|folders)/([0-9]+)");

    /**
     * A file or folder a downscoped token is restricted to, Box's {@code Resource} reduced to the two fields its
     * {@code File--Base} and {@code Folder--Base} require.
     *
     * @param type {@code file} or {@code folder}
     * @param id   the item's ID
     */
    record Resource(String type, String id) {
    }

    private Scopes() {
    }

    /**
     * @param scopes names, each one of {@link #ALL}
     * @return them in the given order, each once
     * @throws IllegalArgumentException for a name that is not one of Box's scopes
     */
    static Set<String> check(String... scopes) {
        Set<String> checked = new LinkedHashSet<>();
        for (String scope : Arrays.asList(scopes)) {
            if (!ALL.contains(scope)) {
                throw new IllegalArgumentException("Not one of Box's scopes " + ALL + ": " + scope);
            }
            checked.add(scope);
        }
        return Collections.unmodifiableSet(checked);
    }

    /**
     * @param spaceSeparated the {@code scope} parameter
     * @return the scopes named, in order, each once; null if any is not one of Box's scopes
     */
    static Set<String> parse(String spaceSeparated) {
        try {
            return check(spaceSeparated.trim().split(" +"));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * Reads the {@code resource} parameter: a full URL ({@code http} or {@code https}, any host, so both
     * {@code https://api.box.com/2.0/files/123} and the simulator's own base URL work) whose path is
     * {@code /2.0/files/ID} or {@code /2.0/folders/ID}, naming an item the simulator has: the root folder {@code 0}
     * or one of the items in it.
     *
     * @return the item, or null when Box would answer {@code invalid_resource}
     */
    static Resource resource(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException malformed) {
            return null;
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null
                || uri.getPath() == null) {
            return null;
        }
        Matcher path = RESOURCE_PATH.matcher(uri.getPath());
        if (!path.matches()) {
            return null;
        }
        String type = path.group(1).equals("files") ? "file" : "folder";
        String id = path.group(2);
        boolean known = (type.equals("folder") && id.equals(ApiEndpoint.ROOT_FOLDER_ID))
                || FolderItem.ROOT_FOLDER.stream().anyMatch(item -> item.type().equals(type) && item.id().equals(id));
        return known ? new Resource(type, id) : null;
    }
}
