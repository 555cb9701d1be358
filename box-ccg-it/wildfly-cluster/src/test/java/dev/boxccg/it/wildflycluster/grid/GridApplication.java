package dev.boxccg.it.wildflycluster.grid;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The grid probe's JAX-RS application: {@code /grid-probe/grid/entries}. */
@ApplicationPath(GridApplication.PATH)
public class GridApplication extends Application {

    public static final String PATH = "grid";
}
