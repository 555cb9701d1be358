package dev.boxccg.it.cluster;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;

/** One of the two server nodes that {@link SharedTokenScenarios} drives: started, deployed to and killed by its module. */
public interface ClusterNode {

    /** @return e.g. {@code node-a} */
    String name();

    /** @return the port the node serves HTTP on, on 127.0.0.1 */
    int httpPort();

    /** @return the server's own log file */
    Path serverLog();

    /**
     * SIGKILL: no shutdown hook, no {@code @PreDestroy}, no graceful leave from the grid. Waits (bounded) until the
     * process is gone.
     *
     * @return the PID killed
     */
    long kill();

    /** @return the deployment's URL, e.g. {@code http://127.0.0.1:8380/box-ccg-it/} */
    default URL url(String contextRoot) {
        try {
            return new URL("http://127.0.0.1:" + httpPort() + "/" + contextRoot + "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(contextRoot, e);
        }
    }
}
