package dev.boxccg.core;

import java.util.Objects;

/**
 * Whose token: one Box app and one {@link TokenRequest}. Everything that changes which token Box issues is in it; the
 * secret only as a digest (see {@link AppIdentity}). One key has one token source, registered once.
 */
public record TokenKey(AppIdentity app, TokenRequest request) {

    public TokenKey {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(request, "request");
    }

    @Override
    public String toString() {
        return request + " of client " + app.clientId();
    }
}
