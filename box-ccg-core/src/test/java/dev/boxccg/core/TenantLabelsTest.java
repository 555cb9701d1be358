package dev.boxccg.core;

import dev.boxccg.BoxAuthenticationException;
import dev.boxccg.BoxCredentials;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTenantCredentials;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labels of tenants, which metrics, traces and health data show instead of tenant keys (over HTTP against the
 * simulator, two apps in two enterprises; idle time on a manual ticker): opaque, stable across engines ("nodes") with
 * the same secret, new with a new secret, or the application's own.
 */
class TenantLabelsTest {

    @RegisterExtension
    static final BoxSimulatorExtension BOX = new BoxSimulatorExtension();

    static final String ACME = "Acme Corporation";
    static final String ACME_CLIENT = "acme-client-71";
    static final String ACME_SECRET = "acme-secret-71";
    static final String ACME_ENTERPRISE = "7101";
    static final String GLOBEX = "Globex";
    static final String GLOBEX_CLIENT = "globex-client-72";
    static final String GLOBEX_SECRET = "globex-secret-72";
    static final String GLOBEX_ENTERPRISE = "7102";

    private final ManualTime time = new ManualTime();
    private final Map<String, BoxCredentials> database = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final AtomicInteger dropReports = new AtomicInteger();

    @BeforeEach
    void twoEnterprises() {
        BOX.simulator().registerApp(ACME_CLIENT, ACME_SECRET, ACME_ENTERPRISE).authorizedByAdmin(true);
        BOX.simulator().registerApp(GLOBEX_CLIENT, GLOBEX_SECRET, GLOBEX_ENTERPRISE).authorizedByAdmin(true);
        database.put(ACME, BoxCredentials.of(ACME_CLIENT, ACME_SECRET, BoxSubject.enterprise(ACME_ENTERPRISE)));
        database.put(GLOBEX, BoxCredentials.of(GLOBEX_CLIENT, GLOBEX_SECRET,
                BoxSubject.enterprise(GLOBEX_ENTERPRISE)));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** A registry on an engine of its own: another node, as far as labels go. */
    private TenantRegistry node(String configurationName, BoxTenantCredentials resolver, int max) {
        BoxCcgEngine engine = BoxCcgEngine.builder().ticker(time).clock(time).build();
        TenantRegistry registry = TenantRegistry.builder(engine, resolver, this::settings)
                .configurationName(configurationName).onDropped(dropReports::incrementAndGet)
                .maxTenants(max).idleTimeout(Duration.ofMinutes(30)).build();
        closing.add(0, engine);
        closing.add(0, registry);
        return registry;
    }

    private TenantRegistry node() {
        return node("", tenant -> Optional.ofNullable(database.get(tenant)), 10);
    }

    private BoxCcgSettings settings(BoxCredentials credentials) {
        return BoxCcgSettings.builder().tokenUrl(BOX.simulator().tokenUrl())
                .clientId(credentials.clientId()).clientSecret(credentials.clientSecret()).build();
    }

    @Test
    void eachLiveTenantHasAnOpaqueLabelOfItsOwn() {
        TenantRegistry tenants = node();
        assertEquals(Optional.empty(), tenants.label(ACME), "not live yet");
        tenants.provider(ACME).token();
        tenants.provider(GLOBEX).token();

        String acme = tenants.label(ACME).orElseThrow();
        String globex = tenants.label(GLOBEX).orElseThrow();
        assertTrue(acme.matches("t-[0-9a-f]{12}"), acme);
        assertTrue(globex.matches("t-[0-9a-f]{12}"), globex);
        assertNotEquals(acme, globex);
        for (String label : List.of(acme, globex)) {
            for (String revealing : List.of(ACME, "Acme", GLOBEX, ACME_CLIENT, ACME_SECRET, ACME_ENTERPRISE,
                    GLOBEX_CLIENT, GLOBEX_SECRET, GLOBEX_ENTERPRISE)) {
                assertFalse(label.contains(revealing), label + " holds " + revealing);
            }
        }
        assertEquals(List.of(acme, globex).stream().sorted().toList(),
                tenants.states().stream().map(TenantRegistry.TenantState::label).toList(), "states by label");
        assertEquals(List.of(acme, globex).stream().sorted().toList(),
                tenants.owners().stream().map(TenantRegistry.TenantOwner::label).toList(), "owners by label");
        assertEquals(BoxSubject.enterprise(ACME_ENTERPRISE), tenants.owners().stream()
                .filter(owner -> owner.label().equals(acme)).findFirst().orElseThrow().subject());
        assertEquals(Optional.empty(), tenants.label("Initech"));
    }

    @Test
    void theSameCredentialsGiveTheSameLabelOnAnotherNodeButNotInAnotherConfiguration() {
        TenantRegistry nodeA = node();
        TenantRegistry nodeB = node();
        TenantRegistry otherConfiguration = node("eu", tenant -> Optional.ofNullable(database.get(tenant)), 10);
        nodeA.provider(ACME).token();
        nodeB.provider(ACME).token();
        otherConfiguration.provider(ACME).token();

        assertEquals(nodeA.label(ACME), nodeB.label(ACME));
        assertNotEquals(nodeA.label(ACME), otherConfiguration.label(ACME));
        assertEquals(TenantLabels.pseudonym(ACME_SECRET, "", ACME), nodeA.label(ACME).orElseThrow(),
                "the documented derivation: configuration name and tenant key under the secret");
    }

    @Test
    void aNewSecretGivesANewLabel() {
        TenantRegistry tenants = node();
        tenants.provider(ACME).token();
        String before = tenants.label(ACME).orElseThrow();

        BOX.simulator().registerApp(ACME_CLIENT, "acme-secret-rotated", ACME_ENTERPRISE);
        database.put(ACME, BoxCredentials.of(ACME_CLIENT, "acme-secret-rotated",
                BoxSubject.enterprise(ACME_ENTERPRISE)));
        tenants.forget(ACME); // the application rotated the secret and says so
        tenants.provider(ACME).token();

        String after = tenants.label(ACME).orElseThrow();
        assertNotEquals(before, after);
        assertTrue(after.matches("t-[0-9a-f]{12}"), after);
        assertEquals(1, dropReports.get(), "the old label left");
        assertEquals(2, BOX.simulator().tokenRequests("enterprise", ACME_ENTERPRISE), "one token per secret");
    }

    @Test
    void theApplicationsLabelIsUsedAndANewOneWithTheSameCredentialsReplacesIt() {
        AtomicInteger resolved = new AtomicInteger();
        BoxCredentials acme = database.get(ACME);
        BoxCredentials unauthorized = BoxCredentials.of(GLOBEX_CLIENT, GLOBEX_SECRET,
                BoxSubject.enterprise(GLOBEX_ENTERPRISE));
        BOX.simulator().registerApp(GLOBEX_CLIENT, GLOBEX_SECRET, GLOBEX_ENTERPRISE).authorizedByAdmin(false);
        TenantRegistry tenants = node("", tenant -> Optional.of(tenant.equals(ACME) ? acme.withLabel("customer-0042")
                : unauthorized.withLabel("customer-" + resolved.incrementAndGet())), 10);

        tenants.provider(ACME).token();
        assertEquals(Optional.of("customer-0042"), tenants.label(ACME));

        // Box refuses globex: it is resolved again, with the same credentials but a new label.
        assertThrows(BoxAuthenticationException.class, () -> tenants.provider(GLOBEX).token());
        assertEquals(2, resolved.get());
        assertEquals(Optional.of("customer-2"), tenants.label(GLOBEX));
        assertEquals(1, dropReports.get(), "the old label left");
        assertEquals(1, BOX.simulator().tokenRequests("enterprise", GLOBEX_ENTERPRISE),
                "same credentials: no retry, the refusal stands");
    }

    @Test
    void statesShowEachTenantsTroubleByLabel() {
        BOX.simulator().registerApp(GLOBEX_CLIENT, GLOBEX_SECRET, GLOBEX_ENTERPRISE).authorizedByAdmin(false);
        TenantRegistry tenants = node();
        tenants.provider(ACME).token();
        assertThrows(BoxAuthenticationException.class, () -> tenants.provider(GLOBEX).token());

        Map<String, TenantRegistry.TenantState> states = new ConcurrentHashMap<>();
        tenants.states().forEach(state -> states.put(state.label(), state));
        TenantRegistry.TenantState acme = states.get(tenants.label(ACME).orElseThrow());
        TenantRegistry.TenantState globex = states.get(tenants.label(GLOBEX).orElseThrow());
        assertTrue(acme.tokenHeld());
        assertEquals(Optional.empty(), acme.trouble());
        assertFalse(globex.tokenHeld());
        assertEquals(Optional.of("invalid_grant"), globex.trouble().orElseThrow().error());
        assertEquals(BoxSubject.enterprise(GLOBEX_ENTERPRISE), globex.subject());
        assertEquals(new TenantRegistry.Summary(2, 1, 1, 0, 0, 10), tenants.summary());
    }

    @Test
    void leavingTenantsAreReportedWhetherForgottenEvictedOrIdle() {
        TenantRegistry tenants = node("", tenant -> Optional.ofNullable(database.get(tenant)), 1);
        tenants.provider(ACME).token();
        assertEquals(0, dropReports.get());
        tenants.forget("Initech");
        assertEquals(0, dropReports.get(), "nothing left");

        tenants.provider(GLOBEX).token(); // past the bound of 1: acme is evicted
        assertEquals(1, dropReports.get());
        assertEquals(Optional.empty(), tenants.label(ACME));

        tenants.forget(GLOBEX);
        assertEquals(2, dropReports.get());

        tenants.provider(ACME).token();
        time.advance(Duration.ofMinutes(31));
        assertEquals(1, tenants.states().size(), "reading states drops nothing");
        assertEquals(2, dropReports.get());
        tenants.dropIdle();
        assertEquals(List.of(), tenants.states(), "idle: dropped");
        assertEquals(3, dropReports.get());
    }
}
