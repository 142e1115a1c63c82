package io.shortlink.command.link;

/** Fixed-width base-62 over [0-9A-Za-z]. */
final class Base62 {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Base62() {
    }

    static String encode(long value, int width) {
        char[] digits = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = ALPHABET[(int) (rest % ALPHABET.length)];
            rest /= ALPHABET.length;
        }
        if (rest != 0) {
            throw new IllegalArgumentException(value + " does not fit in " + width + " base-62 digits");
        }
        return new String(digits);
    }
}
