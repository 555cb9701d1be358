package dev.boxccg.it.payaracluster;

import dev.boxccg.it.ItDeployments;
import dev.boxccg.it.cluster.SharedTokenDeployments;
import dev.boxccg.store.jcache.JCacheTokenGridFactory;
import dev.boxccg.testkit.BoxSimulator;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The WAR both nodes run: the shared test application ({@link SharedTokenDeployments#application}) plus
 * box-ccg-store-jcache, with the Box app's tokens shared on Payara's data grid.
 */
final class ClusterDeployments {

    /** How long one node may fetch a token before another takes over ({@code token-store.lease}). */
    static final String LEASE = "8s";

    private ClusterDeployments() {
    }

    static WebArchive sharedTokens(BoxSimulator simulator) {
        Map<String, String> store = new LinkedHashMap<>();
        store.put("token-store", "jcache");
        store.put("token-store.cache-manager", "payara/CacheManager");
        store.put("token-store.lease", LEASE);
        return SharedTokenDeployments.application(simulator, store)
                .addAsLibrary(ItDeployments.builtJar(JCacheTokenGridFactory.class, "box-ccg-store-jcache"));
    }
}
