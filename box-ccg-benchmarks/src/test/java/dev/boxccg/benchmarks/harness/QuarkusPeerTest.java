package dev.boxccg.benchmarks.harness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether the harnesses include the Quarkus peer: only when its application is there. */
class QuarkusPeerTest {

    @AfterEach
    void forgetTheNamedApplication() {
        System.clearProperty(QuarkusPeer.JAR_PROPERTY);
    }

    @Test
    void anApplicationThatWasNotBuiltLeavesQuarkusOut(@TempDir Path dir) {
        System.setProperty(QuarkusPeer.JAR_PROPERTY, dir.resolve("quarkus-run.jar").toString());

        assertEquals(Optional.empty(), QuarkusPeer.application());
        assertFalse(Library.QUARKUS_OIDC_CLIENT.available());
        assertFalse(Library.QUARKUS_OIDC_CLIENT_REFRESH_INTERVAL.available());
        assertTrue(Library.BOX_CCG.available(), "the in-process libraries do not depend on it");
    }

    @Test
    void aNamedApplicationIsUsed(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("quarkus-run.jar"));
        System.setProperty(QuarkusPeer.JAR_PROPERTY, jar.toString());

        assertEquals(Optional.of(jar), QuarkusPeer.application());
        assertTrue(Library.QUARKUS_OIDC_CLIENT.available());
    }
}
