package dev.boxccg.impl.health;

import dev.boxccg.impl.runtime.BoxCcgRuntime;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Vetoed;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * Adds one {@code @Readiness} {@link HealthCheck} bean per Box configuration in use. Called reflectively by
 * {@code BoxCcgExtension}, and only after it found the MicroProfile Health API, so an application on a server
 * without it never loads this class.
 */
@Vetoed
public final class HealthChecks {

    private HealthChecks() {
    }

    /**
     * @param runtime the application's runtime; throws {@code IllegalStateException} (message shown as the state)
     *                while the application starts or after it stopped
     */
    public static void register(AfterBeanDiscovery event, Supplier<BoxCcgRuntime> runtime, Collection<String> names) {
        for (String name : names) {
            event.addBean()
                    .beanClass(BoxCcgReadinessCheck.class)
                    .id("dev.boxccg.health.readiness#" + name)
                    .types(HealthCheck.class, Object.class)
                    .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                    .scope(Singleton.class)
                    .createWith(context -> new BoxCcgReadinessCheck(name, runtime));
        }
    }
}
