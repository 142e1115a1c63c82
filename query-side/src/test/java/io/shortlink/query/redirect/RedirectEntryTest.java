package io.shortlink.query.redirect;

import io.shortlink.events.LinkStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectEntryTest {

    private static RedirectEntry forwarding(String url) {
        return new RedirectEntry(url, LinkStatus.ACTIVE, 302, null, true, false);
    }

    @Test
    void appendsTheQueryToTheTargetsQueryBeforeItsFragment() {
        assertThat(forwarding("https://e.com/p?x=1#f").location("a=b")).isEqualTo("https://e.com/p?x=1&a=b#f");
    }

    @Test
    void startsAQueryWhereTheTargetHasNone() {
        assertThat(forwarding("https://e.com/p").location("a=b&c=d")).isEqualTo("https://e.com/p?a=b&c=d");
        assertThat(forwarding("https://e.com/p#top").location("a=b")).isEqualTo("https://e.com/p?a=b#top");
        assertThat(forwarding("https://e.com/p?").location("a=b")).isEqualTo("https://e.com/p?a=b");
        assertThat(forwarding("https://e.com/p?x=1&").location("a=b")).isEqualTo("https://e.com/p?x=1&a=b");
    }

    @Test
    void leavesTheTargetAloneWithoutAQueryOrWithoutForwarding() {
        assertThat(forwarding("https://e.com/p?x=1#f").location(null)).isEqualTo("https://e.com/p?x=1#f");
        assertThat(forwarding("https://e.com/p?x=1#f").location("")).isEqualTo("https://e.com/p?x=1#f");
        assertThat(new RedirectEntry("https://e.com/p", LinkStatus.ACTIVE, 302, null, false, false).location("a=b"))
                .isEqualTo("https://e.com/p");
    }

    @Test
    void passesPercentEncodingOnAndEncodesWhatMayNotStandInAUrl() {
        assertThat(forwarding("https://e.com/p").location("q=%C3%BC+x")).isEqualTo("https://e.com/p?q=%C3%BC+x");
        assertThat(forwarding("https://e.com/p").location("q=a b\r\nSet-Cookie:x")).isEqualTo("https://e.com/p?q=a%20b%0D%0ASet-Cookie:x");
        assertThat(forwarding("https://e.com/p#f").location("q=<ü>#x")).isEqualTo("https://e.com/p?q=%3C%C3%BC%3E%23x#f");
    }

    @Test
    void anExhaustedLinkDoesNotRedirect() {
        assertThat(new RedirectEntry("https://e.com", LinkStatus.EXHAUSTED, 302, null, false, false)
                .redirectsAt(java.time.Instant.now())).isFalse();
    }
}
