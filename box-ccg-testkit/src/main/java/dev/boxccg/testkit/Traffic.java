package dev.boxccg.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the simulator has received: counters and the recorded API calls. Thread safe. */
final class Traffic {

    /** How many API calls are kept; older ones are dropped, so that long benchmarks cannot exhaust the heap. */
    static final int MAX_API_CALLS = 100_000;

    private record Subject(String type, String id) {
    }

    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final Map<Subject, AtomicInteger> tokenRequestsBySubject = new ConcurrentHashMap<>();
    private final Map<Optional<String>, AtomicInteger> tokenRequestsByGrantType = new ConcurrentHashMap<>();
    private final AtomicInteger revokeRequests = new AtomicInteger();
    private final AtomicInteger downscopedTokenRevokeRequests = new AtomicInteger();
    private final Deque<BoxSimulator.ApiCall> apiCalls = new ArrayDeque<>();

    /**
     * Counts a token request by the {@code grant_type}, {@code box_subject_type} and {@code box_subject_id} it sent
     * (null if not).
     */
    void tokenRequest(String grantType, String subjectType, String subjectId) {
        tokenRequests.incrementAndGet();
        tokenRequestsByGrantType.computeIfAbsent(Optional.ofNullable(grantType), g -> new AtomicInteger())
                .incrementAndGet();
        tokenRequestsBySubject.computeIfAbsent(new Subject(subjectType, subjectId), s -> new AtomicInteger())
                .incrementAndGet();
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    int tokenRequests(String subjectType, String subjectId) {
        AtomicInteger count = tokenRequestsBySubject.get(new Subject(subjectType, subjectId));
        return count == null ? 0 : count.get();
    }

    int tokenRequestsByGrantType(String grantType) {
        AtomicInteger count = tokenRequestsByGrantType.get(Optional.ofNullable(grantType));
        return count == null ? 0 : count.get();
    }

    /** @param downscopedToken whether the token sent is a downscoped token the simulator issued */
    void revokeRequest(boolean downscopedToken) {
        revokeRequests.incrementAndGet();
        if (downscopedToken) {
            downscopedTokenRevokeRequests.incrementAndGet();
        }
    }

    int downscopedTokenRevokeRequests() {
        return downscopedTokenRevokeRequests.get();
    }

    int revokeRequests() {
        return revokeRequests.get();
    }

    void apiCall(BoxSimulator.ApiCall call) {
        synchronized (apiCalls) {
            if (apiCalls.size() == MAX_API_CALLS) {
                apiCalls.removeFirst();
            }
            apiCalls.addLast(call);
        }
    }

    List<BoxSimulator.ApiCall> apiCalls() {
        synchronized (apiCalls) {
            return List.copyOf(apiCalls);
        }
    }

    void clear() {
        tokenRequests.set(0);
        tokenRequestsBySubject.clear();
        tokenRequestsByGrantType.clear();
        revokeRequests.set(0);
        downscopedTokenRevokeRequests.set(0);
        synchronized (apiCalls) {
            apiCalls.clear();
        }
    }
}
