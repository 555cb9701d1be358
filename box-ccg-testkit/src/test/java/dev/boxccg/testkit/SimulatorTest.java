package dev.boxccg.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that talk to one simulator per class, through the extension (used declaratively), with an app
 * of their own for each test.
 */
@ExtendWith(BoxSimulatorExtension.class)
abstract class SimulatorTest {

    BoxSimulator box;
    BoxHttp http;
    BoxSimulator.App app;

    @BeforeEach
    final void registerApp(BoxSimulator simulator) {
        box = simulator;
        http = new BoxHttp(simulator);
        app = TestApps.register(simulator);
    }

    /** @return a token for the app's service account */
    final String enterpriseToken() throws java.io.IOException {
        return http.token(app.clientId(), TestApps.SECRET, "enterprise", app.enterpriseId());
    }
}
