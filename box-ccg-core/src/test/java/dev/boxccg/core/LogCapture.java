package dev.boxccg.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log record box-ccg writes, at every level, and every text a test wants scanned for leaks, so a test
 * can assert that no secret or token appears in any of them.
 */
final class LogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.boxccg");
    private final Level previousLevel = logger.getLevel();
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture() {
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Adds a text (a message, a toString) to scan. */
    void add(String text) {
        texts.add(text);
    }

    /** Adds everything a user might print of an exception: message, toString, hint, description, its causes'. */
    void add(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t));
            if (t instanceof dev.boxccg.BoxAuthenticationException box) {
                box.hint().ifPresent(texts::add);
                box.errorDescription().ifPresent(texts::add);
            }
        }
    }

    List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** @return every captured text and every log record as formatted, its thrown exception included */
    List<String> everything() {
        List<String> all = new ArrayList<>();
        synchronized (texts) {
            all.addAll(texts);
        }
        SimpleFormatter formatter = new SimpleFormatter();
        for (LogRecord record : records()) {
            all.add(formatter.format(record));
        }
        return all;
    }

    /** @return the texts containing any of the given secrets, each with the secret replaced, for a readable failure */
    List<String> leaks(Iterable<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (String text : everything()) {
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(text.replace(secret, "<LEAKED " + secret.length() + " chars>"));
                }
            }
        }
        return leaks;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
