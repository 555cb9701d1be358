package dev.boxccg;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects a named Box configuration for injection: {@code @Inject @BoxApp("hr") BoxTokenProvider hrTokens;} reads
 * {@code box.ccg.hr.*}. Without it, {@code @Inject BoxTokenProvider} reads the default configuration
 * ({@code box.ccg.*}).
 */
@Documented
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface BoxApp {

    /** @return the configuration name: {@code hr} for {@code box.ccg.hr.*} */
    @Nonbinding
    String value();

    /** For programmatic lookup: {@code CDI.current().select(BoxTokenProvider.class, BoxApp.Literal.of("hr"))}. */
    final class Literal extends AnnotationLiteral<BoxApp> implements BoxApp {
        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String configurationName) {
            return new Literal(configurationName);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
