package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxCredentials;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTenantCredentials;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.testkit.BoxSimulator;
import dev.boxccg.testkit.BoxSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many Box enterprises through one engine: each tenant's credentials come from the application's resolver, over real
 * HTTP against the simulator, with two apps in two enterprises. Idle time runs on a manual ticker: no sleeping.
 */
class TenantRegistryTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    static final String ACME_CLIENT = "acme-client";
    static final String ACME_SECRET = "acme-secret-1";
    static final String ACME_ENTERPRISE = "7001";
    static final String GLOBEX_CLIENT = "globex-client";
    static final String GLOBEX_SECRET = "globex-secret-1";
    static final String GLOBEX_ENTERPRISE = "7002";

    private final ManualTime time = new ManualTime();
    /** The application's "database" of tenant credentials. */
    private final Map<String, BoxCredentials> database = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> resolutions = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private BoxCcgEngine engine;

    @BeforeEach
    void twoEnterprises() {
        BoxSimulator box = BOX.simulator();
        box.registerApp(ACME_CLIENT, ACME_SECRET, ACME_ENTERPRISE);
        box.registerApp(GLOBEX_CLIENT, GLOBEX_SECRET, GLOBEX_ENTERPRISE).authorizedByAdmin(true); // after a refusal
        database.put("acme", BoxCredentials.of(ACME_CLIENT, ACME_SECRET, BoxSubject.enterprise(ACME_ENTERPRISE)));
        database.put("globex", BoxCredentials.of(GLOBEX_CLIENT, GLOBEX_SECRET,
                BoxSubject.enterprise(GLOBEX_ENTERPRISE)));
        engine = BoxCcgEngine.builder().ticker(time).clock(time).build();
        closing.add(engine);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private TenantRegistry registry(BoxTenantCredentials resolver, int max) {
        TenantRegistry registry = TenantRegistry.builder(engine, resolver, this::settings)
                .maxTenants(max).idleTimeout(Duration.ofMinutes(30)).resolveTimeout(Duration.ofSeconds(2)).build();
        closing.add(0, registry);
        return registry;
    }

    private TenantRegistry registry() {
        return registry(this::fromDatabase, 10);
    }

    private Optional<BoxCredentials> fromDatabase(String tenant) {
        resolutions.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
        return Optional.ofNullable(database.get(tenant));
    }

    private int resolutions(String tenant) {
        AtomicInteger count = resolutions.get(tenant);
        return count == null ? 0 : count.get();
    }

    private BoxCcgSettings settings(BoxCredentials credentials) {
        return BoxCcgSettings.builder().tokenUrl(credentials.tokenUrl().orElse(BOX.simulator().tokenUrl()))
                .clientId(credentials.clientId()).clientSecret(credentials.clientSecret()).build();
    }

    @Test
    void eachTenantGetsATokenOfItsOwnAppResolvedOnce() {
        TenantRegistry tenants = registry();
        BoxAccessToken acme = tenants.provider("acme").token();
        BoxAccessToken globex = tenants.provider("globex").token();
        tenants.provider("acme").token();
        tenants.provider("globex").token();

        assertNotEquals(acme.value(), globex.value());
        assertEquals(BoxSubject.enterprise(ACME_ENTERPRISE), acme.subject());
        assertEquals(BoxSubject.enterprise(GLOBEX_ENTERPRISE), globex.subject());
        assertEquals(1, BOX.simulator().tokenRequests("enterprise", ACME_ENTERPRISE));
        assertEquals(1, BOX.simulator().tokenRequests("enterprise", GLOBEX_ENTERPRISE));
        assertEquals(1, resolutions("acme"));
        assertEquals(1, resolutions("globex"));
        assertEquals(new TenantRegistry.Summary(2, 2, 0, 0, 0, 10), tenants.summary());
    }

    @Test
    void aRefusalForOneTenantNeverAffectsAnother() {
        TenantRegistry tenants = registry();
        BOX.simulator().registerApp(GLOBEX_CLIENT, GLOBEX_SECRET, GLOBEX_ENTERPRISE).authorizedByAdmin(false);

        BoxAuthenticationException refused = assertThrows(BoxAuthenticationException.class,
                () -> tenants.provider("globex").token());
        assertEquals(Optional.of("invalid_grant"), refused.error());
        BoxAccessToken acme = tenants.provider("acme").token();
        // globex cools down (fails fast) while acme keeps working
        assertThrows(BoxAuthenticationException.class, () -> tenants.provider("globex").token());
        assertEquals(acme, tenants.provider("acme").token());

        assertEquals(1, BOX.simulator().tokenRequests("enterprise", GLOBEX_ENTERPRISE));
        assertEquals(new TenantRegistry.Summary(2, 1, 1, 0, 0, 10), tenants.summary());
        // A refusal with unchanged credentials re-resolves once, not once per caller during the cooldown.
        assertEquals(2, resolutions("globex"));
    }

    @Test
    void aRotatedSecretIsPickedUpWhenBoxRefusesTheOldOne() {
        TenantRegistry tenants = registry();
        BoxTokenProvider acme = tenants.provider("acme");
        BoxAccessToken old = acme.token();
        AppIdentity oldApp = settings(database.get("acme")).identity();

        // The customer rotates the secret at Box, and the vendor stores the new one.
        BOX.simulator().registerApp(ACME_CLIENT, "acme-secret-2", ACME_ENTERPRISE);
        database.put("acme", BoxCredentials.of(ACME_CLIENT, "acme-secret-2", BoxSubject.enterprise(ACME_ENTERPRISE)));
        acme.invalidate(old); // as a 401 from the API would

        BoxAccessToken renewed = acme.token();

        assertNotEquals(old.value(), renewed.value());
        assertEquals(2, resolutions("acme"));
        assertEquals(3, BOX.simulator().tokenRequests("enterprise", ACME_ENTERPRISE)); // issued, refused, issued
        assertTrue(engine.statuses().stream().noneMatch(s -> s.key().app().equals(oldApp)),
                "the old secret's key is forgotten");
        assertEquals(renewed, acme.token());
    }

    @Test
    void forgetDropsTheTenantAndItsTokens() {
        TenantRegistry tenants = registry();
        BoxAccessToken first = tenants.provider("acme").token();
        tenants.provider("globex").token();

        tenants.forget("acme");

        assertFalse(tenants.isLive("acme"));
        assertEquals(1, engine.cachedKeys());
        BoxAccessToken second = tenants.provider("acme").token();
        assertNotEquals(first.value(), second.value());
        assertEquals(2, resolutions("acme"));
    }

    @Test
    void theLeastRecentlyUsedTenantIsDroppedPastTheBound() {
        database.put("initech", BoxCredentials.of(ACME_CLIENT, ACME_SECRET, BoxSubject.enterprise(ACME_ENTERPRISE)));
        TenantRegistry tenants = registry(this::fromDatabase, 2);
        tenants.provider("globex").token();
        time.advance(Duration.ofSeconds(1));
        tenants.provider("acme").token();
        time.advance(Duration.ofSeconds(1));
        tenants.provider("initech").token(); // the same app and subject as acme: shares its token

        assertEquals(2, tenants.size());
        assertFalse(tenants.isLive("globex"));
        assertTrue(tenants.isLive("acme"));
        assertEquals(1, engine.cachedKeys(), "globex's token is forgotten, acme's is kept for initech");
        assertEquals(1, BOX.simulator().tokenRequests("enterprise", ACME_ENTERPRISE));
    }

    @Test
    void anIdleTenantIsDroppedAndResolvedAgainOnItsNextUse() {
        TenantRegistry tenants = registry();
        tenants.provider("acme").token();
        time.advance(Duration.ofMinutes(20));
        tenants.provider("globex").token();
        time.advance(Duration.ofMinutes(11)); // acme idle 31 minutes, globex 11

        tenants.provider("globex").token();

        assertFalse(tenants.isLive("acme"));
        assertTrue(tenants.isLive("globex"));
        assertEquals(1, engine.cachedKeys());
        tenants.provider("acme").token();
        assertEquals(2, resolutions("acme"));
        assertEquals(1, resolutions("globex"));
    }

    @Test
    void anUnknownTenantFailsNamingIt() {
        TenantRegistry tenants = registry();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> tenants.provider("hooli").token());
        assertTrue(unknown.getMessage().contains("'hooli'"), unknown.getMessage());
        assertEquals(0, tenants.size());
    }

    @Test
    void aThrowingResolverFailsOnlyThatTenant() {
        TenantRegistry tenants = registry(tenant -> {
            if (tenant.equals("globex")) {
                throw new IllegalStateException("vault sealed");
            }
            return fromDatabase(tenant);
        }, 10);

        BoxAuthenticationException failed = assertThrows(BoxAuthenticationException.class,
                () -> tenants.provider("globex").token());
        assertTrue(failed.getMessage().contains("'globex'") && failed.getMessage().contains("IllegalStateException"),
                failed.getMessage());
        assertEquals(ACME_ENTERPRISE, tenants.provider("acme").token().subject().id());
    }

    @Test
    void aHangingResolverIsWaitedForAtMostTheResolveTimeoutAndOnceForAllCallers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        TenantRegistry tenants = TenantRegistry.builder(engine, tenant -> {
            if (tenant.equals("globex")) {
                calls.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return fromDatabase(tenant);
        }, this::settings).resolveTimeout(Duration.ofMillis(300)).build();
        closing.add(0, tenants);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<BoxAccessToken>> waiting = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiting.add(callers.submit(() -> tenants.provider("globex").token()));
            }
            for (Future<BoxAccessToken> caller : waiting) {
                Exception failed = assertThrows(Exception.class, () -> caller.get(10, TimeUnit.SECONDS));
                assertTrue(failed.getCause() instanceof BoxAuthenticationException timeout
                        && timeout.getMessage().contains("did not answer"), String.valueOf(failed.getCause()));
            }
            assertEquals(1, calls.get(), "one resolver call for every caller waiting at once");
            assertEquals(ACME_ENTERPRISE, tenants.provider("acme").token().subject().id());

            // Once the resolve timeout has passed on the ticker, a caller that gives up lets the next one ask anew.
            time.advance(Duration.ofSeconds(1));
            assertThrows(BoxAuthenticationException.class, () -> tenants.provider("globex").token());
            assertEquals(1, calls.get());
            assertThrows(BoxAuthenticationException.class, () -> tenants.provider("globex").token());
            assertEquals(2, calls.get(), "a new resolver call after the hung one timed out");
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }
}
