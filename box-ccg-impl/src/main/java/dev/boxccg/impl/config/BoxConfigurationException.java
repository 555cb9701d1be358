package dev.boxccg.impl.config;

import java.util.List;

/**
 * A Box configuration cannot be used. Names every faulty key at once, so one deployment attempt shows everything to
 * fix, and never contains the client secret's value.
 */
public class BoxConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String configurationName;
    private final List<String> problems;

    /**
     * @param configurationName the configuration, {@link BoxCcgKeys#DEFAULT_NAME} for the default one
     * @param problems          at least one problem, each naming its full key
     * @throws IllegalArgumentException if the name is not valid or there is no problem
     */
    public BoxConfigurationException(String configurationName, List<String> problems) {
        super(message(configurationName, problems));
        this.configurationName = configurationName;
        this.problems = List.copyOf(problems);
    }

    /** @return {@link BoxCcgKeys#DEFAULT_NAME} for the default configuration, otherwise its name */
    public String configurationName() {
        return configurationName;
    }

    /** @return every problem, each naming its full key; never empty */
    public List<String> problems() {
        return problems;
    }

    private static String message(String configurationName, List<String> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("A BoxConfigurationException needs at least one problem");
        }
        return BoxCcgKeys.describe(configurationName) + " cannot be used: " + String.join("; ", problems);
    }
}
