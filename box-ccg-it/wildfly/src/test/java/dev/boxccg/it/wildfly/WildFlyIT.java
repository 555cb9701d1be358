package dev.boxccg.it.wildfly;

import dev.boxccg.it.BoxCcgServerScenarios;

/**
 * The shared box-ccg scenarios on WildFly (see {@link BoxCcgServerScenarios}). The server, its ports and the
 * {@code box-ccg-it.*} properties the scenarios read are set up in this module's {@code pom.xml} and
 * {@code arquillian.xml}.
 */
class WildFlyIT extends BoxCcgServerScenarios {
}
