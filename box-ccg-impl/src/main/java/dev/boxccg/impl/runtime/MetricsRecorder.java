package dev.boxccg.impl.runtime;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.core.TokenKey;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What each engine event adds to box-ccg's metrics ({@link BoxCcgMetric}), whatever API records them: a subclass only
 * says how to add to a counter and record a duration. Attributes are the ones {@link BoxCcgMetric} names, each from
 * {@link TokenLabels} or a fixed set of words: never an ID, a token or a secret.
 */
public abstract class MetricsRecorder implements BoxCcgTelemetry {

    /** What Box's error codes look like ({@code invalid_grant}); anything else is not used as an attribute. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z][a-z_]{0,47}");

    protected final TelemetrySource source;

    protected MetricsRecorder(TelemetrySource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Adds one to a counter. */
    protected abstract void increment(BoxCcgMetric metric, Map<String, String> attributes);

    /** Records one duration of {@link BoxCcgMetric#TOKEN_REQUEST_DURATION}. */
    protected abstract void recordDuration(Duration duration, Map<String, String> attributes);

    @Override
    public void requestStarted(TokenKey key, boolean renewal) {
        if (renewal) {
            increment(BoxCcgMetric.TOKEN_RENEWALS, attributes(source.labels(key)));
        }
    }

    @Override
    public void attemptFailed(TokenKey key, int attempt, BoxAuthenticationException failure) {
        Map<String, String> attributes = attributes(source.labels(key));
        attributes.put(BoxCcgMetric.ERROR_TYPE, errorType(failure));
        increment(BoxCcgMetric.TOKEN_RETRIES, attributes);
    }

    @Override
    public void requestFinished(TokenKey key, Outcome outcome, Duration duration, BoxAuthenticationException failure) {
        Map<String, String> attributes = attributes(source.labels(key));
        attributes.put(BoxCcgMetric.OUTCOME, outcomeLabel(outcome));
        if (failure != null) {
            attributes.put(BoxCcgMetric.ERROR_TYPE, errorType(failure));
        }
        increment(BoxCcgMetric.TOKEN_REQUESTS, attributes);
        recordDuration(duration, attributes);
    }

    @Override
    public void cooldownStarted(TokenKey key, Duration cooldown, BoxAuthenticationException failure) {
        Map<String, String> attributes = attributes(source.labels(key));
        attributes.put(BoxCcgMetric.ERROR_TYPE, errorType(failure));
        increment(BoxCcgMetric.COOLDOWNS, attributes);
    }

    @Override
    public void unauthorizedRecovery(String configurationName, String tenant) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(BoxCcgMetric.CONFIGURATION, TokenLabels.configurationLabel(configurationName));
        if (tenant != null) {
            attributes.put(BoxCcgMetric.TENANT, tenant);
        }
        increment(BoxCcgMetric.UNAUTHORIZED_RECOVERIES, attributes);
    }

    /** @return a new, modifiable map of the configuration, the subject type and, for a tenant's token, the tenant */
    public static Map<String, String> attributes(TokenLabels labels) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(BoxCcgMetric.CONFIGURATION, labels.configuration());
        attributes.put(BoxCcgMetric.SUBJECT_TYPE, labels.subjectType());
        if (labels.tenant() != null) {
            attributes.put(BoxCcgMetric.TENANT, labels.tenant());
        }
        return attributes;
    }

    /** @return the attributes of {@link BoxCcgMetric#TOKEN_EXPIRES_IN}: the configuration and, if any, the tenant */
    public static Map<String, String> expiryAttributes(TokenLabels labels) {
        Map<String, String> attributes = attributes(labels);
        attributes.remove(BoxCcgMetric.SUBJECT_TYPE);
        return attributes;
    }

    /** @return {@code issued}, {@code from_store}, {@code refused} or {@code failed} */
    public static String outcomeLabel(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return Box's error code ({@code invalid_grant}) if it looks like one, else the HTTP status ({@code 503}), else
     *         {@code no_response}: never Box's description, which may echo what was sent
     */
    public static String errorType(BoxAuthenticationException failure) {
        if (failure == null) {
            return "unknown";
        }
        String code = failure.error().orElse("");
        if (ERROR_CODE.matcher(code).matches()) {
            return code;
        }
        return failure.status() == BoxAuthenticationException.NO_RESPONSE ? "no_response"
                : Integer.toString(failure.status());
    }
}
