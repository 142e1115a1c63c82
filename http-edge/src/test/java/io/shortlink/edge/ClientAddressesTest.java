package io.shortlink.edge;

import io.shortlink.edge.client.ClientAddresses;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

    private static MockHttpServletRequest from(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    @Test
    void trustsNoHeaderByDefault() {
        assertThat(new ClientAddresses("").of(from("192.0.2.10", "203.0.113.5"))).isEqualTo("192.0.2.10");
        assertThat(new ClientAddresses(null).of(from("192.0.2.10", "203.0.113.5"))).isEqualTo("192.0.2.10");
    }

    @Test
    void takesTheEntryTheTrustedProxyAppended() {
        ClientAddresses behindProxy = new ClientAddresses("X-Forwarded-For");
        assertThat(behindProxy.of(from("10.0.0.1", "198.51.100.1, 203.0.113.5"))).isEqualTo("203.0.113.5");
        assertThat(behindProxy.of(from("10.0.0.1", "2001:db8::7"))).isEqualTo("2001:db8::7");
    }

    @Test
    void fallsBackToThePeerWhenTheHeaderIsMissingOrNoAddress() {
        ClientAddresses behindProxy = new ClientAddresses("X-Forwarded-For");
        assertThat(behindProxy.of(from("10.0.0.1", null))).isEqualTo("10.0.0.1");
        assertThat(behindProxy.of(from("10.0.0.1", "1.2.3.4, <script>"))).isEqualTo("10.0.0.1");
        assertThat(behindProxy.of(from("10.0.0.1", ""))).isEqualTo("10.0.0.1");
    }
}
