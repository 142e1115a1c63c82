package io.shortlink.edge.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The signing secret of each webhook, derived from its id and a configured secret (HMAC-SHA256), so that it is
 * stored nowhere: the command side shows it once, the delivery worker computes it again to sign (docs/adr/0070).
 * Every instance must have the same configured secret; changing it changes every webhook's secret.
 */
public final class WebhookSecrets {

    private static final String HMAC = "HmacSHA256";
    private static final String PREFIX = "whsec_";

    private final SecretKeySpec key;

    public WebhookSecrets(String configuredSecret) {
        this.key = new SecretKeySpec(configuredSecret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    public String of(String webhookId) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, webhookId.getBytes(StandardCharsets.UTF_8)));
    }

    /** The {@code Shortlink-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>}. */
    public static String signature(String secret, long unixSeconds, byte[] body) {
        byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        byte[] mac = hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC), signed);
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
