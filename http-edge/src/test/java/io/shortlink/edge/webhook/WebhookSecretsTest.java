package io.shortlink.edge.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSecretsTest {

    @Test
    void eachWebhookHasItsOwnSecretAndEveryInstanceDerivesTheSame() {
        WebhookSecrets secrets = new WebhookSecrets("configured");

        assertThat(secrets.of("wh.1")).startsWith("whsec_").isEqualTo(new WebhookSecrets("configured").of("wh.1"))
                .isNotEqualTo(secrets.of("wh.2")).isNotEqualTo(new WebhookSecrets("other").of("wh.1"));
    }

    @Test
    void theSignatureIsTheHmacOfTimeDotBody() {
        // openssl: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        assertThat(WebhookSecrets.signature("secret", 1_700_000_000L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
    }
}
