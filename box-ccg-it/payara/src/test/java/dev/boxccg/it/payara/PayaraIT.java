package dev.boxccg.it.payara;

import dev.boxccg.it.BoxCcgServerScenarios;
import dev.boxccg.it.ItDeployments;

/**
 * The shared box-ccg scenarios on Payara Server (see {@link BoxCcgServerScenarios}). The server, its ports and the
 * {@code box-ccg-it.*} properties the scenarios read are set up in this module's {@code pom.xml} and
 * {@code arquillian.xml}.
 */
class PayaraIT extends BoxCcgServerScenarios {

    /**
     * Payara's server.log names the deployed application, never the archive ({@code box-ccg-it.war} does not occur
     * in it): {@code box-ccg-it was successfully deployed in 3,394 milliseconds.} Scenario 9 checks for that line
     * instead, to know it scans this server's log.
     */
    @Override
    protected String deploymentLoggedAs() {
        return ItDeployments.APP + " was successfully deployed";
    }
}
