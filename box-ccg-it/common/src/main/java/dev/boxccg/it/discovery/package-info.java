/**
 * A second, minimal test application: an {@code @ApplicationScoped} bean that injects an {@code @BoxAuthenticated}
 * {@code @RegisterRestClient} interface and calls it. It is deployed as WARs with {@code bean-discovery-mode="annotated"}
 * and with no {@code beans.xml} at all, to prove on each server which {@code beans.xml} an application needs for its
 * REST clients to be found, and
 * as a WAR with {@code box.ccg.revoke-on-stop} set, whose token must be revoked when it is undeployed. Everything in this package (and nothing else of box-ccg-it) goes into those WARs.
 */
package dev.boxccg.it.discovery;
