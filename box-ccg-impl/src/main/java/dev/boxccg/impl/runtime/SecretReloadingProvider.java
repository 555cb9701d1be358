package dev.boxccg.impl.runtime;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.core.TenantRegistry;

import java.util.function.Function;

/**
 * The provider of a configuration with credentials of its own: the engine's provider of the configuration's current
 * credentials, and when Box refuses them, one more try after the runtime read the client secret from MicroProfile
 * Config again and found another one (a rotated secret). Stable: the CDI producer hands out one for good.
 */
final class SecretReloadingProvider implements BoxTokenProvider {

    private final BoxCcgRuntime runtime;
    private final String configurationName;
    /** Which provider of the configuration's: its own, or one of its users'. */
    private final Function<BoxTokenProvider, BoxTokenProvider> view;

    SecretReloadingProvider(BoxCcgRuntime runtime, String configurationName) {
        this(runtime, configurationName, Function.identity());
    }

    private SecretReloadingProvider(BoxCcgRuntime runtime, String configurationName,
                                    Function<BoxTokenProvider, BoxTokenProvider> view) {
        this.runtime = runtime;
        this.configurationName = configurationName;
        this.view = view;
    }

    private <T> T call(Function<BoxTokenProvider, T> operation) {
        BoxTokenProvider used = runtime.engineProvider(configurationName);
        try {
            return operation.apply(view.apply(used));
        } catch (BoxAuthenticationException refusal) {
            if (!TenantRegistry.isCredentialRefusal(refusal)) {
                throw refusal;
            }
            BoxTokenProvider renewed = runtime.afterRefusal(configurationName, used, TenantRegistry.origin(refusal));
            if (renewed == null) {
                throw refusal;
            }
            return operation.apply(view.apply(renewed));
        }
    }

    private BoxTokenProvider current() {
        return view.apply(runtime.engineProvider(configurationName));
    }

    @Override
    public BoxAccessToken token() {
        return call(BoxTokenProvider::token);
    }

    @Override
    public BoxSubject subject() {
        return current().subject();
    }

    @Override
    public void invalidate(BoxAccessToken token) {
        current().invalidate(token);
    }

    @Override
    public BoxTokenProvider forUser(String userId) {
        BoxSubject.user(userId); // a blank ID fails now, not at the first token
        return new SecretReloadingProvider(runtime, configurationName,
                view.andThen(provider -> provider.forUser(userId)));
    }

    @Override
    public BoxAccessToken downscoped(BoxDownscope downscope) {
        return call(provider -> provider.downscoped(downscope));
    }

    @Override
    public void revoke() {
        current().revoke();
    }

    @Override
    public String toString() {
        return current().toString();
    }
}
