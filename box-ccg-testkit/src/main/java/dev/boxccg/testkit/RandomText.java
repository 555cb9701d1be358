package dev.boxccg.testkit;

import java.security.SecureRandom;

/** Random strings for tokens, request IDs and service account logins. Thread safe. */
final class RandomText {

    private static final String ALPHANUMERICS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HEX = "0123456789abcdef";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomText() {
    }

    static String alphanumerics(int length) {
        return pick(ALPHANUMERICS, length);
    }

    /** @return a request ID like Box's: lower-case hex */
    static String requestId() {
        return pick(HEX, 16);
    }

    private static String pick(String alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(chars);
    }
}
