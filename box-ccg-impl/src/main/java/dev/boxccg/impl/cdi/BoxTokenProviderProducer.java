package dev.boxccg.impl.cdi;

import dev.boxccg.BoxApp;
import dev.boxccg.BoxTenants;
import dev.boxccg.BoxTokenProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;

import java.util.Optional;

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

    /** {@code @Inject BoxTenants}: forgets a tenant in every configuration serving tenants, and names its label. */
    @Produces
    BoxTenants tenants() {
        return new BoxTenants() {
            @Override
            public void forget(String tenant) {
                box.runtime().tenantRegistries().forEach(registry -> registry.forget(tenant));
            }

            @Override
            public Optional<String> label(String tenant) {
                return box.runtime().tenantLabel(tenant);
            }
        };
    }

    @Produces
    @BoxApp("")
    BoxTokenProvider namedProvider(InjectionPoint injectionPoint) {
        return box.runtime().provider(BoxCcgExtension.configurationName(injectionPoint));
    }
}
