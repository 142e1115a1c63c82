package io.shortlink.command.link;

import io.shortlink.caller.Caller;
import io.shortlink.events.LinkCreated;
import io.shortlink.refusal.ValidationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The URL rules, each through the Link aggregate that applies them. */
class LinkUrlRulesTest {

    private AggregateTestFixture<Link> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Link.class);
        fixture.registerInjectableResource(new LinkRules("http://localhost:8080", List.of("sho.rt", "s.example"),
                List.of("evil.example", "Phish.TEST")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "javascript:alert(1)                 | must be an absolute http or https URL",
            "data:text/html,<b>x</b>             | must be an absolute http or https URL",
            "file:///etc/passwd                  | must be an absolute http or https URL",
            "ftp://example.com/file              | must be an absolute http or https URL",
            "//example.com/protocol-relative     | must be an absolute http or https URL",
            "example.com/no-scheme               | must be an absolute http or https URL",
            "https://                            | must have a host",
            "https://:443/                       | must have a host",
            "https://user:pw@example.com/        | must not contain a user name or password",
            "https://example.com@evil.example/   | must not contain a user name or password",
            "https://exa_mple.com/               | has an invalid host",
            "https://[::1/                       | has an invalid host",
            "https://example.com/%zz             | is not a valid URL",
            "https://sho.rt/abc                  | must not point at this service's own short domain",
            "https://S.EXAMPLE./abc              | must not point at this service's own short domain",
            "http://localhost:8080/abc           | must not point at this service's own short domain",
            "http://127.0.0.1:8080/abc           | must not point at this service's own short domain",
            "http://[::1]:8080/abc               | must not point at this service's own short domain",
            "http://[0:0:0:0:0:0:0:1]/abc        | must not point at this service's own short domain",
            "http://2130706433/abc               | must not point at this service's own short domain",
            "http://0x7f.0.0.1/abc               | must not point at this service's own short domain",
            "http://127.1/abc                    | must not point at this service's own short domain",
            "http://app.localhost/abc            | must not point at this service's own short domain",
            "https://evil.example/               | points at a blocked host",
            "https://login.EVIL.example/x        | points at a blocked host",
            "https://phish.test/                 | points at a blocked host",
            "https://evil.example../login        | points at a blocked host",
            "https://evil.example.../login       | points at a blocked host",
            "https://evil.example。/login        | points at a blocked host",
            "https://evil．example/login         | points at a blocked host",
            "https://evil｡example｡/login       | points at a blocked host",
            "https://sub.evil.example../x        | points at a blocked host",
            "https://EVIL.ＥＸＡＭＰＬＥ/x       | points at a blocked host",
            "https://evil%2Eexample/x            | points at a blocked host",
            "http://localhost..:8080/loop1       | must not point at this service's own short domain",
            "http://2130706433。:8080/x          | must not point at this service's own short domain",
            "http://127.0.0.1.:8080/x            | must not point at this service's own short domain",
            "http://１２７.０.０.１/x            | must not point at this service's own short domain",
            "http://sho.rt．/x                   | must not point at this service's own short domain",
            "https://a..b.example/x              | has an invalid host",
            "https://.../x                       | has an invalid host",
            "https://example.999/x               | has an invalid host",
            "https://example.com:99999/          | has an invalid port (1 to 65535)",
            "https://example.com:0/              | has an invalid port (1 to 65535)",
    })
    void refusesTheUrl(String url, String message) {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("abcdefg", false, url, null, null, null))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("url: " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a b", "https://example.com/a\tb", "https://example.com/\r\nSet-Cookie:x",
            "https://example.com/\u0000", "https://example.com/\u2028", "https://example.com/\u00a0", "https://example.com/\u007f"})
    void refusesWhitespaceAndControlCharacters(String url) {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("abcdefg", false, url, null, null, null))
                .expectException(ValidationException.class)
                .expectExceptionMessage("url: must not contain whitespace or control characters");
    }

    private static final String LONGEST_URL = "https://example.com/" + "a".repeat(LinkRules.MAX_URL_LENGTH - "https://example.com/".length());

    @Test
    void acceptsAUrlOfExactlyTheMaximumLength() {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("abcdefg", false, LONGEST_URL, null, null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesAUrlOneCharacterLonger() {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("abcdefg", false, LONGEST_URL + "a", null, null, null))
                .expectException(ValidationException.class)
                .expectExceptionMessage("url: must be at most 8192 characters");
    }

    @Test
    void refusesAUrlLongerThanTheMaximumOncePercentEncoded() {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("abcdefg", false, "https://example.com/" + "ü".repeat(2_000), null, null, null))
                .expectException(ValidationException.class)
                .expectExceptionMessage("url: must be at most 8192 characters");
    }

    @Test
    void aChangeToABlockedHostInAnyDotFormIsRefusedToo() {
        fixture.given(new LinkCreated("abcdefg", "https://example.com/", "alice", 302, null, fixture.currentTime()))
                .when(new ChangeLinkCommand("abcdefg", new Caller("alice", false),
                        LinkPatch.NOTHING.withUrl("https://evil.example。./login")))
                .expectNoEvents()
                .expectException(ValidationException.class)
                .expectExceptionMessage("url: points at a blocked host");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://example.com./x                | https://example.com/x",
            "https://example。com．．/x            | https://example.com/x",
            "http://0x7f000001.example/            | http://0x7f000001.example/",
            "http://0x08.0x08.010.8/               | http://8.8.8.8/",
            "http://134744072/                     | http://8.8.8.8/",
            "https://ex%41mple.com/                | https://example.com/",
            "https://faß.de/                       | https://xn--fa-hia.de/",
            "https://bücher.de/straße?q=ü#frag     | https://xn--bcher-kva.de/stra%C3%9Fe?q=%C3%BC#frag",
            "HTTPS://Example.COM:8443/Path         | https://example.com:8443/Path",
            "http://例え.テスト/パス                 | http://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9",
            "https://[2001:DB8::1]:8443/x          | https://[2001:db8::1]:8443/x",
            "https://not-evil.example/             | https://not-evil.example/",
            "http://localhost.example.com/         | http://localhost.example.com/",
            "http://127.0.0.1.example.com/         | http://127.0.0.1.example.com/",
            "https://sub.sho.rt/                   | https://sub.sho.rt/",
            "https://example.com/already%20encoded | https://example.com/already%20encoded",
    })
    void storesTheUrlAsAsciiWithItsHostInPunycode(String url, String stored) {
        fixture.givenNoPriorActivity()
                .when(new CreateLinkCommand("abcdefg", false, url, null, null, null))
                .expectEvents(new LinkCreated("abcdefg", stored, null, 302, null, fixture.currentTime()));
        assertThat(stored.chars().allMatch(c -> c > 0x20 && c < 0x7f)).isTrue();
    }

    @Test
    void withoutALoopbackShortDomainLoopbackTargetsAreAllowed() {
        AggregateTestFixture<Link> elsewhere = new AggregateTestFixture<>(Link.class);
        elsewhere.registerInjectableResource(new LinkRules("https://sho.rt"));
        elsewhere.givenNoPriorActivity()
                .when(new CreateLinkCommand("abcdefg", false, "http://localhost:3000/dev", null, null, null))
                .expectSuccessfulHandlerExecution();
    }
}
