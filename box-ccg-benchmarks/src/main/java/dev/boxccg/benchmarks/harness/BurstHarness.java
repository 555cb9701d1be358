package dev.boxccg.benchmarks.harness;

import dev.boxccg.benchmarks.support.BoxFixture;
import dev.boxccg.core.BoxCcgSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Benchmark 3: {@value #CALLERS} threads released together on an expired token; how many token requests reach the
 * simulator. Each library gets the call its own API client makes before sending a request:
 * <ul>
 *   <li>box-ccg: {@code token()};</li>
 *   <li>classic SDK: {@code getAccessToken()} — its simulator issues 62 s tokens, since it treats a token as expired
 *       60 s before its end (with a 2 s token it would renew on every call);</li>
 *   <li>generated SDK: {@code client.getUsers().getUserMe()} — its {@code retrieveToken()} never looks at the expiry
 *       (it would hand all callers the expired token and request nothing); its API client renews after the 401;</li>
 *   <li>Spring Security: {@code AuthorizedClientServiceOAuth2AuthorizedClientManager.authorize(..)}, what its
 *       {@code OAuth2ClientHttpRequestInterceptor} calls before each request — its simulator issues 62 s tokens, as
 *       for the classic SDK, since its default clock skew is 60 s;</li>
 *   <li>Quarkus oidc-client (when its application is built): {@code GET /token} on the Quarkus peer, an injected
 *       {@code Tokens} — 2 s tokens, {@code refresh-token-time-skew} 1 s (see {@link QuarkusPeer}).</li>
 * </ul>
 * Every library's token has expired by its own rule when the threads are released; nothing calls it meanwhile. The
 * tokens issued from then on live an hour, so that whether a caller ended with a usable token can be checked after
 * the burst.
 */
public final class BurstHarness {

    static final int CALLERS = 256;
    static final Duration LIFETIME = Duration.ofSeconds(2);
    /**
     * The classic SDK (and Spring Security, by its default clock skew) renews a token 60 s before its end: this
     * lifetime makes it due after 2 s, as the others.
     */
    static final Duration CLASSIC_LIFETIME = Duration.ofSeconds(62);
    static final Duration WAIT = LIFETIME.plusMillis(300);
    static final Duration SLOW_ENDPOINT = Duration.ofMillis(500);

    /**
     * @param library      whose
     * @param call         what each caller does
     * @param endpointDelay how long the token endpoint took to answer
     * @param tokenRequests token requests the simulator received during the burst
     * @param callers      threads released
     * @param failed       callers whose call threw
     * @param distinctTokens different tokens the callers ended with
     * @param rejectedCallers callers that ended with a token the API rejects
     * @param elapsed      from release until the last caller returned
     */
    public record Result(String library, String call, Duration endpointDelay, int tokenRequests, int callers,
                         int failed, int distinctTokens, int rejectedCallers, Duration elapsed) {
    }

    private BurstHarness() {
    }

    /** Each library twice: the token endpoint answering at once, and after {@link #SLOW_ENDPOINT} as in benchmark 4. */
    public static List<Result> runAll() {
        List<Result> results = new ArrayList<>();
        for (Duration delay : List.of(Duration.ZERO, SLOW_ENDPOINT)) {
            results.add(run(Library.BOX_CCG, "token()", LIFETIME, delay, box -> {
                TokenClient client = Library.BOX_CCG.connect(box, BoxCcgSettings.DEFAULT_REFRESH_AHEAD);
                return new Subject(client::token, client);
            }));
            results.add(run(Library.BOX_SDK_CLASSIC, "getAccessToken()", CLASSIC_LIFETIME, delay, box -> {
                TokenClient client = Library.BOX_SDK_CLASSIC.connect(box, null);
                return new Subject(client::token, client);
            }));
            results.add(run(Library.BOX_SDK_GEN, "users.getUserMe() (401, refreshToken(), retry)", LIFETIME, delay,
                    box -> {
                        Library.SdkGen sdk = new Library.SdkGen(box);
                        return new Subject(() -> {
                            sdk.client.getUsers().getUserMe();
                            return sdk.auth.retrieveToken(sdk.session).getAccessToken();
                        }, () -> { });
                    }));
            // Spring's manager also counts a token as expired 60 s (its default clock skew) before its end.
            results.add(run(Library.SPRING_SECURITY, "manager.authorize(..)", CLASSIC_LIFETIME, delay, box -> {
                TokenClient client = Library.SPRING_SECURITY.connect(box, null);
                return new Subject(client::token, client);
            }));
            if (Library.QUARKUS_OIDC_CLIENT.available()) {
                // Quarkus compares whole seconds: with a 1 s refresh-token-time-skew a 2 s token is due after 1 to 2 s
                results.add(run(Library.QUARKUS_OIDC_CLIENT, "GET /token (injected Tokens)", LIFETIME, delay, box -> {
                    TokenClient client = Library.QUARKUS_OIDC_CLIENT.connect(box, Duration.ofSeconds(1));
                    return new Subject(client::token, client);
                }));
            }
        }
        return results;
    }

    /** What a caller calls, returning the token it ends with; and what to close afterwards. */
    private record Subject(Supplier<String> call, AutoCloseable resources) {
    }

    private static Result run(Library library, String what, Duration lifetime, Duration endpointDelay,
                              Function<BoxFixture, Subject> connect) {
        try (BoxFixture box = BoxFixture.start("burst-" + library.name().toLowerCase(), "3000", lifetime, CALLERS + 44)) {
            Subject subject = connect.apply(box);
            try {
                subject.call().get(); // the cache holds a token ...
                Thread.sleep(WAIT.toMillis()); // ... which expires, untouched
                box.simulator().tokenLifetime(Duration.ofHours(1)); // the burst's own tokens outlive the burst
                box.simulator().tokenEndpointDelay(endpointDelay);
                int before = box.tokenRequests();
                String[] tokens = new String[CALLERS];
                AtomicInteger failed = new AtomicInteger();
                CountDownLatch ready = new CountDownLatch(CALLERS);
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    int caller = i;
                    Thread thread = new Thread(() -> {
                        ready.countDown();
                        try {
                            go.await();
                            tokens[caller] = subject.call().get();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }, "burst-" + i);
                    threads.add(thread);
                    thread.start();
                }
                ready.await();
                long start = System.nanoTime();
                go.countDown();
                for (Thread thread : threads) {
                    thread.join();
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                int requests = box.tokenRequests() - before;
                return new Result(library.label(), what, endpointDelay, requests, CALLERS, failed.get(), distinct(tokens),
                        rejected(box, tokens), elapsed);
            } finally {
                subject.resources().close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("The burst for " + library.label() + " failed", e);
        }
    }

    private static int distinct(String[] tokens) {
        Set<String> set = new HashSet<>();
        for (String token : tokens) {
            if (token != null) {
                set.add(token);
            }
        }
        return set.size();
    }

    /** @return callers whose token the simulator's API rejects (each distinct token is asked once) */
    private static int rejected(BoxFixture box, String[] tokens) {
        ApiCheck api = new ApiCheck(box.simulator().baseUrl());
        Set<String> rejectedTokens = new HashSet<>();
        for (String token : new HashSet<>(Arrays.asList(tokens))) {
            if (token != null && !api.accepts(token)) {
                rejectedTokens.add(token);
            }
        }
        int callers = 0;
        for (String token : tokens) {
            if (rejectedTokens.contains(token)) {
                callers++;
            }
        }
        return callers;
    }
}
