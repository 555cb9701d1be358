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
