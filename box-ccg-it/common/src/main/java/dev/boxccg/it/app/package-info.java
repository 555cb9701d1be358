/**
 * The test application deployed on every server: everything in this package (and nothing else of box-ccg-it) goes
 * into the WAR, beside box-ccg-api and box-ccg-impl in {@code WEB-INF/lib}. It uses box-ccg the way an application
 * does, and answers JSON to the tests over HTTP. It never sends a token's value or a client secret back: only
 * fingerprints ({@link dev.boxccg.BoxAccessToken#fingerprint()}) and yes/no facts.
 */
package dev.boxccg.it.app;
