package dev.boxccg.impl.config;

import dev.boxccg.BoxSubject;
import dev.boxccg.core.BoxCcgSettings;
import java.util.Objects;

/**
 * One named Box configuration, read and validated: everything the engine needs to obtain tokens for one subject.
 * Its {@link #toString()} shows the settings only through {@link BoxCcgSettings#toString()}, which redacts the
 * client secret.
 *
 * @param name     {@link BoxCcgKeys#DEFAULT_NAME} for the default configuration, otherwise its name
 * @param settings the Box app's credentials and the engine's settings
 * @param subject  whom the tokens act as
 */
public record BoxAppConfiguration(String name, BoxCcgSettings settings, BoxSubject subject) {

    /** @throws IllegalArgumentException if the name is not a valid configuration name */
    public BoxAppConfiguration {
        BoxCcgKeys.checkName(name);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(subject, "subject");
    }
}
