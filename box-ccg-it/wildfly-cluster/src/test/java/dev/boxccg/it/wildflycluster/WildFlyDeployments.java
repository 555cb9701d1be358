package dev.boxccg.it.wildflycluster;

import dev.boxccg.it.ItDeployments;
import dev.boxccg.it.cluster.ClusterDeployments;
import dev.boxccg.it.wildflycluster.grid.GridApplication;
import dev.boxccg.it.wildflycluster.grid.GridResource;
import dev.boxccg.testkit.BoxSimulator;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.util.Map;

/**
 * The WARs both nodes run: the shared test application ({@link ClusterDeployments#sharedTokens}) with {@code token-store=infinispan} (nothing else added:
 * box-ccg-impl carries it), declaring box-ccg's cache in its web.xml, which is what makes WildFly start the cache for
 * the deployment and bind it in JNDI; and the grid probe, which declares nothing, so that it finds the cache only
 * because the test application's declaration works (one deployment's declaration starts the cache for the whole
 * server: were the probe to declare it too, a test application without it would pass unnoticed).
 */
final class WildFlyDeployments {

    static final String GRID_PROBE = "grid-probe";

    /** What a WildFly user adds to WEB-INF/web.xml for {@code token-store=infinispan} (README.md shows it too). */
    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <!-- box-ccg's shared token store: makes WildFly start the cache for this deployment. -->
              <resource-env-ref>
                <resource-env-ref-name>box-ccg/tokens</resource-env-ref-name>
                <lookup-name>%s</lookup-name>
              </resource-env-ref>
            </web-app>
            """.formatted(GridResource.JNDI_NAME);

    private WildFlyDeployments() {
    }

    static WebArchive sharedTokens(BoxSimulator simulator) {
        return ClusterDeployments.sharedTokens(simulator, "infinispan", Map.of())
                .addAsWebInfResource(new StringAsset(WEB_XML), "web.xml");
    }

    static WebArchive gridProbe() {
        return ShrinkWrap.create(WebArchive.class, GRID_PROBE + ".war")
                .addPackage(GridApplication.class.getPackage())
                .addAsWebInfResource(new StringAsset(ItDeployments.BEANS_XML_ALL), "beans.xml");
    }
}
