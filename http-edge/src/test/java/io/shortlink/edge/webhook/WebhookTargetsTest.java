package io.shortlink.edge.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTargetsTest {

    @Test
    void internalAddressesAreRecognised() throws Exception {
        for (String internal : new String[]{"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
                "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fd00::1", "::", "::ffff:127.0.0.1"}) {
            assertThat(WebhookTargets.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : new String[]{"8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888"}) {
            assertThat(WebhookTargets.isInternal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }

    @Test
    void literalTargetsAreRefusedUnlessPrivateOnesAreAllowed() {
        assertThat(new WebhookTargets(false).refusal("http://127.0.0.1:8080/hook")).hasValueSatisfying(
                reason -> assertThat(reason).contains("127.0.0.1"));
        assertThat(new WebhookTargets(false).refusal("http://[::1]/hook")).isPresent();
        assertThat(new WebhookTargets(false).refusal("https://8.8.8.8/hook")).isEmpty();
        assertThat(new WebhookTargets(true).refusal("http://127.0.0.1:8080/hook")).isEmpty();
    }
}
