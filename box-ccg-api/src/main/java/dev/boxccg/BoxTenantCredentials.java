package dev.boxccg;

import java.util.Optional;

/**
 * For an application serving many Box enterprises (tenants): resolves a tenant key, chosen per call with
 * {@link BoxCalls#asTenant} or {@link BoxTokenProvider#forTenant}, to that tenant's credentials. The application
 * implements it as a CDI bean (for example {@code @ApplicationScoped}); a configuration with
 * {@code box.ccg[.<name>].tenants=true} then gets its credentials from it instead of from MicroProfile Config.
 *
 * <p><b>Contract.</b> Thread safe. May block (a database, a vault): box-ccg calls it on a thread of its own, never
 * while holding a lock, at most once at a time per tenant, and waits for it at most
 * {@code box.ccg.tenants.resolve-timeout}; a caller whose wait runs out fails alone. It is called when a tenant is
 * first used, again after the tenant was dropped (idle, or more live tenants than {@code box.ccg.tenants.max}), and
 * again once when Box refuses the tenant's credentials (to pick up a rotated secret). What it throws fails that
 * tenant's callers only, with a {@link BoxAuthenticationException} naming the tenant and the exception's class.
 */
@FunctionalInterface
public interface BoxTenantCredentials {

    /**
     * @param tenant the tenant key the application chose (never null or blank)
     * @return the tenant's credentials; empty if the tenant is unknown (its callers get an
     *         {@link IllegalArgumentException} naming it)
     */
    Optional<BoxCredentials> resolve(String tenant);
}
