package dev.boxccg.impl.runtime;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxCalls;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.impl.config.BoxCcgKeys;

/**
 * The provider of a configuration serving tenants: each call is for the tenant of the calling thread's
 * {@link BoxCalls#asTenant} scope; {@link #forTenant} binds one tenant for good.
 */
final class CurrentTenantProvider implements BoxTokenProvider {

    private final BoxCcgRuntime runtime;
    private final String configurationName;

    CurrentTenantProvider(BoxCcgRuntime runtime, String configurationName) {
        this.runtime = runtime;
        this.configurationName = configurationName;
    }

    /** @throws IllegalStateException outside any {@code asTenant} scope */
    private BoxTokenProvider current() {
        String tenant = BoxCalls.currentTenant().orElseThrow(() -> new IllegalStateException(
                BoxCcgKeys.describe(configurationName) + " serves tenants: choose one per call with"
                        + " BoxCalls.asTenant(tenant, ...) or BoxTokenProvider.forTenant(tenant)"));
        return forTenant(tenant);
    }

    @Override
    public BoxTokenProvider forTenant(String tenant) {
        return runtime.tenants(configurationName).provider(tenant);
    }

    @Override
    public BoxAccessToken token() {
        return current().token();
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
        return current().forUser(userId);
    }

    @Override
    public BoxAccessToken downscoped(BoxDownscope downscope) {
        return current().downscoped(downscope);
    }

    @Override
    public void revoke() {
        current().revoke();
    }

    @Override
    public String toString() {
        return "BoxTokenProvider[" + BoxCcgKeys.describe(configurationName) + ", per tenant]";
    }
}
