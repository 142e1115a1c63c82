package io.shortlink.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickEncodingTest {

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    @Test
    void aClickReadsBackAsItWasWrittenInAThirdOfItsJson() {
        LinkClicked click = new LinkClicked("a1B2c3D", Instant.parse("2026-12-02T10:15:30.123456789Z"), "news.ycombinator.com",
                CHROME, "0123456789abcdef0123456789abcdef", "DE");

        byte[] bytes = ClickEncoding.encode(click, false);

        assertThat(ClickEncoding.decode(bytes)).isEqualTo(click);
        assertThat(ClickEncoding.codeOf(bytes)).isEqualTo("a1B2c3D");
        // Format and flags; the visitor as its 16 bytes; the rest as the strings they are.
        assertThat(bytes.length).isEqualTo(2 + 5 + 4 + 1 + 7 + 1 + 20 + 1 + CHROME.length() + 1 + 2 + 1 + 16);
    }

    @Test
    void aClickTellsWhetherItCountsTowardsAVisitLimitWithoutBeingDecoded() {
        LinkClicked click = new LinkClicked("a1B2c3D", Instant.EPOCH, "direct", CHROME, "0123456789abcdef0123456789abcdef", "DE");

        assertThat(ClickEncoding.visitLimited(ClickEncoding.encode(click, true))).isTrue();
        assertThat(ClickEncoding.visitLimited(ClickEncoding.encode(click, false))).isFalse();
        assertThat(ClickEncoding.decode(ClickEncoding.encode(click, true))).isEqualTo(click);
    }

    @Test
    void aClickOfFormat2AsStoredOnKafkaStillReadsAndCountsTowardsAVisitLimit() {
        // Written by the encoder of format 2 (before the flags existed); Kafka keeps such records for ever.
        byte[] format2 = HexFormat.of().parseHex("02c2dfbfd80680cab5ee0107613142326333440b6578616d706c652e6f72670a637572"
                + "6c2f382e342e30025345010123456789abcdef0123456789abcdef");

        assertThat(ClickEncoding.decode(format2)).isEqualTo(new LinkClicked("a1B2c3D", Instant.parse("2026-12-02T10:15:30.5Z"),
                "example.org", "curl/8.4.0", "0123456789abcdef0123456789abcdef", "SE"));
        assertThat(ClickEncoding.codeOf(format2)).isEqualTo("a1B2c3D");
        assertThat(ClickEncoding.visitLimited(format2)).as("as every click counted before the flag").isTrue();
    }

    @Test
    void unusualValuesReadBackUnchanged() {
        for (String visitor : new String[]{"0123456789ABCDEF0123456789ABCDEF", "not-a-hash", "", "0123456789abcdef0123456789abcdeg"}) {
            LinkClicked click = new LinkClicked("x", Instant.EPOCH, "direct", "", visitor, "unknown");
            assertThat(ClickEncoding.decode(ClickEncoding.encode(click, false))).isEqualTo(click);
        }
        LinkClicked accents = new LinkClicked("code_-", Instant.parse("1969-12-31T23:59:59Z").plusNanos(1), "bücher.example",
                "Ägent/1.0 \u2603 \uD83D\uDE00", "0123456789abcdef0123456789abcdef", "unknown");
        assertThat(ClickEncoding.decode(ClickEncoding.encode(accents, true))).isEqualTo(accents);
    }

    @Test
    void anythingButFormats2And3IsRefused() {
        byte[] json = "{\"code\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ClickEncoding.decode(json)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClickEncoding.visitLimited(json)).isInstanceOf(IllegalArgumentException.class);
    }
}
