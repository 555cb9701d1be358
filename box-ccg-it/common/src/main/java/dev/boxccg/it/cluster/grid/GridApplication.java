package dev.boxccg.it.cluster.grid;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The grid probe's JAX-RS application, for a probe deployed as a WAR of its own ({@code /<context root>/grid/entries/
 * {key}}), where the server's grid is shared by its applications (Payara). Where the grid lives in the application's
 * WAR (Open Liberty with the provider in the WAR), the test application carries {@link GridResource} alone, under its
 * own JAX-RS application.
 */
@ApplicationPath(GridApplication.PATH)
public class GridApplication extends Application {

    public static final String PATH = "grid";
}
