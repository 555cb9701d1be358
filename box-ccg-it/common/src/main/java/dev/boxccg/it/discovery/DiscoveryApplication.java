package dev.boxccg.it.discovery;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS root of the discovery WARs: {@code <context root>/api}. */
@ApplicationPath(DiscoveryApplication.PATH)
public class DiscoveryApplication extends Application {

    public static final String PATH = "api";
}
