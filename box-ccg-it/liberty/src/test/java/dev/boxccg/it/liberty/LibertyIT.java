package dev.boxccg.it.liberty;

import dev.boxccg.it.BoxCcgServerScenarios;

/**
 * The shared box-ccg scenarios on Open Liberty (see {@link BoxCcgServerScenarios}). The server, its features, its
 * ports and the {@code box-ccg-it.*} properties the scenarios read are set up in this module's {@code pom.xml},
 * {@code src/test/liberty/config/server.xml} and {@code arquillian.xml}.
 */
class LibertyIT extends BoxCcgServerScenarios {
}
