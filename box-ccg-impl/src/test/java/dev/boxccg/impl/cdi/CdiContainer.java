package dev.boxccg.impl.cdi;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A Weld SE container with exactly the given bean classes plus box-ccg's beans, every CDI extension on the class path
 * found through {@code META-INF/services} (ours, Jersey's REST client, SmallRye Config's), and a MicroProfile Config
 * made of the given properties and "environment variables".
 */
final class CdiContainer implements AutoCloseable {

    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();
    private final WeldContainer container;

    private CdiContainer(Map<String, String> properties, Map<String, String> environment, Class<?>... beanClasses) {
        this(java.util.List.of(), properties, environment, beanClasses);
    }

    private CdiContainer(java.util.List<Extension> extra, Map<String, String> properties,
            Map<String, String> environment, Class<?>... beanClasses) {
        this(extra, java.util.List.of(), properties, environment, beanClasses);
    }

    private CdiContainer(java.util.List<Extension> extra, java.util.List<ConfigSource> sources,
            Map<String, String> properties, Map<String, String> environment, Class<?>... beanClasses) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test-properties", 100))
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(sources.toArray(ConfigSource[]::new))
                .build();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        try {
            Weld weld = new Weld().containerId("box-ccg-test-" + System.nanoTime()).disableDiscovery()
                    .addBeanClasses(BoxCcgBean.class, BoxTokenProviderProducer.class, BoxAuthenticatedInterceptor.class,
                            EagerTokens.class)
                    .addBeanClasses(beanClasses);
            for (Extension extension : ServiceLoader.load(Extension.class, loader)) {
                weld.addExtension(extension);
            }
            extra.forEach(weld::addExtension);
            container = weld.initialize();
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    static CdiContainer start(Map<String, String> properties, Class<?>... beanClasses) {
        return new CdiContainer(properties, Map.of(), beanClasses);
    }

    static CdiContainer start(Map<String, String> properties, Map<String, String> environment, Class<?>... beanClasses) {
        return new CdiContainer(properties, environment, beanClasses);
    }

    /** Like {@link #start(Map, Class[])}, plus the given extensions (e.g. one that acts as a server's). */
    static CdiContainer startWith(java.util.List<Extension> extensions, Map<String, String> properties,
            Class<?>... beanClasses) {
        return new CdiContainer(extensions, properties, Map.of(), beanClasses);
    }

    /** Like {@link #start(Map, Class[])}, plus a config source of the test's own (e.g. one whose values change). */
    static CdiContainer startWithSource(ConfigSource source, Map<String, String> properties,
            Class<?>... beanClasses) {
        return new CdiContainer(java.util.List.of(), java.util.List.of(source), properties, Map.of(), beanClasses);
    }

    <T> T select(Class<T> type, Annotation... qualifiers) {
        return container.select(type, qualifiers).get();
    }

    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            release();
        }
    }

    private void release() {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader));
    }
}
