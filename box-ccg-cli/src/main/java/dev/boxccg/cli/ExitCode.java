package dev.boxccg.cli;

/** What {@code box-ccg} exits with; {@code --help} lists them from here. */
enum ExitCode {

    OK(0, "Box issued a token and GET /2.0/users/me succeeded with it (as the --as-user user, if given);"
            + " with --downscope, Box also downscoped it and the folder listing with it, if tried, succeeded"),
    UNEXPECTED(1, "box-ccg itself failed (a bug, or the build failed); the message says what happened"),
    CONFIGURATION(2, "the configuration is missing or invalid (an enterprise-id or user-id that is not digits too);"
            + " every faulty key is named"),
    REFUSED(3, "Box's token endpoint refused the credentials (a 4xx such as invalid_grant, invalid_client) or did"
            + " not answer with a token; with --as-user in user-token mode, also a refused token for the user; with"
            + " --downscope, also Box refusing the token exchange (invalid_scope, invalid_resource, ...)"),
    UNREACHABLE(4, "Box's token endpoint was unreachable or kept failing (network, timeout, 5xx, 429) until the"
            + " retry deadline"),
    API_FAILED(5, "Box issued a token, but the API call with it failed; with --as-user, also Box refusing the"
            + " As-User header (403) or not knowing the user (404); with --downscope, also the folder listing with the"
            + " downscoped token failing"),
    USAGE(64, "usage error: unknown command, option or argument, an --as-user ID that is not digits, or a --downscope"
            + " scope that is not one of Box's 14 (nothing is sent then)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    int code() {
        return code;
    }

    String meaning() {
        return meaning;
    }
}
