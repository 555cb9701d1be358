package dev.boxccg.cli;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

/** Writes a check's result: a headline, then one labelled line per fact. Plain text, no colours. */
final class Report {

    private static final String FIELD = "  %-18s %s%n";

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void headline(String text) {
        out.println(text);
    }

    void field(String label, Object value) {
        out.printf(FIELD, label, value);
    }

    void item(String text) {
        out.println("  - " + text);
    }

    void line(String text) {
        out.println("  " + text);
    }

    /** @return {@code enterprise 1234 (the enterprise's service account)} or {@code user 5678} */
    static String subject(BoxSubject subject) {
        return subject.type() == BoxSubject.Type.ENTERPRISE
                ? subject + " (the enterprise's service account)"
                : subject.toString();
    }

    /** @return for example {@code 60 min, expires 2026-11-22T13:05:00Z} */
    static String lifetime(BoxAccessToken token) {
        return minutes(token.lifetime()) + ", expires " + token.expiresAt().truncatedTo(ChronoUnit.SECONDS);
    }

    /** @return {@code none}, or each restriction as {@code scope on type id} */
    static String restrictions(BoxAccessToken token) {
        if (token.restrictedTo().isEmpty()) {
            return "none";
        }
        return token.restrictedTo().stream()
                .map(r -> r.objectType() == null ? r.scope() : r.scope() + " on " + r.objectType() + " " + r.objectId())
                .collect(Collectors.joining(", "));
    }

    /** @return for example {@code fingerprint 3f2a9c0d1b7e} */
    static String fingerprint(BoxAccessToken token) {
        return "fingerprint " + token.fingerprint() + " (the token itself is never shown)";
    }

    static String minutes(Duration duration) {
        long seconds = duration.toSeconds();
        long minutes = seconds / 60;
        long rest = seconds % 60;
        if (minutes == 0) {
            return rest + " s";
        }
        return rest == 0 ? minutes + " min" : minutes + " min " + rest + " s";
    }
}
