package dev.boxccg.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs the extension on fixture classes (static nested classes, which neither Surefire nor JUnit run on their own)
 * and checks what they saw.
 */
class BoxSimulatorExtensionTest {

    /** The simulators the fixtures saw, in order. */
    private static final List<BoxSimulator> SEEN = new CopyOnWriteArrayList<>();

    /**
     * Runs the fixture class, expects all its tests to pass and each place that looked at the simulator to have
     * seen the same one, stopped afterwards.
     *
     * @return the simulator the fixture used
     */
    private static BoxSimulator runFixture(Class<?> fixture, int tests, int sightings) {
        SEEN.clear();
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(tests).succeeded(tests));

        assertEquals(sightings, SEEN.size(), SEEN::toString);
        assertEquals(1, Set.copyOf(SEEN).size(), SEEN::toString);
        BoxSimulator used = SEEN.get(0);
        assertThrows(ConnectException.class, () -> new BoxHttp(used).get("/2.0/users/me", null), "stopped");
        return used;
    }

    @Test
    void declarativeStartsInjectsResetsAndStopsOneSimulatorPerClass() {
        runFixture(DeclarativeFixture.class, 2, 5); // @BeforeAll, 2 constructors, 2 tests
    }

    @Test
    void programmaticGivesTheSimulatorWithItsSettingsToTheClassAndItsNestedClasses() {
        runFixture(ProgrammaticFixture.class, 2, 3); // @BeforeAll, the test, the nested test
    }

    @Test
    void constructorInjectionWorksWithATestInstancePerClass() {
        runFixture(PerClassFixture.class, 1, 2); // the constructor, the test
    }

    @Test
    void eachClassRunHasItsOwnSimulator() {
        BoxSimulator first = runFixture(PerClassFixture.class, 1, 2);

        assertNotSame(first, runFixture(PerClassFixture.class, 1, 2));
    }

    @Test
    void simulatorIsUnavailableOutsideATestClass() {
        assertThrows(IllegalStateException.class, () -> new BoxSimulatorExtension().simulator());
    }

    /** A fixture whose constructor is injected. */
    abstract static class ConstructedFixture {

        final BoxSimulator box;

        ConstructedFixture(BoxSimulator box) {
            this.box = box;
            SEEN.add(box);
        }
    }

    @ExtendWith(BoxSimulatorExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class DeclarativeFixture extends ConstructedFixture {

        DeclarativeFixture(BoxSimulator box) {
            super(box);
        }

        @BeforeAll
        static void registerApp(BoxSimulator box) {
            SEEN.add(box);
            box.registerApp("fixture", "secret", "1");
        }

        @Test
        @Order(1)
        void firstTestUsesTheSimulator(BoxSimulator box) throws IOException {
            SEEN.add(box);
            assertSame(this.box, box);
            new BoxHttp(box).token("fixture", "secret", "enterprise", "1");
            box.failNextTokenRequests(1, TokenFault.status(500));
            assertEquals(1, box.tokenRequests());
        }

        @Test
        @Order(2)
        void secondTestFindsItResetButWithItsApps(BoxSimulator box) throws IOException {
            SEEN.add(box);
            assertEquals(0, box.tokenRequests());
            new BoxHttp(box).token("fixture", "secret", "enterprise", "1");
        }
    }

    static class ProgrammaticFixture {

        @RegisterExtension
        static final BoxSimulatorExtension BOX =
                new BoxSimulatorExtension(BoxSimulator.builder().tokenLifetime(Duration.ofSeconds(42)));

        @BeforeAll
        static void registerApp() {
            SEEN.add(BOX.simulator());
            BOX.simulator().registerApp("fixture", "secret", "1");
        }

        @Test
        void usesTheSettings() throws IOException {
            SEEN.add(BOX.simulator());
            var response = new BoxHttp(BOX.simulator()).postToken(
                    BoxHttp.grantForm("fixture", "secret", "enterprise", "1"));
            assertEquals(42, BoxHttp.json(response).getInt("expires_in"));
        }

        @AfterAll
        static void stillRunsInAfterAll() throws IOException {
            assertEquals(401, new BoxHttp(BOX.simulator()).get("/2.0/users/me", null).statusCode());
        }

        @Nested
        class Inner {

            @BeforeEach
            void makeDirty() {
                BOX.simulator().failNextTokenRequests(1, TokenFault.status(500));
            }

            @Test
            void sharesTheSimulatorResetForThisTest(BoxSimulator box) throws IOException {
                SEEN.add(box);
                assertSame(BOX.simulator(), box);
                assertEquals(500, new BoxHttp(box).postToken(
                        BoxHttp.grantForm("fixture", "secret", "enterprise", "1")).statusCode());
            }
        }
    }

    @ExtendWith(BoxSimulatorExtension.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassFixture extends ConstructedFixture {

        PerClassFixture(BoxSimulator box) {
            super(box);
        }

        @Test
        void getsTheSameSimulator(BoxSimulator box) {
            SEEN.add(box);
            assertSame(this.box, box);
        }
    }
}
