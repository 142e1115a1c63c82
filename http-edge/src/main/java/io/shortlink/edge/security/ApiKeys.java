package io.shortlink.edge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys: 256 random bits, shown to their owner once and kept only as a SHA-256 hash. A slow password hash would
 * add nothing: guessing a 256-bit random key is hopeless however fast the hash is (see docs/adr/0031).
 */
public final class ApiKeys {

    private static final String PREFIX = "sk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** Shorter, or made of fewer different characters, a configured admin key is refused at startup as guessable. */
    static final int MIN_ADMIN_KEY_LENGTH = 24;
    static final int MIN_ADMIN_KEY_DISTINCT_CHARACTERS = 10;

    /**
     * Refuses a weak admin key, so that the service does not start with one: the admin key opens every link and key.
     * An empty key means no admin and is accepted.
     */
    public static void requireStrongAdminKey(String adminKey) {
        if (adminKey == null || adminKey.isBlank()) {
            return;
        }
        if (adminKey.length() < MIN_ADMIN_KEY_LENGTH || adminKey.chars().distinct().count() < MIN_ADMIN_KEY_DISTINCT_CHARACTERS) {
            throw new IllegalStateException("SHORTLINK_ADMIN_KEY (shortlink.security.admin-key) is too weak to be guessed safely:"
                    + " it has " + adminKey.length() + " characters and must have at least " + MIN_ADMIN_KEY_LENGTH + ", with at least "
                    + MIN_ADMIN_KEY_DISTINCT_CHARACTERS + " different ones. Use a random one, e.g. `head -c 32 /dev/urandom | base64`,"
                    + " or leave it unset to have one generated.");
        }
    }

    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Hex SHA-256 of the key as presented; the same function on both sides, so their stores agree. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
