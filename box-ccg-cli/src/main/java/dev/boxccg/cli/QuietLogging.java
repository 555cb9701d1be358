package dev.boxccg.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the libraries' INFO and WARNING logging (Weld's start and stop, Jersey's missing optional providers, through
 * java.util.logging) out of the check's output: the report says what happened. Only SEVERE gets through; box-ccg's own
 * WARNINGs (a failed renewal, say) do too, its INFO lines (where renewals run) do not. Loggers are held here, as
 * java.util.logging keeps only weak references to them.
 */
final class QuietLogging {

    private static final List<String> LIBRARIES = List.of("org.jboss.weld", "org.glassfish", "io.smallrye",
            "org.eclipse.yasson", "org.eclipse.parsson");
    private static final List<Logger> SILENCED = new ArrayList<>();

    private QuietLogging() {
    }

    static synchronized void apply() {
        if (SILENCED.isEmpty()) {
            for (String name : LIBRARIES) {
                silence(name, Level.SEVERE);
            }
            silence("dev.boxccg", Level.WARNING);
        }
    }

    private static void silence(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        SILENCED.add(logger);
    }
}
