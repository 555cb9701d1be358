package dev.boxccg.cli;

import dev.boxccg.impl.config.BoxCcgConfigReader;
import dev.boxccg.impl.config.BoxCcgKeys;
import org.eclipse.microprofile.config.Config;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code box-ccg check [--config NAME] [--as-user ID | --downscope SCOPES [--resource URL]] [--simulator]}: checks a Box app's Client Credentials Grant setup through
 * box-ccg, as it runs in a server, and says what works or what to change; {@code box-ccg simulator ...}: runs a local
 * Box simulator until stopped. See {@link Help} for the usage.
 *
 * <p>Everything it reads comes in through {@link #run}: the arguments, the environment variables (MicroProfile Config's
 * environment source is made from them), and the streams it writes to; so it can be run in-process. It never prints
 * the client secret or a token.
 */
public final class BoxCcgCommand {

    private final StopSignal stopSignal;

    /** A command whose {@code simulator} runs until Ctrl-C or SIGTERM, then ends the process with exit code 0. */
    public BoxCcgCommand() {
        this(new ShutdownSignal());
    }

    /** @param stopSignal tells {@code simulator} when to stop */
    BoxCcgCommand(StopSignal stopSignal) {
        this.stopSignal = stopSignal;
    }

    /**
     * @param args        the command line, for example {@code check --config hr}
     * @param environment the environment variables
     * @param out         the report of a successful check, and the help
     * @param err         the report of a failed check, and usage errors
     * @return the exit code, see {@link ExitCode}
     */
    public int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        int command = args.stream().filter(arg -> !arg.startsWith("-")).findFirst().map(args::indexOf).orElse(-1);
        if (command >= 0 && args.get(command).equals(SimulatorOptions.COMMAND)) {
            List<String> options = new ArrayList<>(args);
            options.remove(command);
            return simulator(options, out, err);
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (Arguments.UsageException e) {
            return usageError(e, err);
        }
        if (arguments.help()) {
            out.print(Help.text());
            return ExitCode.OK.code();
        }
        QuietLogging.apply();
        try {
            return check(arguments, Configs.of(environment), out, err).code();
        } catch (RuntimeException | LinkageError e) {
            err.println("box-ccg failed unexpectedly: " + e);
            e.printStackTrace(err);
            return ExitCode.UNEXPECTED.code();
        }
    }

    private static int usageError(Arguments.UsageException e, PrintStream err) {
        err.println("box-ccg: " + e.getMessage());
        err.println(Help.USAGE);
        err.println("'box-ccg --help' tells more.");
        return ExitCode.USAGE.code();
    }

    /** {@code box-ccg simulator}: runs until the stop signal, then says it stopped. */
    private int simulator(List<String> args, PrintStream out, PrintStream err) {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (Arguments.UsageException e) {
            return usageError(e, err);
        }
        if (options.help()) {
            out.print(Help.simulatorText());
            return ExitCode.OK.code();
        }
        QuietLogging.apply();
        LocalBox box;
        try {
            box = LocalBox.start(options);
        } catch (RuntimeException e) {
            err.println("box-ccg: the Box simulator cannot start on 127.0.0.1"
                    + (options.port() == 0 ? "" : ":" + options.port() + " (is the port in use? --port N, or --port 0"
                    + " for any free port)") + ": " + e);
            return ExitCode.UNEXPECTED.code();
        }
        try (box) {
            box.describe(out);
            stopSignal.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("Box simulator stopped.");
        out.flush();
        stopSignal.stopped();
        return ExitCode.OK.code();
    }

    private static ExitCode check(Arguments arguments, Config config, PrintStream out, PrintStream err) {
        String name = arguments.configuration();
        Check check = new Check(name, arguments.asUser(), arguments.downscope());
        if (!arguments.simulator() && Configs.hasCredentials(config, name)) {
            return report(check.run(config), out, err);
        }
        if (arguments.simulator()) {
            out.println("--simulator: running against the built-in Box simulator");
        } else {
            out.println("No Box credentials found (" + credentialVariables(name)
                    + "): running against the built-in Box simulator");
            otherConfigurations(config, name).forEach(other -> out.println("Note: there are settings for "
                    + BoxCcgKeys.describe(other) + "; check it " + (other.isEmpty() ? "without --config" : "with --config "
                    + other) + "."));
        }
        ExitCode result;
        try (BuiltInSimulator simulator = BuiltInSimulator.start(name, asUserMode(config, name))) {
            result = report(check.run(simulator.config()), out, err);
        }
        String asUser = arguments.asUser();
        if (asUser != null && BuiltInSimulator.users().stream().noneMatch(user -> user.id().equals(asUser))) {
            (result == ExitCode.OK ? out : err).println("The built-in simulator's demo enterprise has no user " + asUser + "; its users are "
                    + BuiltInSimulator.describeUsers() + ": try --as-user " + BuiltInSimulator.DEMO_USER.id() + ".");
        }
        out.println("That was Box's simulator with a demo app, not Box. To check your app, set "
                + variable(name, BoxCcgKeys.CLIENT_ID) + ", " + variable(name, BoxCcgKeys.CLIENT_SECRET) + " and "
                + variable(name, BoxCcgKeys.ENTERPRISE_ID) + " (or " + variable(name, BoxCcgKeys.USER_ID)
                + ") and run the check again.");
        return result;
    }

    /**
     * @return the {@code as-user-mode} set for the configuration (so the simulator's demo app acts as users the way
     * the user's app would), or null if none is set or it cannot be read
     */
    private static String asUserMode(Config config, String name) {
        try {
            return config.getOptionalValue(BoxCcgKeys.key(name, BoxCcgKeys.AS_USER_MODE), String.class)
                    .filter(value -> !value.isBlank()).orElse(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** @return the configurations with settings in the Config other than {@code name}, to point at a forgotten --config */
    private static Set<String> otherConfigurations(Config config, String name) {
        Set<String> names = new TreeSet<>(new BoxCcgConfigReader(config).configuredNames());
        names.remove(name);
        return names;
    }

    private static ExitCode report(Outcome outcome, PrintStream out, PrintStream err) {
        outcome.describe(new Report(outcome.exitCode() == ExitCode.OK ? out : err));
        return outcome.exitCode();
    }

    /** @return {@code BOX_CCG_CLIENT_ID, BOX_CCG_CLIENT_SECRET, BOX_CCG_ENTERPRISE_ID or BOX_CCG_USER_ID} */
    private static String credentialVariables(String name) {
        List<String> variables = Configs.CREDENTIALS.stream().map(property -> variable(name, property)).toList();
        return String.join(", ", variables.subList(0, variables.size() - 1)) + " or "
                + variables.get(variables.size() - 1);
    }

    private static String variable(String name, String property) {
        return Configs.environmentVariable(BoxCcgKeys.key(name, property));
    }
}
