package dev.boxccg.impl.client;

import dev.boxccg.BoxAuthenticated;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@code @BoxAuthenticated}: which configuration a REST client interface or one of its methods names. */
public final class BoxAuthenticatedNames {

    private BoxAuthenticatedNames() {
    }

    /** @return true if the interface or any of its methods carries {@code @BoxAuthenticated} */
    public static boolean isAnnotated(Class<?> type) {
        return !declaredOn(type).isEmpty();
    }

    /** @return every configuration name the type and its methods name */
    public static Set<String> declaredOn(Class<?> type) {
        Set<String> names = new TreeSet<>();
        BoxAuthenticated onType = type.getAnnotation(BoxAuthenticated.class);
        if (onType != null) {
            names.add(onType.value());
        }
        for (Method method : type.getMethods()) {
            BoxAuthenticated onMethod = method.getAnnotation(BoxAuthenticated.class);
            if (onMethod != null) {
                names.add(onMethod.value());
            }
        }
        return names;
    }

    /**
     * @return the configuration for a call of {@code method} on {@code type}: the method's annotation wins over the
     * type's; empty if neither is annotated
     */
    public static Optional<String> forCall(Class<?> type, Method method) {
        BoxAuthenticated onMethod = method == null ? null : method.getAnnotation(BoxAuthenticated.class);
        if (onMethod != null) {
            return Optional.of(onMethod.value());
        }
        BoxAuthenticated onType = type.getAnnotation(BoxAuthenticated.class);
        return onType == null ? Optional.empty() : Optional.of(onType.value());
    }
}
