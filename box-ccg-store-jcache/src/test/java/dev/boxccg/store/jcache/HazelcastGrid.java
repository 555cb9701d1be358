package dev.boxccg.store.jcache;

import com.hazelcast.cache.impl.HazelcastServerCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An embedded Hazelcast cluster of {@code members} members in this JVM, on 127.0.0.1 only (TCP/IP join, no
 * multicast, its own cluster name, so it never meets another test's or a server's cluster), each member with its own
 * JCache {@link CacheManager}, as each node of a real cluster would have.
 */
final class HazelcastGrid implements AutoCloseable {

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<CachingProvider> providers = new ArrayList<>();
    private final List<CacheManager> managers = new ArrayList<>();

    HazelcastGrid(int size, int basePort) {
        String cluster = "box-ccg-test-" + UUID.randomUUID();
        for (int i = 0; i < size; i++) {
            Config config = new Config().setClusterName(cluster).setInstanceName(cluster + "-" + i);
            config.setProperty("hazelcast.phone.home.enabled", "false");
            config.setProperty("hazelcast.wait.seconds.before.join", "0");
            config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
            config.setProperty("hazelcast.logging.type", "jdk");
            config.getNetworkConfig().setPort(basePort).setPortAutoIncrement(true).setPortCount(size + 10);
            config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
            JoinConfig join = config.getNetworkConfig().getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true);
            for (int port = basePort; port < basePort + size; port++) {
                join.getTcpIpConfig().addMember("127.0.0.1:" + port);
            }
            members.add(Hazelcast.newHazelcastInstance(config));
        }
        // One provider per member, each member's default cache manager: the same cache names (JCache scopes them
        // by URI and class loader) on different members, as on the nodes of a real cluster.
        for (HazelcastInstance member : members) {
            CachingProvider provider = new HazelcastServerCachingProvider(member);
            providers.add(provider);
            managers.add(provider.getCacheManager());
        }
    }

    /** @return member {@code i}'s cache manager */
    CacheManager manager(int i) {
        return managers.get(i);
    }

    /** @return member {@code i} itself, for its non-JCache structures */
    HazelcastInstance member(int i) {
        return members.get(i);
    }

    int clusterSize() {
        return members.get(0).getCluster().getMembers().size();
    }

    @Override
    public void close() {
        managers.forEach(CacheManager::close);
        providers.forEach(CachingProvider::close);
        members.forEach(HazelcastInstance::shutdown);
    }
}
