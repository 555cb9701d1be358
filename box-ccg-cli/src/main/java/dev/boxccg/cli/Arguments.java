package dev.boxccg.cli;

import dev.boxccg.BoxCalls;
import dev.boxccg.impl.config.BoxCcgKeys;

import java.util.Iterator;
import java.util.List;

/**
 * The command line: {@code check [--config NAME] [--as-user ID] [--simulator]} or {@code --help};
 * {@code simulator ...} is {@link SimulatorOptions}'.
 *
 * @param help          print the usage and nothing else
 * @param configuration the configuration to check, {@code ""} for the default one ({@code box.ccg.*})
 * @param simulator     check against the built-in simulator whatever is configured
 * @param asUser        the Box user ID (digits) to act as, or null to check the configuration's own subject
 */
record Arguments(boolean help, String configuration, boolean simulator, String asUser) {

    static final String COMMAND = "check";

    /** @throws UsageException naming what is wrong */
    static Arguments parse(List<String> args) {
        boolean help = false;
        boolean command = false;
        boolean simulator = false;
        String configuration = null;
        String asUser = null;
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
            } else {
                throw new UsageException(arg.startsWith("-") ? "unknown option " + arg : "unexpected argument '" + arg
                        + "'");
            }
        }
        if (help) {
            return new Arguments(true, "", false, null);
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
        return new Arguments(false, name, simulator, asUser);
    }

    /** The command line cannot be understood. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
