package dev.boxccg.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(BoxSimulatorExtension.class)
class ConcurrencyTest {

    private static final int THREADS = 256;

    @Test
    void servesManyConcurrentTokenAndApiRequests(BoxSimulator box) throws Exception {
        BoxSimulator.App app = TestApps.register(box).addUser("6001", "Barbara Liskov", "barbara@example.com");
        BoxHttp http = new BoxHttp(box);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                boolean user = i % 2 == 0;
                tokens.add(threads.submit(() -> {
                    start.await();
                    String token = http.token(app.clientId(), TestApps.SECRET, user ? "user" : "enterprise",
                            user ? "6001" : app.enterpriseId());
                    assertEquals(200, http.getWithToken("/2.0/users/me", token).statusCode());
                    return token;
                }));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<String> token : tokens) {
                distinct.add(token.get());
            }

            assertEquals(THREADS, distinct.size());
            assertEquals(THREADS, box.tokenRequests());
            assertEquals(THREADS / 2, box.tokenRequests("user", "6001"));
            assertEquals(THREADS / 2, box.tokenRequests("enterprise", app.enterpriseId()));
            assertEquals(THREADS, box.apiCalls().size());
            assertTrue(box.issuedTokens().containsAll(distinct));
        } finally {
            threads.shutdownNow();
        }
    }
}
