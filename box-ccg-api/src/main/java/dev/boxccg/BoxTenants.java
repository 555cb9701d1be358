package dev.boxccg;

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
}
