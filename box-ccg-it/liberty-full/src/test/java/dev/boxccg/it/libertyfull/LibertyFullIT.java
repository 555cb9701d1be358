package dev.boxccg.it.libertyfull;

import dev.boxccg.it.BoxCcgServerScenarios;

/**
 * The shared box-ccg scenarios on Open Liberty's full runtime with MicroProfile Health (see
 * {@link BoxCcgServerScenarios}). The server, its features, its ports and the {@code box-ccg-it.*} properties the
 * scenarios read are set up in this module's {@code pom.xml} and {@code src/test/liberty/config/server.xml}, and in
 * {@code ../liberty-parent}.
 */
class LibertyFullIT extends BoxCcgServerScenarios {
}
