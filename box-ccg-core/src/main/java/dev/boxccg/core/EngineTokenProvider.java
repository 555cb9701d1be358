package dev.boxccg.core;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxSubject;
import dev.boxccg.BoxTokenProvider;

/** A {@link BoxTokenProvider} for one key: a view onto the engine's shared cache. */
final class EngineTokenProvider implements BoxTokenProvider {

    private final BoxCcgEngine engine;
    private final BoxCcgSettings settings;
    private final TokenCache cache;
    private final TokenKey key;
    private final boolean kept;

    EngineTokenProvider(BoxCcgEngine engine, BoxCcgSettings settings, TokenKey key, boolean kept) {
        this.engine = engine;
        this.kept = kept;
        this.settings = settings;
        this.cache = engine.cache();
        this.key = key;
    }

    @Override
    public BoxAccessToken token() {
        if (!kept) {
            engine.reregister(key.app(), settings); // a tenant dropped just after this provider was handed out
        }
        return cache.get(key);
    }

    @Override
    public BoxSubject subject() {
        return key.request().subject();
    }

    @Override
    public void invalidate(BoxAccessToken token) {
        cache.invalidate(key, token);
    }

    @Override
    public BoxAccessToken downscoped(BoxDownscope downscope) {
        if (!kept) {
            engine.reregister(key.app(), settings);
        }
        return engine.downscoped(key, downscope);
    }

    @Override
    public void revoke() {
        engine.revoke(key);
    }

    @Override
    public BoxTokenProvider forUser(String userId) {
        return engine.provider(settings, BoxSubject.user(userId), kept);
    }

    @Override
    public String toString() {
        return "BoxTokenProvider[clientId=" + key.app().clientId() + ", subject=" + subject() + "]";
    }
}
