package dev.boxccg.core;

import dev.boxccg.BoxSubject;

/**
 * What a person should change when Box refuses a Client Credentials Grant, drawn from Box's CCG guide
 * (developer.box.com/guides/authentication/client-credentials) and its common errors page.
 */
final class BoxErrorHints {

    private BoxErrorHints() {
    }

    /**
     * @param error   Box's OAuth2 {@code error}, or null
     * @param status  the HTTP status
     * @param subject the subject the token was requested for
     * @return a hint, never null
     */
    static String hint(String error, int status, BoxSubject subject) {
        if (error != null) {
            switch (error) {
                case "invalid_grant":
                    return invalidGrant(subject);
                case "invalid_client":
                    return "Box does not know this client ID and secret pair. Copy the Client ID and Client Secret again"
                            + " from the Box Developer Console (your app > Configuration > OAuth 2.0 Credentials); the"
                            + " secret can only be viewed with 2FA enabled on your Box account.";
                case "unauthorized_client":
                    return "This app cannot use the Client Credentials Grant. In the Box Developer Console it must be a"
                            + " Custom App (Platform App) using \"Server Authentication (Client Credentials Grant)\";"
                            + " create one, or change the app's authentication method, then have an admin authorize it"
                            + " in the Admin Console (Apps > Platform Apps Manager).";
                case "invalid_request":
                    return "Box found the token request malformed. Check that the client ID, the secret and the "
                            + (subject.type() == BoxSubject.Type.ENTERPRISE ? "enterprise ID" : "user ID")
                            + " are set and contain no stray characters.";
                default:
                    break;
            }
        }
        if (status == 429) {
            return "Box is rate limiting token requests from this app. Tokens are cached and shared; look for many"
                    + " processes or configurations requesting tokens for the same app at once.";
        }
        if (status >= 500) {
            return "Box's token endpoint is failing or unreachable; check status.box.com and retry later.";
        }
        if (status == 401 || status == 403) {
            return "The token endpoint refused the client. Check the client ID and secret in the Box Developer"
                    + " Console, and that the token URL points to Box's token endpoint.";
        }
        return "Check the token URL (Box's is " + BoxCcgSettings.DEFAULT_TOKEN_URL + ") and the app's settings in the"
                + " Box Developer Console.";
    }

    /**
     * What a person should change when Box refuses a token exchange (downscoping), drawn from Box's downscoping guide
     * (developer.box.com/guides/authentication/tokens/downscope).
     *
     * @param error    Box's OAuth2 {@code error}, or null
     * @param status   the HTTP status
     * @param exchange the exchange that was refused
     * @return a hint, never null
     */
    static String exchangeHint(String error, int status, TokenRequest.TokenExchange exchange) {
        String scopes = exchange.downscope().scope();
        boolean link = exchange.downscope().sharedLink().isPresent();
        String target = exchange.downscope().resource().isPresent() ? "the resource"
                : link ? "the item behind the shared link" : "the items";
        if (error != null) {
            switch (error) {
                case "invalid_scope":
                    return "Box refused the scopes " + scopes + ": the app does not hold that scope (Developer"
                            + " Console > Configuration > Application Scopes; an admin must re-authorize the app"
                            + " after a change), or the token being downscoped lacks it. Ask only for scopes the"
                            + " app's own token has.";
                case "invalid_request":
                    return "Box found the token exchange malformed. Give at least one valid scope, a resource as a"
                            + " full API URL (such as https://api.box.com/2.0/files/123456) or a shared link, but"
                            + " not both a shared link and a resource: Box accepts only one of them."
                            + (link ? " Password-protected shared links are not supported." : "");
                case "invalid_grant":
                    return "Box refused the token being downscoped (" + exchange.parent() + "): it may have been"
                            + " revoked or expired at Box, or " + target + " is not accessible to it"
                            + (link ? " (password-protected shared links are not supported)" : "")
                            + ". Invalidate or revoke the provider's token to get a new one, and check that "
                            + exchange.subject() + " can access " + target + ".";
                default:
                    break;
            }
        }
        if (status == 401 || status == 403) {
            return "Box refused to downscope the token to " + scopes + ": Box answers so when the token being"
                    + " downscoped lacks one of the scopes, i.e. the app does not hold that scope (Developer Console >"
                    + " Configuration > Application Scopes), or when " + exchange.subject() + " cannot access "
                    + target + ".";
        }
        return hint(error, status, exchange.subject());
    }

    private static String invalidGrant(BoxSubject subject) {
        String subjectAdvice = subject.type() == BoxSubject.Type.ENTERPRISE
                ? "that the enterprise ID " + subject.id() + " is your app's enterprise (Developer Console > General"
                        + " Settings shows it)"
                : "that the user ID " + subject.id() + " exists in your app's enterprise; for a managed user or an admin"
                        + " the app's App Access Level must be \"App + Enterprise Access\" and \"Generate user access"
                        + " tokens\" must be on (Configuration > Advanced Features); for an app user \"Generate user"
                        + " access tokens\" must be on";
        return "Box refused the grant. Check the client ID and secret (Developer Console > Configuration), "
                + subjectAdvice + ", and that an admin authorized the app in the Admin Console (Apps > Platform"
                + " Apps Manager) and re-authorized it after its last change of settings.";
    }
}
