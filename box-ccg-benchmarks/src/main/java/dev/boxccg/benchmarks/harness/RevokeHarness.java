package dev.boxccg.benchmarks.harness;

import dev.boxccg.benchmarks.support.BoxFixture;
import dev.boxccg.core.BoxCcgSettings;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 8: what callers see when Box answers 401 to a revoked token.
 *
 * <p>{@value #THREADS} threads each make an API call every {@value #PERIOD_MS} ms ({@link TokenClient#call}: the
 * library's token, {@code GET /2.0/users/me} at the simulator, and after a 401 the library's own recovery and retry,
 * if it has any). Every {@link #REVOKE_EVERY} the simulator revokes every token issued so far, as Box does when an
 * admin revokes the app's tokens; from then on its API answers 401 to them. Tokens live an hour, so revocation is the
 * only reason to renew; token requests take {@value #DELAY_MS} ms, as in benchmark 4. A call counts as failed when
 * its caller ends with a 401 instead of Box's answer; a call that throws is counted apart, with the exception's class,
 * so that trouble of the harness's own HTTP (a reset connection on a loaded machine) is not taken for a 401.
 */
public final class RevokeHarness {

    static final int THREADS = 8;
    static final long PERIOD_MS = 5;
    static final long DELAY_MS = 500;
    static final Duration REVOKE_EVERY = Duration.ofSeconds(2);

    /**
     * @param library       whose
     * @param call          what each call does
     * @param revokes       how many times every token was revoked
     * @param calls         calls made
     * @param failed        calls whose caller saw a 401
     * @param threw         calls that threw instead (counted apart from {@code failed})
     * @param thrown        the classes of what they threw
     * @param tokenRequests token requests the simulator received (after the first token)
     * @param slowestCall   the longest a call took, recovery included
     */
    public record Result(String library, String call, int revokes, int calls, int failed, int threw,
                         Set<String> thrown, int tokenRequests, Duration slowestCall) {

        public double failedPerRevoke() {
            return (double) failed / revokes;
        }

        public double tokenRequestsPerRevoke() {
            return (double) tokenRequests / revokes;
        }
    }

    private RevokeHarness() {
    }

    /** Each library for {@code revokes} revocations, {@link #REVOKE_EVERY} apart. */
    public static List<Result> runAll(int revokes) {
        List<Result> results = new java.util.ArrayList<>(List.of(
                run(Library.BOX_CCG, "token(); 401: invalidate(token), token(), retry", revokes),
                run(Library.BOX_SDK_CLASSIC, "getAccessToken(); 401: the call fails", revokes),
                run(Library.BOX_SDK_GEN, "retrieveToken(); 401: refreshToken(), retry", revokes),
                run(Library.SPRING_SECURITY, "RestClient + OAuth2ClientHttpRequestInterceptor; 401: removed, not"
                        + " retried", revokes)));
        if (Library.QUARKUS_OIDC_CLIENT.available()) {
            // the Quarkus peer's GET /call: its REST client with @OidcClientFilter, refresh-on-unauthorized set
            String quarkusCall = "@OidcClientFilter REST client; 401: next call gets a new token, not retried";
            results.add(run(Library.QUARKUS_OIDC_CLIENT, quarkusCall, revokes));
            results.add(run(Library.QUARKUS_OIDC_CLIENT_REFRESH_INTERVAL, quarkusCall, revokes));
        }
        return results;
    }

    static Result run(Library library, String what, int revokes) {
        try (BoxFixture box = BoxFixture.start("revoke-" + library.name().toLowerCase(), "5000", Duration.ofHours(1),
                64);
             TokenClient client = library.connect(box, BoxCcgSettings.DEFAULT_REFRESH_AHEAD)) {
            box.simulator().tokenEndpointDelay(Duration.ofMillis(DELAY_MS));
            ApiCheck api = new ApiCheck(box.simulator().baseUrl());
            if (!client.call(api)) {
                throw new IllegalStateException(library.label() + ": the first call failed");
            }
            int before = box.tokenRequests();
            AtomicInteger calls = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger threw = new AtomicInteger();
            Set<String> thrown = ConcurrentHashMap.newKeySet();
            AtomicLong slowest = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] threads = new Thread[THREADS];
            for (int i = 0; i < THREADS; i++) {
                threads[i] = new Thread(() -> callUntilStopped(client, api, stop, calls, failed, threw, thrown,
                        slowest),
                        "revoke-" + i);
                threads[i].start();
            }
            try {
                Thread.sleep(REVOKE_EVERY.toMillis() / 2);
                for (int i = 0; i < revokes; i++) {
                    box.simulator().revokeAllTokens();
                    Thread.sleep(REVOKE_EVERY.toMillis());
                }
            } finally {
                stop.set(true); // each thread ends its current call first: no call is cut short and counted failed
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            return new Result(library.label(), what, revokes, calls.get(), failed.get(), threw.get(),
                    new TreeSet<>(thrown), box.tokenRequests() - before, Duration.ofNanos(slowest.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void callUntilStopped(TokenClient client, ApiCheck api, AtomicBoolean stop, AtomicInteger calls,
                                         AtomicInteger failed, AtomicInteger threw, Set<String> thrown,
                                         AtomicLong slowest) {
        while (!stop.get()) {
            long start = System.nanoTime();
            try {
                if (!client.call(api)) {
                    failed.incrementAndGet();
                }
            } catch (RuntimeException e) {
                threw.incrementAndGet();
                thrown.add(e.getClass().getName()); // the class only: a message might quote a token
            }
            long took = System.nanoTime() - start;
            calls.incrementAndGet();
            slowest.accumulateAndGet(took, Math::max);
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
