package dev.boxccg.benchmarks.jmh;

import dev.boxccg.BoxAuthenticated;
import dev.boxccg.benchmarks.support.BoxFixture;
import dev.boxccg.benchmarks.support.CdiApp;
import dev.boxccg.benchmarks.support.ConstantBearerFilter;
import dev.boxccg.benchmarks.support.UsersMeServer;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 5: a call through a MicroProfile REST client (Jersey, injected with {@code @RestClient} from Weld SE)
 * to a loopback {@code /2.0/users/me}, authenticated by box-ccg ({@code @BoxAuthenticated}: its filter and its 401
 * interceptor) or by a filter adding a constant header. Same server, same client stack, same JSON.
 *
 * <p>The server is {@link UsersMeServer} (the JDK's HttpServer), not the WireMock-based simulator: the simulator
 * costs about ten times as much per call, which would hide any client-side difference. The token itself comes from
 * the simulator, once.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmark {

    static final String CONFIG_KEY = "users-me";

    @RegisterRestClient(configKey = CONFIG_KEY)
    @BoxAuthenticated
    @Path("/2.0")
    @Produces(MediaType.APPLICATION_JSON)
    public interface BoxAuthenticatedUsers {
        @GET
        @Path("/users/me")
        JsonObject me();
    }

    @RegisterRestClient(configKey = CONFIG_KEY)
    @RegisterProvider(ConstantBearerFilter.class)
    @Path("/2.0")
    @Produces(MediaType.APPLICATION_JSON)
    public interface ConstantHeaderUsers {
        @GET
        @Path("/users/me")
        JsonObject me();
    }

    @State(Scope.Benchmark)
    public static class Clients {
        BoxFixture box;
        UsersMeServer server;
        CdiApp app;
        BoxAuthenticatedUsers ours;
        ConstantHeaderUsers constant;

        @Setup(Level.Trial)
        public void start() {
            box = BoxFixture.start();
            server = UsersMeServer.start(2);
            Map<String, String> config = box.config();
            config.put(CONFIG_KEY + "/mp-rest/url", server.baseUrl().toString());
            app = CdiApp.start(config, BoxAuthenticatedUsers.class, ConstantHeaderUsers.class);
            ours = app.select(BoxAuthenticatedUsers.class, RestClient.LITERAL);
            constant = app.select(ConstantHeaderUsers.class, RestClient.LITERAL);
            ours.me(); // fetches and caches the token
            constant.me();
        }

        @TearDown(Level.Trial)
        public void stop() {
            box.closeAfterWarmRun(app, server);
        }
    }

    @Benchmark
    public JsonObject ours(Clients clients) {
        return clients.ours.me();
    }

    @Benchmark
    public JsonObject constantHeader(Clients clients) {
        return clients.constant.me();
    }
}
