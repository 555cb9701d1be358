package dev.boxccg.impl.config;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JNDI naming service for tests, selected with the system property {@code java.naming.factory.initial}: its
 * contexts look names up in {@link #BINDINGS}, and do nothing else.
 */
public final class StubJndi implements InitialContextFactory {

    static final Map<String, Object> BINDINGS = new ConcurrentHashMap<>();

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "lookup" -> {
                        Object bound = BINDINGS.get(String.valueOf(arguments[0]));
                        if (bound == null) {
                            throw new NameNotFoundException(String.valueOf(arguments[0]));
                        }
                        yield bound;
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
