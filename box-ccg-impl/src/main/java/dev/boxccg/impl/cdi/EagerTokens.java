package dev.boxccg.impl.cdi;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.impl.config.BoxAppConfiguration;
import dev.boxccg.impl.config.BoxCcgKeys;
import dev.boxccg.impl.config.BoxConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches the tokens of the configurations with {@value BoxCcgKeys#EAGER}{@code =true} when the application starts.
 * In the background, on a daemon thread that only waits (the request itself runs on the engine's executor), so the
 * deployment never waits — except for configurations with {@value BoxCcgKeys#EAGER_FAIL_DEPLOYMENT}{@code =true}:
 * startup waits for their answer (at most {@value BoxCcgKeys#RETRY_DEADLINE}) and fails if Box refuses the
 * credentials; if Box cannot be reached, it logs a warning and goes on. First it tells {@link BoxCcgExtension} that the
 * application started, so the readiness checks answer with the runtime's state.
 */
@ApplicationScoped
public class EagerTokens {

    private static final System.Logger LOG = System.getLogger(EagerTokens.class.getName());

    @Inject
    BeanManager beanManager;

    @Inject
    Instance<BoxCcgBean> box;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        BoxCcgExtension extension = beanManager.getExtension(BoxCcgExtension.class);
        extension.started(() -> box.get().runtime()); // the readiness checks answer from now on
        List<BoxAppConfiguration> eager = extension.configurations().stream()
                .filter(BoxAppConfiguration::eager).toList();
        if (eager.isEmpty()) {
            return;
        }
        var runtime = box.get().runtime();
        List<BoxAppConfiguration> background = new ArrayList<>();
        for (BoxAppConfiguration configuration : eager) {
            if (!configuration.eagerFailDeployment()) {
                background.add(configuration);
                continue;
            }
            try {
                runtime.provider(configuration.name()).token();
                LOG.log(Level.INFO, "box-ccg: Box issued the token of {0} at startup",
                        BoxCcgKeys.describe(configuration.name()));
            } catch (BoxAuthenticationException e) {
                if (!e.isTransient()) {
                    throw new BoxConfigurationException(configuration.name(), List.of("Box refused its credentials"
                            + " at startup (" + BoxCcgKeys.key(configuration.name(), BoxCcgKeys.EAGER_FAIL_DEPLOYMENT)
                            + "=true): " + e.getMessage()));
                }
                LOG.log(Level.WARNING, "box-ccg: Box could not be reached for the token of {0} at startup; the"
                        + " application starts anyway: {1}", BoxCcgKeys.describe(configuration.name()), e.getMessage());
            }
        }
        if (background.isEmpty()) {
            return;
        }
        for (BoxAppConfiguration configuration : background) { // one thread each: an unreachable app delays no other
            Thread fetcher = new Thread(() -> {
                try {
                    runtime.provider(configuration.name()).token();
                } catch (BoxAuthenticationException e) {
                    LOG.log(Level.WARNING, "box-ccg: no token for {0} at startup: {1}",
                            BoxCcgKeys.describe(configuration.name()), e.getMessage());
                } catch (RuntimeException e) { // the application stopped meanwhile
                    LOG.log(Level.DEBUG, "box-ccg: eager token of {0} abandoned: {1}",
                            BoxCcgKeys.describe(configuration.name()), e.toString());
                }
            }, "box-ccg-eager-token");
            fetcher.setDaemon(true);
            fetcher.start();
        }
    }
}
