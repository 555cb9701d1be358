package dev.boxccg.cli;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.impl.config.BoxAppConfiguration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code check --downscope SCOPES [--resource URL]}, after the check's own call succeeded: asks the configuration's
 * {@link BoxTokenProvider#downscoped} for a downscoped token and, if one of its scopes allows listing a folder, lists
 * {@code GET /2.0/folders/ID/items} (folder 0, or the folder of the resource) with that token. The listing is a plain
 * JDK HTTP call carrying the downscoped token's Authorization header: the check's {@code @BoxAuthenticated} REST
 * client would send the configuration's own token.
 */
final class DownscopeCheck {

    /** The scopes that let a downscoped token list a folder, in Box's order. */
    static final List<String> LISTING = List.of("base_explorer", "base_picker", "item_read");

    private static final Pattern FOLDER = Pattern.compile("/2\\.0/folders/([0-9]+)/?");

    private DownscopeCheck() {
    }

    /**
     * @param checked the check's own call, which succeeded
     * @param tokens  the configuration's provider, whose token is downscoped
     */
    static Outcome run(Outcome.Success checked, BoxTokenProvider tokens, BoxDownscope downscope, ApiUrl api) {
        BoxAccessToken token;
        try {
            token = tokens.downscoped(downscope);
        } catch (BoxAuthenticationException refused) {
            return new Outcome.DownscopeRefused(checked, downscope, refused, lacking(refused, tokens, downscope));
        }
        String notListed = whyNotListed(downscope);
        if (notListed != null) {
            return new Outcome.Downscoped(checked, downscope, token, null, notListed);
        }
        String folder = downscope.resource().map(DownscopeCheck::folderOf).orElse("0");
        URI url = URI.create(api.value().replaceAll("/+$", "") + "/2.0/folders/" + folder + "/items");
        BoxAppConfiguration app = checked.app();
        HttpResponse<String> response;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(app.settings().connectTimeout()).build();
            response = client.send(HttpRequest.newBuilder(url).GET()
                    .header("Authorization", token.authorizationHeader())
                    .header("Accept", "application/json")
                    .timeout(app.settings().readTimeout()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Outcome.DownscopedListFailed(checked, downscope, token, url, 0, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.DownscopedListFailed(checked, downscope, token, url, 0, null, "interrupted");
        }
        if (response.statusCode() != 200) {
            return new Outcome.DownscopedListFailed(checked, downscope, token, url, response.statusCode(),
                    Outcome.ApiFailed.boxError(response.body()).orElse(null), null);
        }
        return new Outcome.Downscoped(checked, downscope, token, url, entries(response.body()));
    }

    /** @return why the downscoped token is not used to list a folder, or null if it is */
    private static String whyNotListed(BoxDownscope downscope) {
        if (downscope.scopes().stream().noneMatch(LISTING::contains)) {
            return "not tried: none of " + String.join(", ", LISTING) + " (the scopes that list a folder) was asked"
                    + " for";
        }
        if (downscope.resource().isPresent() && folderOf(downscope.resource().get()) == null) {
            return "not tried: the token is restricted to " + downscope.resource().get() + ", which is not a folder";
        }
        return null;
    }

    /** @return the folder ID of a resource {@code .../2.0/folders/ID}, or null */
    static String folderOf(String resource) {
        String path = URI.create(resource).getPath(); // BoxDownscope checked that it parses
        Matcher folder = FOLDER.matcher(path == null ? "" : path);
        return folder.matches() ? folder.group(1) : null;
    }

    /**
     * Box's {@code invalid_scope} does not say which scope the app lacks: with several scopes asked for, each is
     * asked for alone to find out.
     *
     * @return the scopes Box refused because the app does not hold them; empty if that was not the refusal, or if
     * asking for each alone named none
     */
    private static List<String> lacking(BoxAuthenticationException refused, BoxTokenProvider tokens,
                                        BoxDownscope downscope) {
        if (!isMissingScope(refused)) {
            return List.of();
        }
        if (downscope.scopes().size() == 1) {
            return List.copyOf(downscope.scopes());
        }
        List<String> lacking = new ArrayList<>();
        for (String scope : downscope.scopes()) {
            BoxDownscope alone = BoxDownscope.of(scope);
            try {
                tokens.downscoped(downscope.resource().map(alone::forResource).orElse(alone));
            } catch (BoxAuthenticationException e) {
                if (isMissingScope(e)) {
                    lacking.add(scope);
                }
            }
        }
        return lacking;
    }

    /** @return whether Box refused a scope the token being downscoped lacks (401 invalid_scope), not an unknown one */
    static boolean isMissingScope(BoxAuthenticationException refused) {
        return !refused.isTransient() && refused.error().filter("invalid_scope"::equals).isPresent()
                && refused.status() != 400;
    }

    /** @return for example {@code 3 entries (total_count 3)} */
    private static String entries(String body) {
        Optional<jakarta.json.JsonObject> json = Outcome.ApiFailed.json(body);
        if (json.isEmpty()) {
            return "answered 200";
        }
        jakarta.json.JsonArray entries = json.get().getJsonArray("entries");
        String count = entries == null ? "?" : Integer.toString(entries.size());
        return count + " entries (total_count " + Outcome.Success.text(json.get(), "total_count") + ")";
    }
}
