package dev.boxccg.cli;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxSubject;
import dev.boxccg.impl.config.BoxAppConfiguration;
import dev.boxccg.impl.config.BoxCcgKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.io.StringReader;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a check ended: its exit code and what it tells the person who ran it. Never holds the secret or a token. */
interface Outcome {

    ExitCode exitCode();

    void describe(Report report);

    /**
     * Box issued a token and {@code GET /2.0/users/me} answered with it.
     *
     * @param token  the token the call carried
     * @param asUser the user the call acted as ({@code --as-user}), or null
     */
    record Success(String configuration, BoxAppConfiguration app, BoxAccessToken token, JsonObject me, ApiUrl api,
                   AsUser asUser) implements Outcome {

        @Override
        public ExitCode exitCode() {
            return ExitCode.OK;
        }

        @Override
        public void describe(Report report) {
            if (asUser == null) {
                report.headline("OK: Box issued a token for " + BoxCcgKeys.describe(configuration)
                        + " and GET /2.0/users/me succeeded with it.");
                report.field("authenticated as", user(me));
                report.field("subject", Report.subject(token.subject()));
            } else {
                report.headline("OK: the app can act as user " + asUser.userId() + ": Box issued a token for "
                        + BoxCcgKeys.describe(configuration) + " and GET /2.0/users/me as that user succeeded.");
                report.field("acted as", user(me));
                report.field("as-user mode", asUser.describeMode(configuration));
                report.field("subject", asUser.describeToken(token.subject()));
            }
            report.field("token lifetime", Report.lifetime(token));
            report.field("restrictions", Report.restrictions(token));
            report.field("token", Report.fingerprint(token));
            report.field("token URL", app.settings().tokenUrl());
            report.field("API URL", api.described());
        }

        /** @return {@code Name (login ..., user ID ...)} of Box's User */
        static String user(JsonObject me) {
            return text(me, "name") + " (login " + text(me, "login") + ", user ID " + text(me, "id") + ")";
        }

        static String text(JsonObject json, String name) {
            JsonValue value = json.get(name);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return "(not given)";
            }
            return value.getValueType() == JsonValue.ValueType.STRING ? json.getString(name) : value.toString();
        }
    }

    /** The configuration cannot be used; every problem names its key. */
    record ConfigurationInvalid(String configuration, List<String> problems) implements Outcome {

        private static final Pattern KEY = Pattern.compile("box(\\.ccg\\.[A-Za-z0-9_.-]*[A-Za-z0-9]|/mp-rest/ur[il])");

        @Override
        public ExitCode exitCode() {
            return ExitCode.CONFIGURATION;
        }

        @Override
        public void describe(Report report) {
            report.headline("FAILED: " + BoxCcgKeys.describe(configuration) + " cannot be used:");
            problems.forEach(report::item);
            Set<String> variables = new LinkedHashSet<>();
            for (String problem : problems) {
                Matcher key = KEY.matcher(problem);
                while (key.find()) {
                    variables.add(Configs.environmentVariable(key.group()));
                }
            }
            if (!variables.isEmpty()) {
                report.line("As environment variables: " + String.join(", ", variables) + ".");
            }
        }
    }

    /**
     * Box did not issue a token: it refused (exit 3), or could not be reached or kept failing (exit 4).
     *
     * @param asUser the user the call was to act as ({@code --as-user}), or null; in {@code user-token} mode the
     *               refused token is that user's
     */
    record TokenFailed(String configuration, BoxAppConfiguration app, BoxAuthenticationException failure,
                       AsUser asUser) implements Outcome {

        private boolean usersToken() {
            return asUser != null && asUser.userToken();
        }

        @Override
        public ExitCode exitCode() {
            return failure.isTransient() ? ExitCode.UNREACHABLE : ExitCode.REFUSED;
        }

        @Override
        public void describe(Report report) {
            String status = failure.status() == BoxAuthenticationException.NO_RESPONSE
                    ? "none (no answer)" : Integer.toString(failure.status());
            if (failure.isTransient()) {
                report.headline("FAILED: Box's token endpoint could not be reached or kept failing, for "
                        + BoxCcgKeys.describe(configuration) + ".");
                report.field("what happened", failure.getMessage());
            } else if (usersToken()) {
                report.headline("FAILED: Box's token endpoint refused a token for user " + asUser.userId()
                        + " (--as-user) for " + BoxCcgKeys.describe(configuration) + ".");
            } else {
                report.headline("FAILED: Box's token endpoint refused the token request for "
                        + BoxCcgKeys.describe(configuration) + ".");
            }
            report.field("HTTP status", status);
            failure.error().ifPresent(error -> report.field("error", error));
            failure.errorDescription().ifPresent(description -> report.field("error_description", description));
            if (usersToken() && !failure.isTransient()) {
                report.field("what to change", asUser.tokenRefusedHint(configuration));
            } else {
                failure.hint().filter(hint -> !failure.isTransient() || !failure.getMessage().contains(hint))
                        .ifPresent(hint -> report.field("what to change", hint));
            }
            if (usersToken()) {
                report.field("subject", Report.subject(BoxSubject.user(asUser.userId())) + " (the user's own token)");
                report.field("as-user mode", asUser.describeMode(configuration));
            } else {
                report.field("subject", Report.subject(app.subject()));
                if (asUser != null) {
                    report.field("as-user", "not tried: the configuration's own token, which the As-User header"
                            + " goes with, failed first");
                }
            }
            report.field("client ID", app.settings().clientId());
            report.field("token URL", app.settings().tokenUrl());
        }
    }

    /**
     * Box issued a token, but the API call with it failed.
     *
     * @param sent   the token the call carried; null when Box's API rejected it (401) and box-ccg dropped it
     * @param asUser the user the call acted as ({@code --as-user}), or null
     */
    record ApiFailed(String configuration, BoxAppConfiguration app, BoxAccessToken sent, ApiUrl api,
                     RuntimeException failure, AsUser asUser) implements Outcome {

        @Override
        public ExitCode exitCode() {
            return ExitCode.API_FAILED;
        }

        @Override
        public void describe(Report report) {
            Response response = failure instanceof WebApplicationException web ? web.getResponse() : null;
            report.headline("FAILED: Box issued a token for " + BoxCcgKeys.describe(configuration) + ", but GET "
                    + api.usersMe() + (asUser == null ? "" : " as user " + asUser.userId() + " (--as-user)")
                    + " failed.");
            if (response != null) {
                report.field("HTTP status", response.getStatus() + " " + response.getStatusInfo().getReasonPhrase());
                boxError(response).ifPresent(error -> report.field("Box said", error));
            } else {
                report.field("what happened", describe(failure));
            }
            int status = response == null ? 0 : response.getStatus();
            String asUserHint = asUser == null ? null : asUser.apiRefusedHint(status, app);
            report.field("what to change", asUserHint != null ? asUserHint : hint(status));
            if (asUser == null) {
                report.field("subject", Report.subject(app.subject()));
            } else {
                report.field("as-user mode", asUser.describeMode(configuration));
                report.field("subject", asUser.describeToken(asUser.userToken()
                        ? BoxSubject.user(asUser.userId()) : app.subject()));
            }
            if (sent != null) {
                report.field("token", Report.fingerprint(sent));
            }
            report.field("token URL", app.settings().tokenUrl());
            report.field("API URL", api.described());
        }

        private String hint(int status) {
            String check = "Check that " + ApiUrl.URL_KEY + " (" + Configs.environmentVariable(ApiUrl.URL_KEY)
                    + ") is Box's API, " + RestClientInterfaces.DEFAULT_API_URL;
            if (status == 401) {
                return "The API rejected the token, and a fresh one: the API must belong to the same Box as the token"
                        + " URL. " + check + ", with the default token URL.";
            }
            if (status == 403) {
                return "The API refused the token: check the app's Application Scopes (Developer Console >"
                        + " Configuration) and that an admin re-authorized the app after its last change.";
            }
            if (status == 404) {
                return check + " (without /2.0).";
            }
            return check + ", and that this machine can reach it; Box's status is on status.box.com.";
        }

        private static Optional<String> boxError(Response response) {
            try {
                response.bufferEntity();
                return boxError(response.readEntity(String.class));
            } catch (RuntimeException notBoxJson) {
                return Optional.empty();
            }
        }

        /** @return Box's {@code ClientError} as {@code code "message"}, if the body is one */
        static Optional<String> boxError(String body) {
            return json(body).map(error -> error.getString("code", "?") + " \"" + error.getString("message", "")
                    + "\"");
        }

        /** @return the body as a JSON object, if it is one */
        static Optional<JsonObject> json(String body) {
            try {
                return Optional.of(Json.createReader(new StringReader(body)).readObject());
            } catch (RuntimeException notJson) {
                return Optional.empty();
            }
        }

        private static String describe(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root == failure ? failure.toString() : failure.getClass().getSimpleName() + ": " + root;
        }
    }

    /**
     * {@code --as-user}: the call succeeded, but Box's answer is another user than the one asked for; so whatever
     * answered did not act on the As-User header (or the user's token) as Box does.
     */
    record OtherUser(String configuration, BoxAppConfiguration app, BoxAccessToken token, JsonObject me, ApiUrl api,
                     AsUser asUser) implements Outcome {

        @Override
        public ExitCode exitCode() {
            return ExitCode.API_FAILED;
        }

        @Override
        public void describe(Report report) {
            report.headline("FAILED: GET " + api.usersMe() + " as user " + asUser.userId() + " (--as-user) for "
                    + BoxCcgKeys.describe(configuration) + " answered as another user.");
            report.field("answered as", Success.user(me));
            report.field("what to change", "Box answers with the user acted as; check that " + ApiUrl.URL_KEY + " ("
                    + Configs.environmentVariable(ApiUrl.URL_KEY) + ") is Box's API, "
                    + RestClientInterfaces.DEFAULT_API_URL + ".");
            report.field("as-user mode", asUser.describeMode(configuration));
            report.field("subject", asUser.describeToken(token.subject()));
            report.field("token", Report.fingerprint(token));
            report.field("token URL", app.settings().tokenUrl());
            report.field("API URL", api.described());
        }
    }

    /**
     * {@code --downscope}: the check's call succeeded and Box downscoped its token; if a scope allows it, a folder was
     * listed with the downscoped token.
     *
     * @param checked the check's own call
     * @param token   the downscoped token
     * @param listed  the listing's URL, or null if none was tried
     * @param listing what the listing answered ({@code 3 entries ...}), or why it was not tried
     */
    record Downscoped(Success checked, BoxDownscope downscope, BoxAccessToken token, URI listed, String listing)
            implements Outcome {

        @Override
        public ExitCode exitCode() {
            return ExitCode.OK;
        }

        @Override
        public void describe(Report report) {
            checked.describe(report);
            report.headline("OK: Box downscoped the token to " + downscope.scope() + " (--downscope)"
                    + (listed == null ? "." : " and GET " + listed + " succeeded with the downscoped token."));
            describeDownscope(report, downscope);
            report.field("granted", Report.restrictions(token));
            report.field("token lifetime", Report.lifetime(token));
            report.field("token", Report.fingerprint(token));
            report.field("listing", listed == null ? listing : listing + " (GET " + listed + ")");
        }
    }

    /**
     * {@code --downscope}: the check's call succeeded, but Box did not downscope its token: refused (exit 3), or
     * unreachable or kept failing (exit 4).
     *
     * @param checked the check's own call
     * @param lacking the scopes Box refused because the app does not hold them, if known
     */
    record DownscopeRefused(Success checked, BoxDownscope downscope, BoxAuthenticationException failure,
                            List<String> lacking) implements Outcome {

        @Override
        public ExitCode exitCode() {
            return failure.isTransient() ? ExitCode.UNREACHABLE : ExitCode.REFUSED;
        }

        @Override
        public void describe(Report report) {
            report.headline("FAILED: Box issued a token for " + BoxCcgKeys.describe(checked.configuration())
                    + " and GET /2.0/users/me succeeded with it, but " + (failure.isTransient()
                    ? "the token exchange could not reach Box or kept failing"
                    : "Box refused to downscope it to " + downscope.scope()) + " (--downscope).");
            report.field("HTTP status", failure.status() == BoxAuthenticationException.NO_RESPONSE
                    ? "none (no answer)" : Integer.toString(failure.status()));
            failure.error().ifPresent(error -> report.field("error", error));
            failure.errorDescription().ifPresent(description -> report.field("error_description", description));
            if (failure.isTransient()) {
                report.field("what happened", failure.getMessage());
            }
            String hint = hint();
            if (hint != null) {
                report.field("what to change", hint);
            }
            describeDownscope(report, downscope);
            report.field("subject", Report.subject(checked.token().subject()));
            report.field("parent token", Report.fingerprint(checked.token()));
            report.field("token URL", checked.app().settings().tokenUrl());
        }

        private String hint() {
            String error = failure.error().orElse("");
            if (DownscopeCheck.isMissingScope(failure)) {
                String which = lacking.isEmpty() ? "one of " + downscope.scope()
                        : String.join(", ", lacking);
                return "The app does not hold " + which + ": Box downscopes a token only to scopes the app's own"
                        + " token has. In the Developer Console add " + (lacking.size() > 1 || lacking.isEmpty()
                        ? "them" : "it") + " under Configuration > Application Scopes, then have an admin re-authorize"
                        + " the app (Admin Console > Apps > Platform Apps Manager): Box applies a change of scopes"
                        + " only after that. Or ask only for scopes the app holds.";
            }
            if (error.equals("invalid_scope")) {
                return "Box knows only these 14 scopes: " + String.join(", ", BoxDownscope.SCOPES) + ".";
            }
            if (error.equals("invalid_resource")) {
                return "Box cannot use the resource " + downscope.resource().orElse("(none)") + ": it must be the full"
                        + " API URL of an item the app's " + Report.subject(checked.token().subject()) + " can see,"
                        + " such as https://api.box.com/2.0/files/123456 or https://api.box.com/2.0/folders/123456"
                        + " (the ID as in the item's web address, app.box.com/file/123456; the root folder is 0).";
            }
            return failure.hint().filter(hint -> !failure.isTransient() || !failure.getMessage().contains(hint))
                    .orElse(null);
        }
    }

    /**
     * {@code --downscope}: Box downscoped the token, but listing the folder with it failed.
     *
     * @param status   the HTTP status, 0 if there was no answer
     * @param boxError Box's {@code code "message"}, or null
     * @param problem  what went wrong when there was no answer, or null
     */
    record DownscopedListFailed(Success checked, BoxDownscope downscope, BoxAccessToken token, URI listed, int status,
                                String boxError, String problem) implements Outcome {

        @Override
        public ExitCode exitCode() {
            return ExitCode.API_FAILED;
        }

        @Override
        public void describe(Report report) {
            report.headline("FAILED: Box issued a token for " + BoxCcgKeys.describe(checked.configuration())
                    + " and downscoped it to " + downscope.scope() + " (--downscope), but GET " + listed
                    + " with the downscoped token failed.");
            if (status == 0) {
                report.field("what happened", problem);
            } else {
                report.field("HTTP status", (status + " " + Optional.ofNullable(Response.Status.fromStatusCode(status))
                        .map(Response.Status::getReasonPhrase).orElse("")).strip());
                if (boxError != null) {
                    report.field("Box said", boxError);
                }
            }
            report.field("what to change", hint());
            describeDownscope(report, downscope);
            report.field("granted", Report.restrictions(token));
            report.field("token", Report.fingerprint(token));
            report.field("API URL", checked.api().described());
        }

        private String hint() {
            if (status == 403) {
                return "Box refused the listing with the downscoped token: to list a folder it needs one of "
                        + String.join(", ", DownscopeCheck.LISTING) + " (check \"granted\"), and with --resource the"
                        + " folder listed is that resource; the app's " + Report.subject(checked.token().subject())
                        + " must be able to see the folder (a collaborator on it).";
            }
            if (status == 404) {
                return "Box found no such folder for the token: with --resource, the folder's ID must be that of a"
                        + " folder the app's " + Report.subject(checked.token().subject()) + " can see.";
            }
            return "Check that " + ApiUrl.URL_KEY + " (" + Configs.environmentVariable(ApiUrl.URL_KEY) + ") is Box's"
                    + " API, " + RestClientInterfaces.DEFAULT_API_URL + ", and that this machine can reach it.";
        }
    }

    /** The downscope's request: the scopes asked for and the resource. */
    private static void describeDownscope(Report report, BoxDownscope downscope) {
        report.field("scopes asked", downscope.scope());
        report.field("resource", downscope.resource().orElse("none (any item the token's subject can see)"));
    }
}
