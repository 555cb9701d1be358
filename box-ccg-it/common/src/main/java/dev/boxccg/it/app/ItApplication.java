package dev.boxccg.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The test application's JAX-RS root: {@code <context root>/api}. */
@ApplicationPath(ItApplication.PATH)
public class ItApplication extends Application {

    public static final String PATH = "api";
}
