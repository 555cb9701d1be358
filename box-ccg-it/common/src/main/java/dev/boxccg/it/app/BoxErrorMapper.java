package dev.boxccg.it.app;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.io.StringReader;

/**
 * Reads Box's error body ({@code code}, {@code message}) of a 4xx or 5xx answer into a {@link BoxApiError}, while
 * the answer is still open: a REST client's caller otherwise gets only the status. A 401 is left to the default
 * mapper, as box-ccg's 401 retry expects (it would handle this exception too: it is a
 * {@code WebApplicationException} with the status).
 */
public class BoxErrorMapper implements ResponseExceptionMapper<BoxApiError> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400 && status != 401;
    }

    @Override
    public BoxApiError toThrowable(Response response) {
        String code = "";
        String message = "";
        try {
            response.bufferEntity();
            String body = response.readEntity(String.class);
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                JsonObject error = reader.readObject();
                code = error.getString("code", "");
                message = error.getString("message", "");
            }
        } catch (RuntimeException notABoxError) {
            message = "no Box error body: " + notABoxError;
        }
        return new BoxApiError(response.getStatus(), code, message);
    }
}
