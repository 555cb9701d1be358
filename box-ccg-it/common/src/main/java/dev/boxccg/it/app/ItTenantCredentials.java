package dev.boxccg.it.app;

import dev.boxccg.BoxCredentials;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTenantCredentials;
import dev.boxccg.it.ItCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * The application's tenant resolver, as a vendor's database of customers would be: the three tenants of the
 * configuration {@code customers} (Box refuses initech's app: not authorized by its admin). (The constants are compiled in: the WAR holds only this package.)
 */
@ApplicationScoped
public class ItTenantCredentials implements BoxTenantCredentials {

    private static final Map<String, BoxCredentials> TENANTS = Map.of(
            ItCredentials.TENANT_ACME, BoxCredentials.of(ItCredentials.ACME_CLIENT_ID,
                    ItCredentials.ACME_CLIENT_SECRET, BoxSubject.enterprise(ItCredentials.ACME_ENTERPRISE_ID)),
            ItCredentials.TENANT_GLOBEX, BoxCredentials.of(ItCredentials.GLOBEX_CLIENT_ID,
                    ItCredentials.GLOBEX_CLIENT_SECRET, BoxSubject.enterprise(ItCredentials.GLOBEX_ENTERPRISE_ID)),
            ItCredentials.TENANT_INITECH, BoxCredentials.of(ItCredentials.INITECH_CLIENT_ID,
                    ItCredentials.INITECH_CLIENT_SECRET, BoxSubject.enterprise(ItCredentials.INITECH_ENTERPRISE_ID)));

    @Override
    public Optional<BoxCredentials> resolve(String tenant) {
        return Optional.ofNullable(TENANTS.get(tenant));
    }
}
