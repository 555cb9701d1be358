package dev.boxccg.impl.cdi;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.channels.ReadableByteChannel;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.stream.BaseStream;

/**
 * Whether a MicroProfile REST Client call may be sent a second time: only if its body would be written again byte for
 * byte. A stream is read by the first attempt, so a replay would send an empty or truncated body that the server may
 * well accept.
 *
 * <p>The body is the parameter without a JAX-RS parameter annotation (nor MicroProfile's {@code @NotBody}). Values,
 * not declared types, decide: a body that is one of the one-shot types below, or an {@link Entity},
 * {@link GenericEntity} or collection holding one, is not replayed. Everything else (no body, {@code null}, strings,
 * byte arrays, JSON values, forms, files, objects that JSON-B writes) is written again from the same value.
 */
final class ReplayableCall {

    /** Types whose content is consumed by being sent once. */
    private static final Set<Class<?>> ONE_SHOT = Set.of(InputStream.class, Reader.class, StreamingOutput.class,
            ReadableByteChannel.class, Flow.Publisher.class, Iterator.class, BaseStream.class, EntityPart.class);
    /** Compared by name: Jakarta Activation may be absent. */
    private static final String DATA_SOURCE = "jakarta.activation.DataSource";

    private static final Set<Class<? extends Annotation>> NOT_BODY = Set.of(PathParam.class, QueryParam.class,
            HeaderParam.class, CookieParam.class, MatrixParam.class, FormParam.class, BeanParam.class);
    /** Only in MicroProfile REST Client 4.0 and later. */
    private static final String MP_NOT_BODY = "org.eclipse.microprofile.rest.client.annotation.NotBody";

    private ReplayableCall() {
    }

    /**
     * @param method    the REST client interface method called
     * @param arguments its arguments
     * @return the class of the body that cannot be sent again, or empty if the call can be replayed
     */
    static Optional<Class<?>> oneShotBody(Method method, Object[] arguments) {
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length && i < arguments.length; i++) {
            if (isBody(annotations[i])) {
                Optional<Class<?>> oneShot = oneShot(arguments[i]);
                if (oneShot.isPresent()) {
                    return oneShot;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isBody(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (NOT_BODY.contains(type) || type.getName().equals(MP_NOT_BODY)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Class<?>> oneShot(Object value) {
        if (value instanceof Entity<?> entity) {
            return oneShot(entity.getEntity());
        }
        if (value instanceof GenericEntity<?> entity) {
            return oneShot(entity.getEntity());
        }
        if (value instanceof Collection<?> values) { // List<EntityPart> for multipart
            return values.stream().map(ReplayableCall::oneShot).flatMap(Optional::stream).findFirst();
        }
        if (value != null && isOneShot(value.getClass())) {
            return Optional.of(value.getClass());
        }
        return Optional.empty();
    }

    private static boolean isOneShot(Class<?> type) {
        return ONE_SHOT.stream().anyMatch(oneShot -> oneShot.isAssignableFrom(type)) || isDataSource(type);
    }

    private static boolean isDataSource(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(DATA_SOURCE)) {
                return true;
            }
            for (Class<?> implemented : c.getInterfaces()) {
                if (isDataSource(implemented)) {
                    return true;
                }
            }
        }
        return false;
    }
}
