package dev.boxccg.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The text of {@code box-ccg --help}. */
final class Help {

    static final String USAGE = "Usage: box-ccg check [--config NAME] [--as-user ID] [--simulator]\n"
            + "       box-ccg check [--config NAME] --downscope SCOPES [--resource URL] [--simulator]\n"
            + "       box-ccg simulator [--port N] [--client-id ID] [--client-secret SECRET] [--enterprise-id ID]\n"
            + "                         [--user ID[:NAME[:LOGIN]]]... [--perform-actions-as-users]\n"
            + "                         [--app-access-only] [--scopes SCOPES] [--token-lifetime DURATION]\n"
            + "       box-ccg simulator [--port N] [--token-lifetime DURATION] --file APPS.properties\n"
            + "       box-ccg --help";

    static final String SIMULATOR = """
            box-ccg simulator: runs a local Box, box-ccg-testkit's Box simulator, over HTTP on 127.0.0.1 (never on
            other interfaces) until Ctrl-C or SIGTERM, so an application on this machine can be pointed at it. It
            registers one app, from the options, or the apps of a file, and prints the simulator's URLs and each
            app's settings as MicroProfile Config properties and as environment variables, with its console
            settings (acting as users, access level, scopes). Its token endpoint, GET /2.0/users/me and GET
            /2.0/folders/{id}/items answer as Box does; it keeps nothing when it stops.

            Options:
              --port N                 the port on 127.0.0.1; default 8090, 0 for any free port
              --client-id ID           the app's client ID; default box-ccg-demo
              --client-secret SECRET   its secret; default box-ccg-demo-secret (a demo value for the simulator,
                                       not a Box secret, so it is printed)
              --enterprise-id ID       its enterprise, whose service account enterprise tokens act as; default
                                       1234567
              --user ID[:NAME[:LOGIN]] a user of the enterprise the app may get tokens for (box.ccg.user-id=ID);
                                       repeatable; e.g. --user "5678:Ada Lovelace:ada@example.com"
              --perform-actions-as-users
                                       the console's "Perform Actions as Users": calls with the service
                                       account's token and As-User: ID act as that user; default off, as in
                                       Box's console (then As-User gets 403)
              --app-access-only        "App Access Only" instead of the default "App + Enterprise Access"
                                       (then As-User gets 403)
              --scopes SCOPES          the scopes the app's tokens hold, the most a downscoped token may ask
                                       for: comma or space separated, of Box's 14 (box-ccg --help lists them
                                       under --downscope), e.g. item_read,item_preview; default all 14
              --token-lifetime D       how long tokens live, e.g. 30s, 5m, 1h; default 60m
              --file FILE              several apps from a file instead of the seven app options above, one
                                       key=value a line (# starts a comment line):
                                         app.NAME.client-id=...       required
                                         app.NAME.client-secret=...   required
                                         app.NAME.enterprise-id=...   required
                                         app.NAME.users=ID:NAME:LOGIN,ID:NAME:LOGIN   optional
                                         app.NAME.perform-actions-as-users=true|false   default false
                                         app.NAME.app-and-enterprise-access=true|false  default true
                                         app.NAME.scopes=item_read,item_preview,...     default all 14
                                       NAME (letters, digits, _ and -) is the box-ccg configuration the app's
                                       settings are printed for: box.ccg.NAME.*, or box.ccg.* for NAME default.
              -h, --help               print this help

            Exits 0 when stopped with Ctrl-C or SIGTERM, 1 if it cannot start (say, the port is in use), 64 for a
            usage error.
            """;

    private Help() {
    }

