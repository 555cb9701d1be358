package dev.boxccg.impl.cdi;

import dev.boxccg.BoxApp;
import dev.boxccg.BoxTenants;
import dev.boxccg.BoxTokenProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;

/** {@code @Inject BoxTokenProvider} and {@code @Inject @BoxApp("name") BoxTokenProvider}. */
@ApplicationScoped
public class BoxTokenProviderProducer {

    @Inject
    BoxCcgBean box;

    @Produces
    @Default
    BoxTokenProvider defaultProvider() {
        return box.runtime().provider("");
    }

    /** {@code @Inject BoxTenants}: forgets a tenant in every configuration serving tenants. */
    @Produces
    BoxTenants tenants() {
        return tenant -> box.runtime().tenantRegistries().forEach(registry -> registry.forget(tenant));
    }

    @Produces
    @BoxApp("")
    BoxTokenProvider namedProvider(InjectionPoint injectionPoint) {
        return box.runtime().provider(BoxCcgExtension.configurationName(injectionPoint));
    }
}
