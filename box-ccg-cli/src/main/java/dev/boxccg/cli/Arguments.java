package dev.boxccg.cli;

import dev.boxccg.BoxCalls;
import dev.boxccg.BoxDownscope;
import dev.boxccg.impl.config.BoxCcgKeys;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The command line: {@code check [--config NAME] [--as-user ID | --downscope SCOPES [--resource URL]] [--simulator]}
 * or {@code --help};
 * {@code simulator ...} is {@link SimulatorOptions}'.
 *
 * @param help          print the usage and nothing else
 * @param configuration the configuration to check, {@code ""} for the default one ({@code box.ccg.*})
 * @param simulator     check against the built-in simulator whatever is configured
 * @param asUser        the Box user ID (digits) to act as, or null to check the configuration's own subject
 * @param downscope     the downscoped token to ask for after the check's own token ({@code --downscope}), already
 *                      validated by {@link BoxDownscope}, or null
 */
record Arguments(boolean help, String configuration, boolean simulator, String asUser, BoxDownscope downscope) {

    static final String COMMAND = "check";

    /** @throws UsageException naming what is wrong */
    static Arguments parse(List<String> args) {
        boolean help = false;
        boolean command = false;
        boolean simulator = false;
        String configuration = null;
        String asUser = null;
        String scopes = null;
        String resource = null;
        for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
            String arg = it.next();
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals(COMMAND) && !command) {
                command = true;
            } else if (arg.equals("--simulator")) {
                simulator = true;
            } else if (arg.equals("--config") || arg.startsWith("--config=")) {
                if (configuration != null) {
                    throw new UsageException("--config is given twice");
                }
                if (arg.equals("--config") && !it.hasNext()) {
                    throw new UsageException("--config needs a configuration name, e.g. --config hr for box.ccg.hr.*");
                }
                configuration = arg.equals("--config") ? it.next() : arg.substring("--config=".length());
            } else if (arg.equals("--as-user") || arg.startsWith("--as-user=")) {
                if (asUser != null) {
                    throw new UsageException("--as-user is given twice");
                }
                if (arg.equals("--as-user") && !it.hasNext()) {
                    throw new UsageException("--as-user needs a Box user ID, e.g. --as-user 20000000002");
                }
                asUser = arg.equals("--as-user") ? it.next() : arg.substring("--as-user=".length());
                try {
                    BoxCalls.checkUserId(asUser);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--as-user: " + e.getMessage() + ", e.g. --as-user 20000000002 (Admin"
                            + " Console > Users and Groups shows a user's ID)");
                }
            } else if (arg.equals("--downscope") || arg.startsWith("--downscope=")) {
                if (scopes != null) {
                    throw new UsageException("--downscope is given twice; give all scopes at once, e.g. --downscope"
                            + " item_read,item_preview");
                }
                if (arg.equals("--downscope") && !it.hasNext()) {
                    throw new UsageException("--downscope needs Box scopes, e.g. --downscope item_read,item_preview");
                }
                scopes = arg.equals("--downscope") ? it.next() : arg.substring("--downscope=".length());
            } else if (arg.equals("--resource") || arg.startsWith("--resource=")) {
                if (resource != null) {
                    throw new UsageException("--resource is given twice");
                }
                if (arg.equals("--resource") && !it.hasNext()) {
                    throw new UsageException("--resource needs the full API URL of an item, e.g. --resource"
                            + " https://api.box.com/2.0/folders/123456");
                }
                resource = arg.equals("--resource") ? it.next() : arg.substring("--resource=".length());
            } else {
                throw new UsageException(arg.startsWith("-") ? "unknown option " + arg : "unexpected argument '" + arg
                        + "'");
            }
        }
        if (help) {
            return new Arguments(true, "", false, null, null);
        }
        if (!command) {
            throw new UsageException("no command: the commands are '" + COMMAND + "' and '"
                    + SimulatorOptions.COMMAND + "'");
        }
        String name = configuration == null ? BoxCcgKeys.DEFAULT_NAME : configuration;
        try {
            BoxCcgKeys.describe(name); // validates the name
        } catch (IllegalArgumentException e) {
            throw new UsageException("--config: " + e.getMessage());
        }
        return new Arguments(false, name, simulator, asUser, downscope(scopes, resource, asUser));
    }

    /**
     * @param scopes   {@code --downscope}: Box scopes separated by commas or spaces, or null
     * @param resource {@code --resource}, or null
     * @return the downscope, validated by {@link BoxDownscope} before anything is sent, or null without --downscope
     */
    private static BoxDownscope downscope(String scopes, String resource, String asUser) {
        if (scopes == null) {
            if (resource != null) {
                throw new UsageException("--resource goes with --downscope, e.g. --downscope item_read --resource"
                        + " https://api.box.com/2.0/folders/123456");
            }
            return null;
        }
        if (asUser != null) {
            throw new UsageException("--downscope and --as-user cannot be combined (Box does not let As-User widen a"
                    + " downscoped token); check each on its own");
        }
        List<String> names = Arrays.stream(scopes.split("[,\\s]+")).filter(name -> !name.isEmpty()).toList();
        BoxDownscope downscope;
        try {
            downscope = BoxDownscope.of(names);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--downscope: " + e.getMessage());
        }
        try {
            return resource == null ? downscope : downscope.forResource(resource);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--resource: " + e.getMessage());
        }
    }

    /** The command line cannot be understood. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
