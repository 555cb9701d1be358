package dev.boxccg.cli;

import java.util.List;

/** {@code java -jar box-ccg-cli.jar check ...}; see {@link BoxCcgCommand}. */
public final class BoxCcgCli {

    private BoxCcgCli() {
    }

    public static void main(String[] args) {
        System.exit(new BoxCcgCommand().run(List.of(args), System.getenv(), System.out, System.err));
    }
}
