package io.shortlink.query.click;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database the build ships, read by MaxMind's reader. */
class ClientCountriesTest {

    private static final ClientCountries SHIPPED = ClientCountries.open("");

    @AfterAll
    static void close() throws IOException {
        SHIPPED.close();
    }

    @Test
    void findsCountriesOfIpv4AndIpv6Addresses() {
        assertThat(SHIPPED.of("8.8.8.8")).isEqualTo("US");
        assertThat(SHIPPED.of("80.128.0.1")).isEqualTo("DE");
        assertThat(SHIPPED.of("2001:4860:4860::8888")).isEqualTo("US");
        assertThat(SHIPPED.of("2003::1")).isEqualTo("DE");
    }

    @Test
    void privateLoopbackLinkLocalAndMalformedAddressesAreUnknown() {
        for (String address : new String[]{"127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4", "169.254.1.1", "::1",
                "fd00::1", "fe80::1", "0.0.0.0", "", "example.com", "999.1.1.1", "1.2.3", "::ffff:zz", null}) {
            assertThat(SHIPPED.of(address)).as(String.valueOf(address)).isEqualTo("unknown");
        }
    }

    @Test
    void aConfiguredFileTakesThePlaceOfTheShippedOne() throws IOException {
        Path copy = Files.createTempFile("country", ".mmdb");
        try (var shipped = ClientCountries.class.getResourceAsStream(ClientCountries.SHIPPED)) {
            Files.copy(shipped, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (ClientCountries configured = ClientCountries.open(copy.toString())) {
            assertThat(configured.of("8.8.8.8")).isEqualTo("US");
        }
        assertThatThrownBy(() -> ClientCountries.open("/no/such/file.mmdb")).hasMessageContaining("cannot be read");
    }
}
