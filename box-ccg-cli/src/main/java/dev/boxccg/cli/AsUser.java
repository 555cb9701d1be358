package dev.boxccg.cli;

import dev.boxccg.BoxCalls;
import dev.boxccg.BoxSubject;
import dev.boxccg.impl.config.AsUserMode;
import dev.boxccg.impl.config.BoxAppConfiguration;
import dev.boxccg.impl.config.BoxCcgKeys;

/**
 * {@code check --as-user ID}: the user the check's call acts as ({@link BoxCalls#asUser}), in the configuration's
 * {@code as-user-mode}, and what to change in Box when Box refuses it.
 *
 * @param userId the Box user ID, digits
 * @param mode   the configuration's {@code as-user-mode}
 */
record AsUser(String userId, AsUserMode mode) {

    private static final String RE_AUTHORIZE = "then have an admin re-authorize the app (Admin Console > Apps >"
            + " Platform Apps Manager): Box applies a change of these settings only after that";

    /** @return the user and the mode the configuration names */
    static AsUser of(String userId, BoxAppConfiguration app) {
        return new AsUser(BoxCalls.checkUserId(userId), app.asUserMode());
    }

    boolean userToken() {
        return mode == AsUserMode.USER_TOKEN;
    }

    /** @return for the report's "as-user mode" line */
    String describeMode(String configuration) {
        String key = BoxCcgKeys.key(configuration, BoxCcgKeys.AS_USER_MODE);
        return userToken()
                ? mode + " (" + key + "): a token for user " + userId + " (box_subject_type=user), no As-User header"
                : mode + " (" + key + "): the configuration's own token with the header As-User: " + userId;
    }

    /** @return the subject line: whom the token that was sent acts as, and how the user was named */
    String describeToken(BoxSubject tokenSubject) {
        return userToken()
                ? Report.subject(tokenSubject) + " (the user's own token)"
                : Report.subject(tokenSubject) + ", sent with As-User: " + userId;
    }

    /** @return what to change when Box's token endpoint refused the user's token (user-token mode) */
    String tokenRefusedHint(String configuration) {
        return "Box refused a token for user " + userId + " (box_subject_type=user). In the Developer Console turn on"
                + " \"Generate user access tokens\" (Configuration > Advanced Features); for a managed user the App"
                + " Access Level must also be \"App + Enterprise Access\" (Configuration > App Access Level); "
                + RE_AUTHORIZE + ". Check too that " + userId + " is a user of the app's enterprise (Admin Console >"
                + " Users and Groups), and the app's credentials alone with 'box-ccg check"
                + (configuration.isEmpty() ? "" : " --config " + configuration) + "' (without --as-user).";
    }

    /** @return what to change when the API refused the call as the user, or null to keep the general hint */
    String apiRefusedHint(int status, BoxAppConfiguration app) {
        if (userToken()) {
            return null; // the user's own token: nothing particular to acting as a user
        }
        if (status == 403) {
            String ownToken = app.subject().type() == BoxSubject.Type.USER
                    ? " The As-User header needs the service account's token: configure " + BoxCcgKeys.key(app.name(),
                    BoxCcgKeys.ENTERPRISE_ID) + " (not " + BoxCcgKeys.key(app.name(), BoxCcgKeys.USER_ID)
                    + "), or use " + BoxCcgKeys.key(app.name(), BoxCcgKeys.AS_USER_MODE) + "=user-token."
                    : "";
            return "Box does not let the app act as user " + userId + " with the As-User header. In the Developer"
                    + " Console turn on \"Perform Actions as Users\" (Configuration > Advanced Features) and set the"
                    + " App Access Level to \"App + Enterprise Access\" (Configuration); " + RE_AUTHORIZE
                    + ". The target may not be the app's own service account." + ownToken;
        }
        if (status == 404) {
            return "Box found no user " + userId + " for the app: the ID is wrong, or " + userId + " is not a user of"
                    + " the app's enterprise (Admin Console > Users and Groups shows a user's ID). The target must be a"
                    + " managed user or an app user of that enterprise, not the app's own service account. (Should 'box-ccg"
                    + " check' without --as-user answer 404 too, " + ApiUrl.URL_KEY + " is not Box's API.)";
        }
        return null;
    }
}
