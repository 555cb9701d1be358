package dev.boxccg.testkit;

import java.util.List;

/**
 * Writes the small JSON objects the simulator answers with, escaping strings properly.
 *
 * <p>Not thread safe; build one object per answer.
 */
final class JsonText {

    private final StringBuilder out = new StringBuilder("{");
    private boolean empty = true;

    private JsonText() {
    }

    static JsonText object() {
        return new JsonText();
    }

    /** Adds a string member; a null value is written as JSON {@code null}. */
    JsonText put(String name, String value) {
        return putRaw(name, value == null ? "null" : quote(value));
    }

    JsonText put(String name, long value) {
        return putRaw(name, Long.toString(value));
    }

    /** Adds a member whose value is already JSON text (an object, an array or {@code null}). */
    JsonText putRaw(String name, String json) {
        if (!empty) {
            out.append(',');
        }
        empty = false;
        out.append(quote(name)).append(':').append(json);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    /** @return a JSON array of elements that are already JSON text */
    static String array(List<String> elements) {
        return "[" + String.join(",", elements) + "]";
    }

    /** @return {@code value} as a JSON string literal, quotes included */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
