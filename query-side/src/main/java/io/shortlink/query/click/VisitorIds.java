package io.shortlink.query.click;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Visitor ids that recognise a visitor within one UTC day and never across days, without keeping the address:
 * HMAC-SHA256 of address and user agent, keyed with that day's salt. The salt is itself derived from the configured
 * secret and the date, so every instance computes the same ids without sharing state, and yesterday's salt cannot be
 * recovered from today's ids.
 */
final class VisitorIds {

    private static final String HMAC = "HmacSHA256";
    /** 128 bits: collisions among one link's visitors of one day are out of reach. */
    private static final int ID_BYTES = 16;

    private final byte[] secret;
    /** A Mac is not thread-safe and costs a key schedule to set up: one per request thread, re-keyed once a day. */
    private final ThreadLocal<DailyMac> macs = new ThreadLocal<>();

    private record DailyMac(LocalDate day, Mac mac) {
    }

    VisitorIds(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("shortlink.clicks.visitor-secret must be set");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    String of(String clientAddress, String userAgent, Instant at) {
        Mac mac = macOf(LocalDate.ofInstant(at, ZoneOffset.UTC));
        mac.update(clientAddress.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(userAgent.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(), 0, ID_BYTES);
    }

    private Mac macOf(LocalDate day) {
        DailyMac current = macs.get();
        if (current == null || !current.day().equals(day)) {
            current = new DailyMac(day, keyed(keyed(secret).doFinal(day.toString().getBytes(StandardCharsets.UTF_8))));
            macs.set(current);
        }
        return current.mac();
    }

    private static Mac keyed(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is part of every Java runtime", e);
        }
    }
}
