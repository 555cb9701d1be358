package dev.boxccg.impl.cdi;

import dev.boxccg.BoxAuthenticated;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** REST client interfaces for Box's API as users declare them. */
final class BoxApis {

    private BoxApis() {
    }

    static Class<?>[] with(Class<?>... beans) {
        Class<?>[] all = {Users.class, Unauthenticated.class, MethodOnly.class, Raw.class};
        Class<?>[] result = java.util.Arrays.copyOf(beans, beans.length + all.length);
        System.arraycopy(all, 0, result, beans.length, all.length);
        return result;
    }

    @RegisterRestClient(configKey = "box")
    @BoxAuthenticated
    @Path("/2.0")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Users {
        @GET
        @Path("/users/me")
        JsonObject me();

        @BoxAuthenticated("hr")
        @GET
        @Path("/users/me")
        JsonObject meAsHr();
    }

    /** Not annotated: box-ccg must leave it alone. */
    @RegisterRestClient(configKey = "box")
    @Path("/2.0")
    public interface Unauthenticated {
        @GET
        @Path("/users/me")
        Response me();
    }

    /** Only one method annotated. */
    @RegisterRestClient(configKey = "box")
    @Path("/2.0")
    @Produces(MediaType.APPLICATION_JSON)
    public interface MethodOnly {
        @BoxAuthenticated("hr")
        @GET
        @Path("/users/me")
        JsonObject meAsHr();

        @GET
        @Path("/users/me")
        Response meWithoutToken();
    }

    /** Returns the Response itself, so a 401 is a value, not an exception. */
    @RegisterRestClient(configKey = "box")
    @BoxAuthenticated
    @Path("/2.0")
    public interface Raw {
        @GET
        @Path("/users/me")
        Response me();
    }
}
