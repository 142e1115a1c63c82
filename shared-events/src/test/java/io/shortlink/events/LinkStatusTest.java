package io.shortlink.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.shortlink.events.LinkStatus.ACTIVE;
import static io.shortlink.events.LinkStatus.DELETED;
import static io.shortlink.events.LinkStatus.EXHAUSTED;
import static io.shortlink.events.LinkStatus.EXPIRED;
import static org.assertj.core.api.Assertions.assertThat;

class LinkStatusTest {

    private static final Instant EXPIRES = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant JUST_BEFORE = EXPIRES.minusNanos(1);

    @Test
    void anActiveLinkExpiresExactlyAtItsExpiry() {
        assertThat(ACTIVE.at(EXPIRES, JUST_BEFORE)).isEqualTo(ACTIVE);
        assertThat(ACTIVE.at(EXPIRES, EXPIRES)).isEqualTo(EXPIRED);
        assertThat(ACTIVE.at(EXPIRES, EXPIRES.plusSeconds(60))).isEqualTo(EXPIRED);
    }

    @Test
    void aLinkWithoutExpiryNeverExpires() {
        assertThat(ACTIVE.at(null, Instant.MAX)).isEqualTo(ACTIVE);
        assertThat(EXHAUSTED.at(null, Instant.MAX)).isEqualTo(EXHAUSTED);
    }

    @Test
    void anExhaustedLinkPastItsExpiryIsExpired() {
        assertThat(EXHAUSTED.at(EXPIRES, JUST_BEFORE)).isEqualTo(EXHAUSTED);
        assertThat(EXHAUSTED.at(EXPIRES, EXPIRES)).isEqualTo(EXPIRED);
    }

    @Test
    void aDeletedLinkStaysDeletedPastItsExpiry() {
        assertThat(DELETED.at(EXPIRES, JUST_BEFORE)).isEqualTo(DELETED);
        assertThat(DELETED.at(EXPIRES, EXPIRES)).isEqualTo(DELETED);
    }

    @Test
    void anExpiredLinkStaysExpiredBeforeItsExpiryUntilItIsReactivated() {
        assertThat(EXPIRED.at(EXPIRES, JUST_BEFORE)).as("only LinkReactivated makes it active again").isEqualTo(EXPIRED);
        assertThat(EXPIRED.at(null, JUST_BEFORE)).isEqualTo(EXPIRED);
    }

    @Test
    void onlyAnActiveLinkBeforeItsExpiryRedirects() {
        assertThat(ACTIVE.redirectsAt(EXPIRES, JUST_BEFORE)).isTrue();
        assertThat(ACTIVE.redirectsAt(null, EXPIRES)).isTrue();
        assertThat(ACTIVE.redirectsAt(EXPIRES, EXPIRES)).isFalse();
        assertThat(EXHAUSTED.redirectsAt(null, EXPIRES)).isFalse();
        assertThat(EXPIRED.redirectsAt(null, EXPIRES)).isFalse();
        assertThat(DELETED.redirectsAt(null, EXPIRES)).isFalse();
    }
}
