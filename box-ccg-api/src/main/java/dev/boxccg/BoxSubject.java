package dev.boxccg;

import java.util.Objects;

/**
 * Whom a Client Credentials Grant token acts as: the enterprise's service account, or one user.
 *
 * <p>Box's token request names the subject with {@code box_subject_type} ({@code enterprise} or {@code user}) and
 * {@code box_subject_id}. Instances are immutable, thread safe, and equal when type and ID are equal.
 */
public final class BoxSubject {

    /** The two kinds of subject Box accepts for the Client Credentials Grant. */
    public enum Type {
        /** The enterprise's service account; the ID is the enterprise ID. */
        ENTERPRISE("enterprise"),
        /** A managed user or an app user; the ID is the user ID. */
        USER("user");

        private final String wireValue;

        Type(String wireValue) {
            this.wireValue = wireValue;
        }

        /** @return the value Box expects in {@code box_subject_type} */
        public String wireValue() {
            return wireValue;
        }
    }

    private final Type type;
    private final String id;

    private BoxSubject(Type type, String id) {
        this.type = Objects.requireNonNull(type, "type");
        this.id = checkId(type, id);
    }

    /**
     * The enterprise's service account.
     *
     * @param enterpriseId the enterprise ID shown in the Developer Console's "General Settings"
     * @throws IllegalArgumentException if the ID is null, blank or contains white space
     */
    public static BoxSubject enterprise(String enterpriseId) {
        return new BoxSubject(Type.ENTERPRISE, enterpriseId);
    }

    /**
     * One user: a managed user (the app needs "App + Enterprise Access") or an app user (the app needs
     * "Generate user access tokens").
     *
     * @param userId the Box user ID
     * @throws IllegalArgumentException if the ID is null, blank or contains white space
     */
    public static BoxSubject user(String userId) {
        return new BoxSubject(Type.USER, userId);
    }

    public Type type() {
        return type;
    }

    public String id() {
        return id;
    }

    private static String checkId(Type type, String id) {
        String what = type == Type.ENTERPRISE ? "enterprise ID" : "user ID";
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("The Box " + what + " is missing: give the numeric ID from the Box Developer or Admin Console");
        }
        if (!id.equals(id.strip()) || id.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("The Box " + what + " '" + id + "' contains white space");
        }
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoxSubject that && type == that.type && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + id.hashCode();
    }

    /** @return for example {@code enterprise 1234} or {@code user 5678} */
    @Override
    public String toString() {
        return type.wireValue() + " " + id;
    }
}
