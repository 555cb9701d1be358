package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;

import java.time.Duration;
import java.util.function.Function;

/** A {@link BoxTokenProvider} for one key: a view onto the shared {@link TokenCache}. */
final class EngineTokenProvider implements BoxTokenProvider {

    private final TokenCache cache;
    private final TokenKey key;
    private final Duration refreshAhead;
    private final Function<TokenKey, BoxAccessToken> fetch;
    private final BoxCcgEngine engine;

    EngineTokenProvider(BoxCcgEngine engine, TokenCache cache, TokenKey key, Duration refreshAhead,
                        Function<TokenKey, BoxAccessToken> fetch) {
        this.engine = engine;
        this.cache = cache;
        this.key = key;
        this.refreshAhead = refreshAhead;
        this.fetch = fetch;
    }

    @Override
    public BoxAccessToken token() {
        return cache.get(key, refreshAhead, fetch);
    }

    @Override
    public BoxSubject subject() {
        return key.subject();
    }

    @Override
    public void invalidate(BoxAccessToken token) {
        cache.invalidate(key, token);
    }

    @Override
    public BoxTokenProvider forUser(String userId) {
        return engine.provider(BoxSubject.user(userId));
    }

    @Override
    public String toString() {
        return "BoxTokenProvider[clientId=" + key.clientId() + ", subject=" + key.subject() + "]";
    }
}
