package dev.boxccg.impl.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a configuration acts as a user ({@code dev.boxccg.BoxCalls.asUser}, or an {@code As-User} header the caller
 * set): the key {@value BoxCcgKeys#AS_USER_MODE}.
 */
public enum AsUserMode {

    /** The configuration's own token with {@code As-User: <id>}: "Perform Actions as Users" + "App + Enterprise Access". */
    HEADER("header"),
    /** A token for the user ({@code box_subject_type=user}), no {@code As-User} header: "Generate user access tokens". */
    USER_TOKEN("user-token");

    private final String value;

    AsUserMode(String value) {
        this.value = value;
    }

    /** @return the value as written in the configuration */
    public String value() {
        return value;
    }

    /** @return the mode written {@code text} (case-insensitive); empty if none is */
    static Optional<AsUserMode> parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.value.equals(text.toLowerCase(Locale.ROOT))).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
