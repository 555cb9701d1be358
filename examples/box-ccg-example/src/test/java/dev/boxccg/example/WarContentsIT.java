package dev.boxccg.example;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after {@code package} (Maven Failsafe): the WAR holds the application and box-ccg's three JARs, and nothing
 * the server provides.
 */
class WarContentsIT {

    static final Path WAR = Path.of(System.getProperty("box-ccg-example.war", "target/box-ccg-example.war"));

    static Set<String> entries;

    @BeforeAll
    static void readWar() throws IOException {
        Path war = WAR;
        assertTrue(Files.isRegularFile(war), war + " is missing: run 'mvn verify'");
        try (JarFile file = new JarFile(war.toFile())) {
            entries = file.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void libHoldsExactlyBoxCcgsThreeJars() {
        List<String> libraries = entries.stream().filter(name -> name.startsWith("WEB-INF/lib/"))
                .map(name -> name.substring("WEB-INF/lib/".length()).replaceFirst("-\\d[^/]*\\.jar$", ""))
                .sorted().toList();
        assertEquals(List.of("box-ccg-api", "box-ccg-core", "box-ccg-impl"), libraries,
                "WEB-INF/lib: " + entries.stream().filter(name -> name.startsWith("WEB-INF/lib/")).toList());
    }

    @Test
    void classesHoldTheApplicationAndItsConfiguration() {
        Set<String> classes = entries.stream().filter(name -> name.startsWith("WEB-INF/classes/"))
                .map(name -> name.substring("WEB-INF/classes/".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(
                "META-INF/microprofile-config.properties",
                "dev/boxccg/example/BoxUsers.class",
                "dev/boxccg/example/ExampleApplication.class",
                "dev/boxccg/example/WhoAmIResource.class"), classes);
    }

    @Test
    void hasBeansXmlDiscoveringAllBeans() throws IOException {
        assertTrue(entries.contains("WEB-INF/beans.xml"), "WEB-INF/beans.xml");
        try (JarFile file = new JarFile(WAR.toFile())) {
            String beans = new String(file.getInputStream(file.getEntry("WEB-INF/beans.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(beans.contains("bean-discovery-mode=\"all\""), beans);
        }
    }
}
