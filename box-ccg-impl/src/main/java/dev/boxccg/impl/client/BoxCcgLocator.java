package dev.boxccg.impl.client;

import dev.boxccg.impl.runtime.BoxCcgRuntime;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.config.ConfigProvider;


/**
 * Finds the application's {@link BoxCcgRuntime} for code that JAX-RS, not CDI, creates (the client filter): the CDI
 * bean where a CDI container runs, else one runtime of our own read from MicroProfile Config.
 */
public final class BoxCcgLocator {

    private static volatile BoxCcgRuntime withoutCdi;

    private BoxCcgLocator() {
    }

    public static BoxCcgRuntime runtime() {
        CDI<Object> cdi;
        try {
            cdi = CDI.current();
        } catch (IllegalStateException | NoClassDefFoundError noContainer) {
            return runtimeWithoutCdi();
        }
        return cdi.select(BoxCcgRuntime.class).get(); // produced by box-ccg's CDI bean
    }

    private static BoxCcgRuntime runtimeWithoutCdi() {
        BoxCcgRuntime runtime = withoutCdi;
        if (runtime == null) {
            synchronized (BoxCcgLocator.class) {
                runtime = withoutCdi;
                if (runtime == null) {
                    runtime = BoxCcgRuntime.onOwnThreads(ConfigProvider.getConfig());
                    withoutCdi = runtime;
                }
            }
        }
        return runtime;
    }
}
