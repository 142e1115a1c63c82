package io.shortlink.query.click;

import io.shortlink.edge.client.ClientAddresses;
import io.shortlink.events.LinkClicked;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickRecorderTest {

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
    private static final Instant MORNING = Instant.parse("2026-11-25T00:00:01Z");
    private static final Instant EVENING = Instant.parse("2026-11-25T23:59:59Z");
    private static final ClientCountries COUNTRIES = ClientCountries.open("");

    @Test
    void theReferrerIsItsHostOnly() {
        assertThat(ClickRecorder.referrerHostOf("https://News.YCombinator.com/item?id=1#top")).isEqualTo("news.ycombinator.com");
        assertThat(ClickRecorder.referrerHostOf("http://user:secret@example.org:8080/a")).isEqualTo("example.org");
        assertThat(ClickRecorder.referrerHostOf(null)).isEqualTo("direct");
        assertThat(ClickRecorder.referrerHostOf("  ")).isEqualTo("direct");
        assertThat(ClickRecorder.referrerHostOf("not a url")).isEqualTo("unknown");
        assertThat(ClickRecorder.referrerHostOf("/relative/path")).isEqualTo("unknown");
    }

    @Test
    void aCountryIsTwoLettersAndPlaceholdersAreUnknown() {
        assertThat(ClickRecorder.countryOf("de")).isEqualTo("DE");
        assertThat(ClickRecorder.countryOf("US")).isEqualTo("US");
        assertThat(ClickRecorder.countryOf("XX")).isEqualTo("unknown");
        assertThat(ClickRecorder.countryOf("T1")).isEqualTo("unknown");
        assertThat(ClickRecorder.countryOf("DEU")).isEqualTo("unknown");
        assertThat(ClickRecorder.countryOf(null)).isEqualTo("unknown");
    }

    @Test
    void aVisitorIsRecognisedWithinADayButNotAcrossDaysNorFromItsAddress() {
        VisitorIds visitors = new VisitorIds("secret");
        String morning = visitors.of("203.0.113.7", UA, MORNING);

        assertThat(visitors.of("203.0.113.7", UA, EVENING)).isEqualTo(morning);
        assertThat(visitors.of("203.0.113.7", UA, EVENING.plusSeconds(2))).isNotEqualTo(morning);
        assertThat(visitors.of("203.0.113.8", UA, MORNING)).isNotEqualTo(morning);
        assertThat(visitors.of("203.0.113.7", UA + " ", MORNING)).isNotEqualTo(morning);
        assertThat(new VisitorIds("another secret").of("203.0.113.7", UA, MORNING)).isNotEqualTo(morning);
        assertThat(new VisitorIds("secret").of("203.0.113.7", UA, MORNING)).as("every instance agrees").isEqualTo(morning);
        assertThat(morning).matches("[0-9a-f]{32}").doesNotContain("203");
    }

    @Test
    void theVisitorIsTheClientBehindTheTrustedProxy() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/abc");
        request.setRemoteAddr("10.0.0.1");
        request.addHeader("X-Forwarded-For", "198.51.100.9");
        request.addHeader("User-Agent", UA);
        VisitorIds visitors = new VisitorIds("secret");
        Clock clock = Clock.fixed(MORNING, ZoneOffset.UTC);

        LinkClicked behindProxy = new ClickRecorder(null, visitors, new ClientAddresses("X-Forwarded-For"), "CF-IPCountry", COUNTRIES, clock)
                .clickOf(request, "abc");
        LinkClicked noProxyTrusted = new ClickRecorder(null, visitors, new ClientAddresses(""), "CF-IPCountry", COUNTRIES, clock)
                .clickOf(request, "abc");

        assertThat(behindProxy.visitor()).isEqualTo(visitors.of("198.51.100.9", UA, MORNING));
        assertThat(noProxyTrusted.visitor()).isEqualTo(visitors.of("10.0.0.1", UA, MORNING));
        assertThat(behindProxy.clickedAt()).isEqualTo(MORNING);
    }

    @Test
    void aVisitorSecretIsRequired() {
        assertThatThrownBy(() -> new VisitorIds(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCountryComesFromTheTrustedHeaderWhenItNamesOneElseFromTheAddress() {
        Clock clock = Clock.fixed(MORNING, ZoneOffset.UTC);
        ClickRecorder recorder = new ClickRecorder(null, new VisitorIds("secret"), new ClientAddresses(""), "CF-IPCountry",
                COUNTRIES, clock);
        MockHttpServletRequest fromGoogle = new MockHttpServletRequest("GET", "/abc");
        fromGoogle.setRemoteAddr("8.8.8.8");
        MockHttpServletRequest behindCdn = new MockHttpServletRequest("GET", "/abc");
        behindCdn.setRemoteAddr("8.8.8.8");
        behindCdn.addHeader("CF-IPCountry", "fr");
        MockHttpServletRequest placeholder = new MockHttpServletRequest("GET", "/abc");
        placeholder.setRemoteAddr("80.128.0.1");
        placeholder.addHeader("CF-IPCountry", "XX");

        assertThat(recorder.clickOf(fromGoogle, "abc").country()).isEqualTo("US");
        assertThat(recorder.clickOf(behindCdn, "abc").country()).isEqualTo("FR");
        assertThat(recorder.clickOf(placeholder, "abc").country()).isEqualTo("DE");
    }
}
