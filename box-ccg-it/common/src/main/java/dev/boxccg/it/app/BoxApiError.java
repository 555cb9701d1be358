package dev.boxccg.it.app;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * An error answer of Box's API (a {@code ClientError}: {@code status}, {@code code}, {@code message}), as
 * {@link BoxErrorMapper} makes it from the answer's body, so the resource can tell the test Box's {@code code}: for
 * a refused {@code As-User} call, {@code access_denied_insufficient_permissions}.
 */
public class BoxApiError extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public BoxApiError(int status, String code, String message) {
        super(message, Response.status(status).build());
        this.code = code;
    }

    /** @return Box's error code, or {@code ""} if the answer had none */
    public String code() {
        return code;
    }
}
