package dev.boxccg.it.app;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxApp;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxCalls;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxTenants;
import dev.boxccg.BoxTokenProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Exercises box-ccg inside the server and answers JSON ({@code <context root>/api/box/...}). Each answer is built as
 * text, so the server needs no JSON provider for the resource's own answers.
 *
 * <p>Answers about a token carry its subject, expiry and fingerprint, never its value. Answers about a call to Box
 * carry {@code status} (200, or the status of the {@link WebApplicationException} the REST client threw), for 200
 * the user's {@code id} and {@code login}, and for Box's error answers read by {@link BoxErrorMapper} its
 * {@code code} and {@code message}.
 *
 * <p>Application scoped, as an application holds its REST clients: the injected {@code @RestClient} beans are
 * {@code @Dependent}, so a request-scoped resource would build (and leave unclosed) five clients per request.
 */
@Path("box")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BoxCcgResource {

    /** The key MicroProfile REST Client reads the clients' base URL from ({@code configKey = "box"}). */
    public static final String BASE_URL_KEY = "box/mp-rest/url";
    public static final String HR_SECRET_KEY = "box.ccg.hr.client-secret";
    public static final String HR_SECRET_VARIABLE = "BOX_CCG_HR_CLIENT_SECRET";

    /** Tokens at least this long-lived are the simulator's normal ones; shorter ones come from a renewal test. */
    private static final Duration LONG_LIVED = Duration.ofMinutes(1);

    @Inject
    BoxTokenProvider tokens;

    @Inject
    @BoxApp("hr")
    BoxTokenProvider hrTokens;

    @Inject
    @BoxApp("asuser")
    BoxTokenProvider asuserTokens;

    @Inject
    @RestClient
    BoxUsers users;

    @Inject
    @RestClient
    ActingUsers actingUsers;

    @Inject
    @RestClient
    UserTokenUsers userTokenUsers;

    @Inject
    @RestClient
    HrUsers hrUsers;

    @Inject
    @RestClient
    PlainUsers plainUsers;

    @Inject
    @BoxApp("customers")
    BoxTokenProvider customerTokens;

    @Inject
    @RestClient
    TenantUsers tenantUsers;

    @Inject
    BoxTenants tenants;

    /**
     * Drops the cached tokens of both configurations, with nothing but {@link BoxTokenProvider#token()} and
     * {@link BoxTokenProvider#invalidate}, so the next scenario starts from an empty cache. Call it while the
     * simulator issues long-lived tokens: a short-lived token may have a background renewal in flight, which would
     * put a token back into the cache after it was dropped; so this repeats until the token it drops is long-lived
     * (then no renewal is due, and none is in flight).
     *
     * @param users users whose tokens (of the default configuration's app, as {@code asuser} gets them) to drop too
     */
    @POST
    @Path("forget")
    public String forget(@QueryParam("user") List<String> users) throws InterruptedException {
        JsonObjectBuilder forgotten = Json.createObjectBuilder();
        for (String user : users) {
            forgotten.add(user, forget(asuserTokens.forUser(user)));
        }
        return Json.createObjectBuilder()
                .add("default", forget(tokens))
                .add("hr", forget(hrTokens))
                .add("users", forgotten)
                .build().toString();
    }

    private static int forget(BoxTokenProvider provider) throws InterruptedException {
        for (int round = 1; round <= 100; round++) {
            BoxAccessToken token = provider.token();
            provider.invalidate(token);
            if (token.lifetime().compareTo(LONG_LIVED) >= 0) {
                return round;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Still short-lived tokens for " + provider.subject()
                + " after 100 rounds: does the simulator issue long-lived tokens again?");
    }

    /** {@code @Inject BoxTokenProvider}: the default configuration's token. */
    @GET
    @Path("token")
    public String token() {
        return describe(tokens).build().toString();
    }

    /** {@code @Inject @BoxApp("hr") BoxTokenProvider}: the named configuration's token. */
    @GET
    @Path("hr/token")
    public String hrToken() {
        return describe(hrTokens).build().toString();
    }

    /**
     * Where MicroProfile Config found {@code box.ccg.hr.client-secret}: the source's name, and whether the server
     * process has it as an environment variable or a system property. Never the value.
     */
    @GET
    @Path("hr/secret-source")
    public String hrSecretSource() {
        ConfigValue secret = ConfigProvider.getConfig().getConfigValue(HR_SECRET_KEY);
        return Json.createObjectBuilder()
                .add("found", secret.getValue() != null && !secret.getValue().isBlank())
                .add("source", String.valueOf(secret.getSourceName()))
                .add("ordinal", secret.getSourceOrdinal())
                .add("inEnvironment", System.getenv(HR_SECRET_VARIABLE) != null)
                .add("inSystemProperties", System.getProperty(HR_SECRET_KEY) != null)
                .build().toString();
    }

    /**
     * A token downscoped from the default configuration's with {@code item_read} and {@code item_preview} on the
     * root folder ({@code <box/mp-rest/url>/2.0/folders/0}), used on {@code GET /2.0/folders/0/items} through a plain
     * JAX-RS client (no box-ccg filter) whose {@code Authorization} header the caller sets. Answers the call's
     * {@code status}, for 200 Box's {@code total_count}, the token's {@code scopes} and {@code restrictedTo}
     * ({@code "scope type id"}), its {@code fingerprint} and the default token's {@code parentFingerprint}; never a token.
     */
    @GET
    @Path("downscoped/folder-items")
    public String downscopedFolderItems() {
        String base = ConfigProvider.getConfig().getValue(BASE_URL_KEY, String.class).replaceAll("/+$", "");
        String folder = base + "/2.0/folders/0";
        BoxAccessToken downscoped = tokens.downscoped(BoxDownscope.of("item_read", "item_preview").forResource(folder));
        Set<String> scopes = new LinkedHashSet<>();
        JsonArrayBuilder restrictedTo = Json.createArrayBuilder();
        for (BoxAccessToken.Restriction restriction : downscoped.restrictedTo()) {
            scopes.add(restriction.scope());
            restrictedTo.add(restriction.scope() + " " + restriction.objectType() + " " + restriction.objectId());
        }
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("scopes", Json.createArrayBuilder(scopes))
                .add("restrictedTo", restrictedTo)
                .add("fingerprint", downscoped.fingerprint())
                .add("parentFingerprint", tokens.token().fingerprint());
        Client client = ClientBuilder.newClient();
        try (Response response = client.target(folder + "/items").request(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, downscoped.authorizationHeader()).get()) {
            String body = response.readEntity(String.class);
            answer.add("status", response.getStatus());
            if (response.getStatus() == 200) {
                try (var reader = Json.createReader(new StringReader(body))) {
                    answer.add("total_count", reader.readObject().getInt("total_count"));
                }
            }
        } finally {
            client.close();
        }
        return answer.build().toString();
    }

    /**
     * {@link BoxTokenProvider#revoke()} on the default configuration's provider; answers the {@code fingerprint} of
     * the token it held before (fetching one if none was cached).
     */
    @POST
    @Path("revoke")
    public String revoke() {
        String fingerprint = tokens.token().fingerprint();
        tokens.revoke();
        return Json.createObjectBuilder().add("revoked", fingerprint).build().toString();
    }

    /** {@code /users/me} through {@code @Inject @RestClient BoxUsers} ({@code @BoxAuthenticated}). */
    @GET
    @Path("me")
    public String me() {
        JsonObjectBuilder answer = call(users::me);
        return answer.add("fingerprint", tokens.token().fingerprint()).build().toString();
    }

    /** {@code /users/me} through {@code @Inject @RestClient HrUsers} ({@code @BoxAuthenticated("hr")}). */
    @GET
    @Path("hr/me")
    public String hrMe() {
        JsonObjectBuilder answer = call(hrUsers::me);
        return answer.add("fingerprint", hrTokens.token().fingerprint()).build().toString();
    }

    /**
     * {@code /users/me} through {@code @Inject @RestClient ActingUsers} (the default configuration, {@code header}
     * mode) inside {@code BoxCalls.asUser(userId, ...)}; {@code fingerprint} is the default configuration's token.
     */
    @GET
    @Path("as-user/{userId}/me")
    public String asUserMe(@PathParam("userId") String userId) {
        JsonObjectBuilder answer = call(() -> BoxCalls.asUser(userId, actingUsers::me));
        return answer.add("fingerprint", tokens.token().fingerprint()).build().toString();
    }

    /** The same with the user as the method's {@code @HeaderParam("As-User")} parameter, no {@code BoxCalls}. */
    @GET
    @Path("as-user-header/{userId}/me")
    public String asUserHeaderMe(@PathParam("userId") String userId) {
        JsonObjectBuilder answer = call(() -> actingUsers.meAs(userId));
        return answer.add("fingerprint", tokens.token().fingerprint()).build().toString();
    }

    /**
     * {@code /users/me} through {@code @Inject @RestClient UserTokenUsers} ({@code @BoxAuthenticated("asuser")},
     * {@code user-token} mode) inside {@code BoxCalls.asUser(userId, ...)}; {@code fingerprint} is the user's token
     * as {@code @BoxApp("asuser")}'s {@code forUser(userId)} holds it.
     */
    @GET
    @Path("user-token/{userId}/me")
    public String userTokenMe(@PathParam("userId") String userId) {
        JsonObjectBuilder answer = call(() -> BoxCalls.asUser(userId, userTokenUsers::me));
        return answer.add("fingerprint", asuserTokens.forUser(userId).token().fingerprint()).build().toString();
    }

    /**
     * A token for {@code userId} from {@code @BoxApp("asuser")}'s {@code forUser(userId)}: its description, or, when
     * Box refuses it (a user Box does not know), {@code refused} with Box's status and error code. Refusals of one
     * user's token leave every other subject's alone, so scenarios may cause one.
     */
    @GET
    @Path("user-token/{userId}/token")
    public String userToken(@PathParam("userId") String userId) {
        try {
            return describe(asuserTokens.forUser(userId)).add("refused", false).build().toString();
        } catch (BoxAuthenticationException e) {
            return Json.createObjectBuilder()
                    .add("refused", true)
                    .add("status", e.status())
                    .add("error", e.error().orElse(""))
                    .build().toString();
        }
    }

    /**
     * {@code /users/me} through {@code @Inject @RestClient TenantUsers} ({@code @BoxAuthenticated("customers")}, a
     * configuration serving tenants) inside {@code BoxCalls.asTenant(tenant, ...)}; {@code fingerprint} is the
     * tenant's token, from {@code @BoxApp("customers") BoxTokenProvider.forTenant(tenant)}.
     */
    /**
     * The tenant's token through {@code forTenant(tenant)}: its {@code fingerprint}, or Box's {@code error} when Box
     * refuses it; and the tenant's {@code label} ({@link BoxTenants#label}), which metrics and health show.
     */
    @GET
    @Path("tenants/{tenant}/token")
    public String tenantToken(@PathParam("tenant") String tenant) {
        JsonObjectBuilder answer = Json.createObjectBuilder();
        try {
            answer.add("status", 200).add("fingerprint", customerTokens.forTenant(tenant).token().fingerprint());
        } catch (BoxAuthenticationException e) {
            answer.add("status", e.status()).add("error", e.error().orElse(""));
        }
        tenants.label(tenant).ifPresent(label -> answer.add("label", label));
        return answer.build().toString();
    }

    @GET
    @Path("tenants/{tenant}/me")
    public String tenantMe(@PathParam("tenant") String tenant) {
        JsonObjectBuilder answer = call(() -> BoxCalls.asTenant(tenant, tenantUsers::me));
        return answer.add("fingerprint", customerTokens.forTenant(tenant).token().fingerprint()).build().toString();
    }

    /** {@code /users/me} through {@code @Inject @RestClient PlainUsers} (not annotated). */
    @GET
    @Path("plain/me")
    public String plainMe() {
        return call(plainUsers::me).build().toString();
    }

    /**
     * {@code /users/me} through a {@code BoxUsers} client made with {@link RestClientBuilder} (no CDI bean). If the
     * call throws a 401 it is made once more, as an application would: {@code statuses} lists what the caller saw,
     * {@code [200]} when the server's REST client retried transparently, {@code [401, 200]} when the 401 surfaced.
     */
    @GET
    @Path("builder/me")
    public String builderMe() throws Exception {
        URI baseUrl = URI.create(ConfigProvider.getConfig().getValue(BASE_URL_KEY, String.class));
        BoxUsers client = RestClientBuilder.newBuilder().baseUri(baseUrl).build(BoxUsers.class);
        try {
            JsonArrayBuilder statuses = Json.createArrayBuilder();
            JsonObjectBuilder answer = Json.createObjectBuilder();
            for (int attempt = 1; attempt <= 2; attempt++) {
                JsonObject result = call(client::me).build();
                int status = result.getInt("status");
                statuses.add(status);
                if (status != 401) {
                    result.forEach(answer::add);
                    break;
                }
            }
            return answer.add("statuses", statuses).build().toString();
        } finally {
            if (client instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private static JsonObjectBuilder call(Supplier<JsonObject> me) {
        try {
            JsonObject user = me.get();
            return Json.createObjectBuilder()
                    .add("status", 200)
                    .add("id", user.getString("id"))
                    .add("login", user.getString("login"));
        } catch (BoxApiError e) {
            return Json.createObjectBuilder()
                    .add("status", e.getResponse().getStatus())
                    .add("code", e.code())
                    .add("message", String.valueOf(e.getMessage()));
        } catch (WebApplicationException e) {
            return Json.createObjectBuilder().add("status", e.getResponse().getStatus());
        }
    }

    private static JsonObjectBuilder describe(BoxTokenProvider provider) {
        BoxAccessToken token = provider.token();
        return Json.createObjectBuilder()
                .add("subject", token.subject().toString())
                .add("fingerprint", token.fingerprint())
                .add("issuedAt", token.issuedAt().toString())
                .add("expiresAt", token.expiresAt().toString());
    }
}
