package dev.boxccg.impl.cdi;

import dev.boxccg.BoxAuthenticated;
import dev.boxccg.impl.client.BoxAuthenticatedNames;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Retries a {@code @BoxAuthenticated} call once when Box answers 401. The client filter has by then dropped the
 * rejected token, so the retry is sent with a fresh one. At most one retry: a second 401 reaches the caller.
 *
 * <p>Only a call whose body can be sent again byte for byte is retried (no body, or one written again from the same
 * value: see {@link ReplayableCall}). A one-shot body such as an {@code InputStream} has been read by the first
 * attempt; its 401 reaches the caller unchanged (the exception, or the {@code Response} unclosed), and the caller's
 * next call gets a fresh token.
 *
 * <p>Innermost (the highest priority value of the platform range), so interceptors such as MicroProfile Fault
 * Tolerance's wrap it and see at most one failure per call. Applies to REST clients injected with CDI, and on servers
 * whose REST client runs CDI interceptors for {@code RestClientBuilder}-built clients too (Payara, Open Liberty and
 * Jersey do; WildFly does not: there such a client sees the 401, and its next call gets a fresh token).
 */
@BoxAuthenticated
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 900)
public class BoxAuthenticatedInterceptor {

    private static final System.Logger LOG = System.getLogger(BoxAuthenticatedInterceptor.class.getName());

    @Inject
    Instance<BoxCcgBean> box;

    @AroundInvoke
    Object retryOnceOnUnauthorized(InvocationContext call) throws Exception {
        Object result;
        try {
            result = call.proceed();
        } catch (WebApplicationException e) {
            if (!isUnauthorized(e.getResponse()) || !canBeSentAgain(call)) {
                throw e;
            }
            recovering(call);
            return call.proceed();
        }
        if (result instanceof Response response && isUnauthorized(response) && canBeSentAgain(call)) {
            response.close();
            recovering(call);
            return call.proceed();
        }
        return result;
    }

    /** Counts the recovery, and marks it on the span current here (see README "Traces"); never fails the call. */
    private void recovering(InvocationContext call) {
        try {
            Method method = call.getMethod();
            BoxAuthenticatedNames.forCall(method.getDeclaringClass(), method)
                    .ifPresent(name -> box.get().runtime().unauthorizedRecovery(name));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "box-ccg could not record a 401 recovery: " + e);
        }
    }

    private static boolean isUnauthorized(Response response) {
        return response != null && response.getStatus() == Response.Status.UNAUTHORIZED.getStatusCode();
    }

    private static boolean canBeSentAgain(InvocationContext call) {
        Optional<Class<?>> oneShot = ReplayableCall.oneShotBody(call.getMethod(), call.getParameters());
        oneShot.ifPresent(type -> LOG.log(Level.DEBUG, () -> "401 for " + call.getMethod().getDeclaringClass()
                .getName() + "." + call.getMethod().getName() + " not retried: its body, a " + type.getName()
                + ", was consumed by the first attempt"));
        return oneShot.isEmpty();
    }
}
