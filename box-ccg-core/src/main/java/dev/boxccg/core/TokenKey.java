package dev.boxccg.core;

import dev.boxccg.BoxSubject;

import java.net.URI;
import java.util.Objects;

/**
 * What a cached token belongs to: one app (token URL and client ID) and one subject. Two configurations of the same
 * app share their tokens and their single in-flight request.
 */
public record TokenKey(URI tokenUrl, String clientId, BoxSubject subject) {

    public TokenKey {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
    }
}
