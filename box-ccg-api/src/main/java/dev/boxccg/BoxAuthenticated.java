package dev.boxccg;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every call through the annotated MicroProfile REST Client interface (or method) carries
 * {@code Authorization: Bearer <token>} with a valid Box token from the named configuration.
 *
 * <p>On a method it overrides the interface's. The {@link #value()} names the configuration: empty means the
 * default one ({@code box.ccg.*}), {@code "hr"} means {@code box.ccg.hr.*}.
 *
 * <p>It is also an interceptor binding: for REST clients injected with CDI, a call answered 401 is retried once
 * with a fresh token.
 */
@Documented
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BoxAuthenticated {

    /** @return the configuration name; empty for the default configuration */
    @Nonbinding
    String value() default "";
}