    static String text() {
        String exitCodes = Arrays.stream(ExitCode.values())
                .map(code -> String.format("  %-4d%s", code.code(), code.meaning()))
                .collect(Collectors.joining("\n"));
        return USAGE + "\n\n" + """
                Checks a Box app's Client Credentials Grant setup through box-ccg, the way box-ccg runs in a server:
                a CDI container (Weld) with box-ccg, MicroProfile Config (SmallRye), and a MicroProfile REST client
                (Jersey) annotated @BoxAuthenticated that calls GET /2.0/users/me with a token box-ccg obtained.
                Prints whom the app is authenticated as, the token's lifetime, restrictions and fingerprint, and the
                URLs used; or Box's error and what to change in the Box Developer or Admin Console. Never prints the
                client secret or a token.

                Options:
                  --config NAME  check the named configuration box.ccg.NAME.* instead of the default box.ccg.*
                  --as-user ID   check that the app can act as the user ID (digits): GET /2.0/users/me runs inside
                                 BoxCalls.asUser(ID, ...) in the configuration's as-user-mode (header, the default:
                                 its token and As-User: ID; user-token: a token for the user) and must answer that
                                 user. If Box refuses, it says which setting to change ("Perform Actions as Users",
                                 "App + Enterprise Access", "Generate user access tokens") and that an admin must
                                 re-authorize the app. The simulator's demo enterprise has the user 20000000002.
                  --downscope SCOPES  after the check, downscope its token with BoxTokenProvider.downscoped(...)
                                 to these scopes, comma or space separated, of Box's 14: annotation_edit,
                                 annotation_view_all, annotation_view_self, base_explorer, base_picker,
                                 base_preview, base_upload, item_delete, item_download, item_preview,
                                 item_rename, item_share, item_upload, item_read. If one of them lists folders
                                 (item_read, base_explorer, base_picker), GET /2.0/folders/0/items (or the
                                 --resource folder's) with the downscoped token proves it. Prints the scopes granted
                                 (restricted_to), the resource, the expiry and the fingerprint. An unknown scope is
                                 a usage error (64), nothing sent; a scope the app lacks (exit 3) is named, to add
                                 under Developer Console > Configuration > Application Scopes, then an admin must
                                 re-authorize the app. Not with --as-user.
                  --resource URL with --downscope: restrict the token to one item, by its full API URL, e.g.
                                 https://api.box.com/2.0/folders/123456 (the root folder is 0); Box's
                                 invalid_resource (exit 3) means it is not an item the app can see.
                  --simulator    check against the built-in Box simulator with a demo app, whatever is configured
                  -h, --help     print this help

                Configuration: the MicroProfile Config keys box-ccg reads in a server, here from environment variables
                (MicroProfile Config's mapping: every character but letters and digits becomes _, upper case) or Java
                system properties (java -Dkey=value -jar box-ccg-cli/target/box-ccg-cli.jar check). With --config NAME
                the keys are box.ccg.NAME.* and the variables BOX_CCG_NAME_*.
                  box.ccg.client-id       BOX_CCG_CLIENT_ID       the app's Client ID (Developer Console > Configuration)
                  box.ccg.client-secret   BOX_CCG_CLIENT_SECRET   the app's Client Secret
                  box.ccg.enterprise-id   BOX_CCG_ENTERPRISE_ID   act as the enterprise's service account, or
                  box.ccg.user-id         BOX_CCG_USER_ID         act as this user (exactly one of the two)
                  box.ccg.token-url       BOX_CCG_TOKEN_URL       default https://api.box.com/oauth2/token
                  box.ccg.as-user-mode    BOX_CCG_AS_USER_MODE    how --as-user acts: header (default) or user-token
                  box/mp-rest/url         BOX_MP_REST_URL         Box's API for the REST client, default https://api.box.com
                  and, optional: refresh-ahead, connect-timeout, read-timeout, retry.initial-backoff,
                  retry.max-backoff, retry.deadline (e.g. 30s, 500ms), retry.max-attempts, allow-insecure-token-url.
                If none of client-id, client-secret, enterprise-id and user-id is set for the configuration, the check
                runs against the built-in Box simulator (as with --simulator) and says so.

                Box's IDs are digits: an enterprise-id or user-id that is not (say, the placeholder ...) is a
                configuration error (exit 2) and an --as-user ID that is not is a usage error (exit 64); nothing is
                sent to Box then.

                Exit codes of check:
                """ + exitCodes + "\n\n" + SIMULATOR;
    }

    /** @return the text of {@code box-ccg simulator --help} */
    static String simulatorText() {
        return USAGE + "\n\n" + SIMULATOR;
    }
}
