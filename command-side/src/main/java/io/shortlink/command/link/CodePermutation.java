package io.shortlink.command.link;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * A keyed bijection of [0, 62^7), so that consecutive numbers become codes that look unrelated.
 * It is a Feistel network over seven base-62 digits split three and four, with modular addition (the shape of
 * NIST FF1): every round is invertible, so no two numbers ever share a code and no retry is needed.
 * Changing the key changes every mapping: it must stay fixed for the life of the link namespace.
 */
final class CodePermutation {

    static final int DIGITS = 7;
    static final long DOMAIN = pow62(DIGITS);

    private static final int LEFT_DIGITS = 3;
    private static final int RIGHT_DIGITS = DIGITS - LEFT_DIGITS;
    private static final int ROUNDS = 8;
    private static final String MAC_ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    CodePermutation(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("The code permutation key must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), MAC_ALGORITHM);
    }

    long permute(long number) {
        if (number < 0 || number >= DOMAIN) {
            throw new IllegalArgumentException("Out of the code space: " + number);
        }
        Mac mac = newMac();
        long left = number / pow62(RIGHT_DIGITS);
        long right = number % pow62(RIGHT_DIGITS);
        for (int round = 0; round < ROUNDS; round++) {
            long modulus = pow62(round % 2 == 0 ? LEFT_DIGITS : RIGHT_DIGITS);
            long mixed = Math.floorMod(left + roundValue(mac, round, right), modulus);
            left = right;
            right = mixed;
        }
        return left * pow62(RIGHT_DIGITS) + right;
    }

    private static long roundValue(Mac mac, int round, long half) {
        byte[] digest = mac.doFinal(ByteBuffer.allocate(Integer.BYTES + Long.BYTES).putInt(round).putLong(half).array());
        return ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static long pow62(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 62;
        }
        return result;
    }
}
