package dev.boxccg.impl.runtime;

import dev.boxccg.core.TokenGrid;
import org.junit.jupiter.api.Test;

import javax.naming.NameNotFoundException;
import javax.naming.NoInitialContextException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code token-store=infinispan}: the JNDI name it looks up, the grid it makes, and what it says when that fails. */
class InfinispanTokenGridFactoryTest {

    private static final String DEFAULT_NAME = "java:jboss/infinispan/cache/server/box-ccg-tokens";

    private final List<String> looked = new ArrayList<>();

    @Test
    void theDefaultsAreWildFlysServerContainerAndBoxCcgsCache() {
        ConcurrentMap<String, String> cache = new ConcurrentHashMap<>();
        TokenGrid grid = new InfinispanTokenGridFactory(name -> {
            looked.add(name);
            return cache;
        }).open("box-ccg-tokens", Optional.empty());

        assertEquals(List.of(DEFAULT_NAME), looked);
        assertEquals(TokenGrid.of(cache, "any"), grid, "a grid over the looked-up map itself");
        assertNotEquals(TokenGrid.of(new ConcurrentHashMap<>(), "any"), grid);
        assertEquals("Infinispan cache server/box-ccg-tokens", grid.describe());
        assertEquals("infinispan", new InfinispanTokenGridFactory().name());
    }

    @Test
    void theCacheManagerKeyNamesTheContainer() {
        new InfinispanTokenGridFactory(name -> {
            looked.add(name);
            return new ConcurrentHashMap<>();
        }).open("tokens", Optional.of("box-ccg"));
        assertEquals(List.of("java:jboss/infinispan/cache/box-ccg/tokens"), looked);
    }

    @Test
    void theGridWritesThroughToTheCache() {
        ConcurrentMap<String, String> cache = new ConcurrentHashMap<>();
        TokenGrid grid = new InfinispanTokenGridFactory(name -> cache).open("box-ccg-tokens", Optional.empty());
        assertTrue(grid.putIfAbsent("k", "v1"));
        assertEquals("v1", cache.get("k"));
        assertTrue(grid.replace("k", "v1", "v2"));
        assertEquals("v2", cache.get("k"));
        assertTrue(grid.remove("k", "v2"));
        assertTrue(cache.isEmpty());
    }

    @Test
    void aNameWildFlyDidNotBindSaysWhatToAddToTheServerAndTheWar() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new InfinispanTokenGridFactory(
                name -> {
                    throw new NameNotFoundException(name);
                }).open("box-ccg-tokens", Optional.empty()));
        String message = e.getMessage();
        assertTrue(message.contains("No Infinispan cache under the JNDI name " + DEFAULT_NAME), message);
        assertTrue(message.contains("token-store.cache-manager=server, token-store.cache=box-ccg-tokens"), message);
        assertTrue(message.contains("NameNotFoundException"), message);
        assertTrue(message.contains("/subsystem=infinispan/cache-container=server/replicated-cache=box-ccg-tokens:add()"),
                message);
        assertTrue(message.contains("<lookup-name>" + DEFAULT_NAME + "</lookup-name>"), message);
        assertTrue(message.contains("WEB-INF/web.xml"), message);
    }

    @Test
    void aCacheThatFailsToStartIsReportedLikeAMissingOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new InfinispanTokenGridFactory(
                name -> {
                    throw new IllegalStateException("cache failed to start");
                }).open("tokens", Optional.of("web")));
        assertTrue(e.getMessage().contains("java:jboss/infinispan/cache/web/tokens"), e.getMessage());
        assertTrue(e.getMessage().contains("IllegalStateException"), e.getMessage());
    }

    @Test
    void withoutJndiItSaysThatItNeedsWildFly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new InfinispanTokenGridFactory(
                name -> {
                    throw new NoInitialContextException("none");
                }).open("box-ccg-tokens", Optional.empty()));
        assertTrue(e.getMessage().contains("No JNDI naming service to look up the Infinispan cache " + DEFAULT_NAME),
                e.getMessage());
        assertTrue(e.getMessage().contains("token-store=infinispan needs WildFly"), e.getMessage());
    }

    @Test
    void somethingElseUnderTheNameIsNamedByItsClass() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new InfinispanTokenGridFactory(
                name -> new HashMap<String, String>()).open("box-ccg-tokens", Optional.empty()));
        assertTrue(e.getMessage().contains("The JNDI name " + DEFAULT_NAME + " holds a java.util.HashMap, not an"
                + " Infinispan cache"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> new InfinispanTokenGridFactory(name -> null)
                .open("box-ccg-tokens", Optional.empty()));
        assertTrue(e.getMessage().contains("holds a null"), e.getMessage());
    }
}
