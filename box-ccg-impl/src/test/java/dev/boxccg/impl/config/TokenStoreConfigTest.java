package dev.boxccg.impl.config;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.impl.runtime.BoxCcgRuntime;
import dev.boxccg.testkit.BoxSimulatorExtension;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code token-store} keys, read and validated, and two runtimes ("nodes") sharing tokens through them. */
class TokenStoreConfigTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    @BeforeAll
    static void registerApp() {
        BOX.simulator().registerApp("the-client-id", TestConfigs.SECRET, "1234");
    }

    @BeforeEach
    void emptyGrid() {
        MapGridFactory.CACHES.clear();
    }

    private static String tokenUrl() {
        return BOX.simulator().tokenUrl().toString();
    }

    @Test
    void tokensAreKeptLocallyUnlessAStoreIsNamed() {
        assertEquals(TokenStoreConfiguration.LOCAL,
                new BoxCcgConfigReader(TestConfigs.minimal()).read("").tokenStore());
    }

    @Test
    void aSharedStoreIsReadWithItsCacheManagerLeaseAndTimeout() {
        TokenStoreConfiguration read = new BoxCcgConfigReader(TestConfigs.minimal("box.ccg.token-store", "JCache",
                "box.ccg.token-store.cache", "tokens", "box.ccg.token-store.cache-manager", "payara/CacheManager",
                "box.ccg.token-store.lease", "15s", "box.ccg.token-store.timeout", "500ms")).read("").tokenStore();
        assertEquals(new TokenStoreConfiguration("jcache", "tokens", Optional.of("payara/CacheManager"),
                Duration.ofSeconds(15), Duration.ofMillis(500)), read);
        assertTrue(read.isShared());
    }

    @Test
    void storeSettingsWithoutASharedStoreAndMalformedOnesAreReportedByKey() {
        List<String> problems = new BoxCcgConfigReader(TestConfigs.minimal("box.ccg.token-store.lease", "5s"))
                .problems("");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("box.ccg.token-store.lease is set but box.ccg.token-store is local"));

        problems = new BoxCcgConfigReader(TestConfigs.minimal("box.ccg.token-store", "j cache",
                "box.ccg.token-store.timeout", "0s")).problems("");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("box.ccg.token-store 'j cache'"), problems.get(0));
        assertTrue(problems.get(1).startsWith("box.ccg.token-store.timeout"), problems.get(1));
    }

    @Test
    void namedConfigurationsHaveTheirOwnStoreKeys() {
        Config config = TestConfigs.properties("box.ccg.hr.client-id", "c", "box.ccg.hr.client-secret", "s3cr3t-hr",
                "box.ccg.hr.enterprise-id", "1", "box.ccg.hr.token-store", "jcache", "box.ccg.hr.token-store.cache",
                "hr-tokens");
        assertEquals("hr-tokens", new BoxCcgConfigReader(config).read("hr").tokenStore().cache());
    }

    @Test
    void twoRuntimesOnOneGridMakeOneTokenRequest() {
        Config config = TestConfigs.minimal("box.ccg.token-url", tokenUrl(), "box.ccg.allow-insecure-token-url",
                "true", "box.ccg.token-store", "test-map");
        try (BoxCcgRuntime nodeA = BoxCcgRuntime.onOwnThreads(config);
             BoxCcgRuntime nodeB = BoxCcgRuntime.onOwnThreads(config)) {
            BoxAccessToken fromA = nodeA.provider("").token();
            assertEquals(fromA, nodeB.provider("").token());
            assertEquals(1, BOX.simulator().tokenRequests());
            assertEquals(1, MapGridFactory.CACHES.get("box-ccg-tokens").size());
        }
    }

    @Test
    void withoutTheStoreTheRuntimesRequestTheirOwn() {
        Config config = TestConfigs.minimal("box.ccg.token-url", tokenUrl(), "box.ccg.allow-insecure-token-url",
                "true");
        try (BoxCcgRuntime nodeA = BoxCcgRuntime.onOwnThreads(config);
             BoxCcgRuntime nodeB = BoxCcgRuntime.onOwnThreads(config)) {
            assertNotEquals(nodeA.provider("").token(), nodeB.provider("").token());
            assertEquals(2, BOX.simulator().tokenRequests());
        }
    }

    @Test
    void aGridThatCannotBeOpenedLeavesTheTokensOnTheNode() {
        Config config = TestConfigs.minimal("box.ccg.token-url", tokenUrl(), "box.ccg.allow-insecure-token-url",
                "true", "box.ccg.token-store", "test-map", "box.ccg.token-store.cache-manager", "java:nowhere");
        try (BoxCcgRuntime node = BoxCcgRuntime.onOwnThreads(config)) {
            assertTrue(node.provider("").token().isValidAt(java.time.Instant.now()));
            assertTrue(MapGridFactory.CACHES.isEmpty());
        }
    }

    /**
     * A grid whose opening does not end (Hazelcast's JCache client provider looking for a cluster, with no time
     * limit) holds no call beyond the lease: the node fetches its own token, and shares once the grid is open.
     */
    @Test
    void aGridStillBeingOpenedHoldsACallTheLeaseAtMostThenTheNodeSharesOnceItIsOpen() throws Exception {
        MapGridFactory.release = new CountDownLatch(1);
        Config config = TestConfigs.minimal("box.ccg.token-url", tokenUrl(), "box.ccg.allow-insecure-token-url",
                "true", "box.ccg.token-store", "test-map", "box.ccg.token-store.cache-manager", MapGridFactory.SLOW,
                "box.ccg.token-store.lease", "300ms");
        MapGridFactory.opened = new CountDownLatch(1);
        java.util.logging.Logger runtimeLog = java.util.logging.Logger.getLogger(BoxCcgRuntime.class.getName());
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        runtimeLog.addHandler(capture);
        try (BoxCcgRuntime node = BoxCcgRuntime.onOwnThreads(config)) {
            BoxAccessToken first = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> node.provider("").token());
            assertTrue(first.isValidAt(Instant.now()));
            assertTrue(MapGridFactory.CACHES.isEmpty(), "nothing shared while the grid is being opened");
            // past the lease no call waits for the opening any more: a second one is answered from the node
            assertEquals(first, assertTimeoutPreemptively(Duration.ofSeconds(20), () -> node.provider("").token()));
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("still being opened after box.ccg.token-store.lease (PT0.3S)"),
                    warnings.get(0));

            MapGridFactory.release.countDown();
            assertTrue(MapGridFactory.opened.await(20, java.util.concurrent.TimeUnit.SECONDS),
                    "the grid was opened once released");
            node.provider("").invalidate(first);
            BoxAccessToken second = node.provider("").token();
            assertNotEquals(first, second);
            int requests = BOX.simulator().tokenRequests();
            try (BoxCcgRuntime nodeB = BoxCcgRuntime.onOwnThreads(config)) {
                assertEquals(second, nodeB.provider("").token(), "the new token is on the grid");
                assertEquals(requests, BOX.simulator().tokenRequests(), "node B made no token request");
            }
        } finally {
            runtimeLog.removeHandler(capture);
            MapGridFactory.release.countDown();
        }
    }

    @Test
    void aStoreThatIsNotOnTheClassPathIsAConfigurationError() {
        Config config = TestConfigs.minimal("box.ccg.token-store", "jcache");
        try (BoxCcgRuntime node = BoxCcgRuntime.onOwnThreads(config)) {
            BoxConfigurationException e = assertThrows(BoxConfigurationException.class, () -> node.provider(""));
            assertTrue(e.getMessage().contains("box-ccg-store-jcache"), e.getMessage());
            assertFalse(e.getMessage().contains(TestConfigs.SECRET));
        }
    }

    @Test
    void deploymentValidationNamesAStoreThatIsNotOnTheClassPath() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(TestConfigs.properties("box.ccg.a.client-id", "c",
                "box.ccg.a.client-secret", "s3cr3t-x", "box.ccg.a.enterprise-id", "1", "box.ccg.a.token-store",
                "jcache", "box.ccg.b.client-id", "d", "box.ccg.b.client-secret", "s3cr3t-y", "box.ccg.b.user-id", "2",
                "box.ccg.b.token-store", "test-map"));
        List<BoxConfigurationException> missing = BoxCcgRuntime.missingTokenStores(List.of(reader.read("a"),
                reader.read("b")));
        assertEquals(1, missing.size(), missing.toString());
        assertTrue(missing.get(0).getMessage().contains("box.ccg.a.token-store=jcache"), missing.get(0).getMessage());
    }

    @Test
    void infinispanTakesACacheAndAContainerNameNotAJndiName() {
        TokenStoreConfiguration read = new BoxCcgConfigReader(TestConfigs.minimal("box.ccg.token-store", "infinispan",
                "box.ccg.token-store.cache-manager", "web")).read("").tokenStore();
        assertEquals(new TokenStoreConfiguration("infinispan", "box-ccg-tokens", Optional.of("web"),
                TokenStoreConfiguration.LOCAL.lease(), TokenStoreConfiguration.LOCAL.timeout()), read);

        List<String> problems = new BoxCcgConfigReader(TestConfigs.minimal("box.ccg.token-store", "infinispan",
                "box.ccg.token-store.cache", "java:jboss/infinispan/cache/server/box-ccg-tokens",
                "box.ccg.token-store.cache-manager", "payara/CacheManager")).problems("");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("box.ccg.token-store.cache 'java:jboss/infinispan/cache/server/"
                + "box-ccg-tokens' is not a cache name"), problems.get(0));
        assertTrue(problems.get(1).startsWith("box.ccg.token-store.cache-manager 'payara/CacheManager' is not a"
                + " cache container name"), problems.get(1));

        // The same values are fine for jcache, whose cache manager is a JNDI name.
        assertEquals(List.of(), new BoxCcgConfigReader(TestConfigs.minimal("box.ccg.token-store", "jcache",
                "box.ccg.token-store.cache-manager", "payara/CacheManager")).problems(""));
    }

    @Test
    void storeKeysWithoutASharedStoreNameBothSharedStores() {
        List<String> problems = new BoxCcgConfigReader(TestConfigs.minimal("box.ccg.token-store.cache", "t"))
                .problems("");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("set box.ccg.token-store=jcache or infinispan"), problems.get(0));
    }

    @Test
    void infinispanIsBuiltInSoDeploymentValidationFindsIt() {
        BoxCcgConfigReader reader = new BoxCcgConfigReader(TestConfigs.minimal("box.ccg.token-store", "infinispan"));
        assertEquals(List.of(), BoxCcgRuntime.missingTokenStores(List.of(reader.read(""))));
    }

    /** Two runtimes ("nodes") on one cache that a JNDI naming service binds where WildFly binds its caches. */
    @Test
    void twoRuntimesOnOneInfinispanCacheFoundInJndiMakeOneTokenRequest() {
        java.util.concurrent.ConcurrentMap<String, String> cache = new java.util.concurrent.ConcurrentHashMap<>();
        StubJndi.BINDINGS.put("java:jboss/infinispan/cache/server/box-ccg-tokens", cache);
        Config config = TestConfigs.minimal("box.ccg.token-url", tokenUrl(), "box.ccg.allow-insecure-token-url",
                "true", "box.ccg.token-store", "infinispan");
        String before = System.setProperty(javax.naming.Context.INITIAL_CONTEXT_FACTORY, StubJndi.class.getName());
        try (BoxCcgRuntime nodeA = BoxCcgRuntime.onOwnThreads(config);
             BoxCcgRuntime nodeB = BoxCcgRuntime.onOwnThreads(config)) {
            BoxAccessToken fromA = nodeA.provider("").token();
            assertEquals(fromA, nodeB.provider("").token());
            assertEquals(1, BOX.simulator().tokenRequests());
            assertEquals(1, cache.size(), "the token's entry in the cache");
            assertTrue(cache.values().stream().noneMatch(value -> value.contains(fromA.value())),
                    "the token is sealed in the cache");
        } finally {
            restore(javax.naming.Context.INITIAL_CONTEXT_FACTORY, before);
            StubJndi.BINDINGS.clear();
        }
    }

    /** No cache bound (WildFly without the cache, or without the WAR's declaration): tokens stay on each node. */
    @Test
    void anInfinispanCacheNotInJndiLeavesTheTokensOnTheNode() {
        Config config = TestConfigs.minimal("box.ccg.token-url", tokenUrl(), "box.ccg.allow-insecure-token-url",
                "true", "box.ccg.token-store", "infinispan");
        String before = System.setProperty(javax.naming.Context.INITIAL_CONTEXT_FACTORY, StubJndi.class.getName());
        try (BoxCcgRuntime nodeA = BoxCcgRuntime.onOwnThreads(config);
             BoxCcgRuntime nodeB = BoxCcgRuntime.onOwnThreads(config)) {
            assertTrue(nodeA.provider("").token().isValidAt(java.time.Instant.now()));
            assertTrue(nodeB.provider("").token().isValidAt(java.time.Instant.now()));
            assertEquals(2, BOX.simulator().tokenRequests(), "each node requested its own");
        } finally {
            restore(javax.naming.Context.INITIAL_CONTEXT_FACTORY, before);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void configurationsOfOneAppWithDifferentStoresConflict() {
        Config config = TestConfigs.properties("box.ccg.a.client-id", "c", "box.ccg.a.client-secret", "s3cr3t-x",
                "box.ccg.a.enterprise-id", "1", "box.ccg.b.client-id", "c", "box.ccg.b.client-secret", "s3cr3t-x",
                "box.ccg.b.user-id", "2", "box.ccg.b.token-store", "test-map");
        BoxCcgConfigReader reader = new BoxCcgConfigReader(config);
        List<BoxConfigurationException> conflicts = BoxCcgRuntime.conflicts(List.of(reader.read("a"),
                reader.read("b")));
        assertEquals(1, conflicts.size());
        assertTrue(conflicts.get(0).getMessage().contains("token-store"), conflicts.get(0).getMessage());
    }
}
