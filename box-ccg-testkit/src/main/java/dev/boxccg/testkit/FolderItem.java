package dev.boxccg.testkit;

import java.util.List;

/**
 * An item in a folder, in Box's mini representation.
 *
 * @param type       {@code folder} or {@code file}
 * @param id         the item's ID
 * @param sequenceId Box's {@code sequence_id}
 * @param etag       Box's {@code etag}
 * @param name       the item's name
 * @param sha1       a file's SHA-1, null for a folder
 * @param versionId  a file's current version ID, null for a folder
 */
record FolderItem(String type, String id, String sequenceId, String etag, String name, String sha1,
                  String versionId) {

    /** What every simulated user's root folder ({@code 0}) holds, in Box's order: folders first, then by name. */
    static final List<FolderItem> ROOT_FOLDER = List.of(
            folder("141590592212", "Contracts"),
            folder("141590688921", "Reports"),
            file("1195335620120", "Welcome to Box.pdf", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "1307125473120"));

    private static FolderItem folder(String id, String name) {
        return new FolderItem("folder", id, "0", "0", name, null, null);
    }

    private static FolderItem file(String id, String name, String sha1, String versionId) {
        return new FolderItem("file", id, "0", "0", name, sha1, versionId);
    }
}
