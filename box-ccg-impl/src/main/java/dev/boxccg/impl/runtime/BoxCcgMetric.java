package dev.boxccg.impl.runtime;

/**
 * box-ccg's metrics: one definition for every API that records them (OpenTelemetry, MicroProfile Metrics). Names
 * follow OpenTelemetry's conventions: lower case, dot separated, durations in seconds, counts with a {@code {unit}}
 * annotation.
 */
public enum BoxCcgMetric {

    TOKEN_REQUESTS("box.ccg.token.requests", Kind.COUNTER, "{request}",
            "Token requests, by configuration, subject type and outcome (issued, from_store, refused, failed)"),
    TOKEN_REQUEST_DURATION("box.ccg.token.request.duration", Kind.HISTOGRAM, "s",
            "How long token requests took, retries included"),
    TOKEN_RENEWALS("box.ccg.token.renewals", Kind.COUNTER, "{request}",
            "Token requests that renew a still valid token ahead of its expiry"),
    TOKEN_RETRIES("box.ccg.token.retries", Kind.COUNTER, "{attempt}",
            "Attempts of token requests that failed transiently and were tried again"),
    UNAUTHORIZED_RECOVERIES("box.ccg.unauthorized.recoveries", Kind.COUNTER, "{call}",
            "Calls Box answered 401 that were sent again with a new token"),
    COOLDOWNS("box.ccg.cooldowns", Kind.COUNTER, "{cooldown}",
            "Times a configuration went without a token after a failed request: callers fail fast until it ends"),
    TOKENS_HELD("box.ccg.tokens.held", Kind.UP_DOWN_COUNTER, "{token}",
            "Valid tokens held, by configuration and subject type"),
    TOKEN_EXPIRES_IN("box.ccg.token.expires_in", Kind.GAUGE, "s",
            "Seconds until the token of each configuration's own subject expires; 0 when none is held");

    /** The attribute naming the configuration ({@link TokenLabels#configuration()}). */
    public static final String CONFIGURATION = "box.ccg.configuration";
    /** The attribute naming the subject type ({@link TokenLabels#subjectType()}). */
    public static final String SUBJECT_TYPE = "box.ccg.subject.type";
    /**
     * The attribute naming a tenant by its label ({@link TokenLabels#tenant()}), on every metric about a tenant's
     * token; absent elsewhere (MicroProfile Metrics: {@code none}).
     */
    public static final String TENANT = "box.ccg.tenant";
    /** The attribute naming a request's outcome: issued, from_store, refused, failed. */
    public static final String OUTCOME = "box.ccg.outcome";
    /** OpenTelemetry's general attribute for what went wrong: Box's error code, else the HTTP status, else none. */
    public static final String ERROR_TYPE = "error.type";

    /** How the metric is recorded. */
    public enum Kind { COUNTER, HISTOGRAM, UP_DOWN_COUNTER, GAUGE }

    private final String metricName;
    private final Kind kind;
    private final String unit;
    private final String description;

    BoxCcgMetric(String metricName, Kind kind, String unit, String description) {
        this.metricName = metricName;
        this.kind = kind;
        this.unit = unit;
        this.description = description;
    }

    public String metricName() {
        return metricName;
    }

    public Kind kind() {
        return kind;
    }

    /** @return the UCUM unit: {@code s}, or a count's annotation such as {@code {request}} */
    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }
}
