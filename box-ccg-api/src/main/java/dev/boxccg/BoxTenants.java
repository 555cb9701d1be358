package dev.boxccg;

import java.util.Optional;

/**
 * The tenants box-ccg holds for an application serving many Box enterprises (see {@link BoxTenantCredentials}).
 * Inject it where the application learns that a tenant's credentials changed: {@code @Inject BoxTenants tenants;}.
 */
public interface BoxTenants {

    /**
     * Drops the tenant: its credentials and every token of them. The next call for it resolves its credentials
     * again. Does nothing for a tenant not held. Never blocks on the network.
     *
     * @param tenant the tenant key
     */
    void forget(String tenant);

    /**
     * The name box-ccg's metrics, traces and health data give the tenant instead of its key (which may be a
     * customer's name): the label the application chose ({@link BoxCredentials#withLabel}), else box-ccg's
     * pseudonym, {@code t-} and 12 hex digits, stable while the tenant's client secret is. For operators mapping a
     * dashboard's label back to a tenant. Never blocks, never calls Box or the {@link BoxTenantCredentials} bean.
     *
     * @param tenant the tenant key
     * @return the tenant's label; empty if the tenant is not live (never used yet, or dropped). Where several
     *         configurations serve tenants, the label in the first of them, by name, where it is live
     */
    Optional<String> label(String tenant);
}
