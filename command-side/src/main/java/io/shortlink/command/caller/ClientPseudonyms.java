package io.shortlink.command.caller;

import io.shortlink.edge.client.ClientAddresses;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Tells anonymous callers apart without keeping their address: a client is known by an HMAC-SHA256 of its address,
 * keyed with a secret of the deployment, so that neither the rate-limit buckets nor the idempotency records in
 * PostgreSQL hold an address, and one cannot be recovered from them without the secret.
 */
@Component
public class ClientPseudonyms {

    private static final String HMAC = "HmacSHA256";
    /** 128 bits: enough to tell clients apart, half the row size of a whole digest. */
    private static final int LENGTH_BYTES = 16;

    private final ClientAddresses addresses;
    private final SecretKeySpec key;

    public ClientPseudonyms(ClientAddresses addresses, @Value("${shortlink.http.client-address-secret}") String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("shortlink.http.client-address-secret must be set");
        }
        this.addresses = addresses;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** The pseudonym of the client that sent the request: the same address, the same pseudonym. */
    public String of(HttpServletRequest request) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] digest = mac.doFinal(addresses.of(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, LENGTH_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
