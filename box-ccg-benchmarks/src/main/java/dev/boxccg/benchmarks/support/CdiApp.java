package dev.boxccg.benchmarks.support;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An application as a server would run it, in Java SE: a Weld SE container that <em>discovers</em> bean archives
 * (box-ccg-impl's {@code META-INF/beans.xml}) and CDI extensions ({@code META-INF/services}: box-ccg's, Jersey's
 * REST client, SmallRye Config's), plus the given classes, with a MicroProfile Config (SmallRye) of the given
 * properties.
 */
public final class CdiApp implements AutoCloseable {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();
    /** Held: java.util.logging keeps loggers only weakly, and would forget the level. */
    private static final List<Logger> QUIET = new ArrayList<>();

    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();
    private final SmallRyeConfig config;
    private final WeldContainer container;

    private CdiApp(Map<String, String> properties, Class<?>... beanClasses) {
        quietLibraries();
        config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "benchmark", 500))
                .build();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        try {
            container = new Weld("box-ccg-bench-" + CONTAINERS.incrementAndGet())
                    .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false)
                    .addBeanClasses(beanClasses)
                    .initialize();
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        }
    }

    public static CdiApp start(Map<String, String> properties, Class<?>... beanClasses) {
        return new CdiApp(properties, beanClasses);
    }

    public <T> T select(Class<T> type, Annotation... qualifiers) {
        return container.select(type, qualifiers).get();
    }

    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    /** Weld's and Jersey's INFO lines would be printed in every JMH fork: only SEVERE gets through. */
    private static synchronized void quietLibraries() {
        if (QUIET.isEmpty()) {
            for (String name : List.of("org.jboss.weld", "org.glassfish", "io.smallrye", "org.eclipse.yasson")) {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(Level.SEVERE);
                QUIET.add(logger);
            }
        }
    }
}
