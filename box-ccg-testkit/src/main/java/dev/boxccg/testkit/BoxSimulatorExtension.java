package dev.boxccg.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Objects;

/**
 * JUnit 5 extension that gives each test class one {@link BoxSimulator}: started before the class's first test (or
 * when first injected), {@linkplain BoxSimulator#reset() reset} before each test, stopped after the class's last
 * test. {@code @Nested} classes share their enclosing class's simulator. The reset before each test also drops the
 * tokens box-ccg cached in this JVM ({@link BoxSimulator#resetBoxCcgTokenCaches()}), so each test's token requests
 * are its own.
 *
 * <p>Declaratively, with the simulator injected into test methods, constructors and lifecycle methods:
 * <pre>{@code
 * @ExtendWith(BoxSimulatorExtension.class)
 * class MyTest {
 *     @Test
 *     void fetchesAToken(BoxSimulator box) {
 *         box.registerApp("client", "secret", "12345");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Or programmatically, which also lets you choose the settings:
 * <pre>{@code
 * class MyTest {
 *     @RegisterExtension
 *     static BoxSimulatorExtension box =
 *             new BoxSimulatorExtension(BoxSimulator.builder().tokenLifetime(Duration.ofMinutes(5)));
 *
 *     @Test
 *     void fetchesAToken() {
 *         box.simulator().registerApp("client", "secret", "12345");
 *         ...
 *     }
 * }
 * }</pre>
 * In an instance field it works too, but {@link #simulator()} is then usable from the first test on, not in
 * {@code @BeforeAll} methods.
 */
public final class BoxSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BoxSimulatorExtension.class);
    private static final String KEY = "simulator";

    private final BoxSimulator.Builder settings;
    private volatile BoxSimulator simulator;

    /** An extension whose simulators have the default settings. */
    public BoxSimulatorExtension() {
        this(BoxSimulator.builder());
    }

    /** @param settings the settings of the simulators this extension starts */
    public BoxSimulatorExtension(BoxSimulator.Builder settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @return the simulator of the test class that is running
     * @throws IllegalStateException when no test class using this extension is running
     */
    public BoxSimulator simulator() {
        BoxSimulator current = simulator;
        if (current == null) {
            throw new IllegalStateException("No Box simulator yet: simulator() works while a test class that "
                    + "registers this extension runs");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulatorFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulatorFor(context).reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Only the class that started the simulator stops it; a @Nested class's store does not hold its enclosing
        // class's simulator, as remove() does not look in enclosing stores.
        SimulatorResource started = context.getStore(NAMESPACE).remove(KEY, SimulatorResource.class);
        if (started != null) {
            simulator = null;
            started.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == BoxSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return simulatorFor(extensionContext);
    }

    /**
     * @return the simulator of the test class (or of an enclosing class), started now if there is none yet, as
     * when a constructor is injected before {@link #beforeAll(ExtensionContext)}
     */
    private BoxSimulator simulatorFor(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        BoxSimulator current = classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, key -> new SimulatorResource(settings.start()), SimulatorResource.class)
                .simulator();
        simulator = current;
        return current;
    }

    /** Stops the simulator when JUnit closes the store it is kept in. */
    private record SimulatorResource(BoxSimulator simulator) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            simulator.close();
        }
    }
}
