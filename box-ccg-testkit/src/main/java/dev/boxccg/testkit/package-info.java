/**
 * A faithful local fake of Box for tests: {@link dev.boxccg.testkit.BoxSimulator} answers the Client Credentials
 * Grant token endpoint, token revocation and a few API endpoints over real HTTP, with injectable
 * {@link dev.boxccg.testkit.TokenFault faults}; {@link dev.boxccg.testkit.BoxSimulatorExtension} gives JUnit 5 test
 * classes one each.
 */
package dev.boxccg.testkit;
