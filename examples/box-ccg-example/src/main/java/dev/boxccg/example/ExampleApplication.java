package dev.boxccg.example;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The application's JAX-RS resources live under {@code <context root>/api}. */
@ApplicationPath("/api")
public class ExampleApplication extends Application {
}
