package dev.boxccg.it.libertycluster.app;

import com.hazelcast.core.Hazelcast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;

import java.util.logging.Logger;

/**
 * Goes into the test application's WAR with Hazelcast: when the application stops, shuts down the Hazelcast members
 * it started. Without it a member outlives its application (box-ccg never closes a {@code CacheManager} it was given,
 * nor does Liberty): it keeps the old class loader and holds its port, so that the redeployed application's member
 * cannot start ({@code Port [5812] is already in use and auto-increment is disabled}) and box-ccg keeps that node's
 * tokens to itself, with a warning.
 *
 * <p>{@link Hazelcast#shutdownAll()} rather than closing the JCache {@code CachingProvider}: closing
 * {@code Caching.getCachingProvider(<this class's class loader>)} here left the member running (seen). {@code Caching}
 * keeps a provider per class loader, and box-ccg got its provider under the thread context class loader of the request
 * that opened the grid, which on Liberty is probably not the application's class loader object itself. Hazelcast's
 * classes are the WAR's, so {@code shutdownAll} reaches this application's members only.
 *
 * <p>A bean of the WAR ({@code bean-discovery-mode="all"}) with a static observer, run after the application context is
 * destroyed, so after box-ccg's own beans have stopped (box-ccg may still use the grid while it stops).
 */
public class ShutDownHazelcastOnStop {

    private static final Logger LOG = Logger.getLogger(ShutDownHazelcastOnStop.class.getName());

    static void shutDown(@Observes @Destroyed(ApplicationScoped.class) Object stopped) {
        int members = Hazelcast.getAllHazelcastInstances().size();
        Hazelcast.shutdownAll();
        LOG.info("Shut down " + members + " Hazelcast member(s) of this application");
    }
}
