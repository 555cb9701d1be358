package dev.boxccg.it.app;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * An unexpected failure inside the server reaches the test as a 500 naming the exception and its message, so a
 * failed scenario says why without a trip to the server log. box-ccg's exceptions never carry a secret or a token.
 */
@Provider
public class FailureMapper implements ExceptionMapper<RuntimeException> {

    @Override
    public Response toResponse(RuntimeException failure) {
        if (failure instanceof WebApplicationException web) {
            return web.getResponse();
        }
        StringBuilder causes = new StringBuilder();
        for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            causes.append(causes.length() == 0 ? "" : " <- ").append(t.getClass().getName()).append(": ")
                    .append(t.getMessage());
        }
        String body = Json.createObjectBuilder()
                .add("exception", failure.getClass().getName())
                .add("message", String.valueOf(failure.getMessage()))
                .add("causes", causes.toString())
                .build().toString();
        return Response.serverError().type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
