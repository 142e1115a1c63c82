package io.shortlink.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickEncodingTest {

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    @Test
    void aClickReadsBackAsItWasWrittenInAThirdOfItsJson() {
        LinkClicked click = new LinkClicked("a1B2c3D", Instant.parse("2026-12-02T10:15:30.123456789Z"), "news.ycombinator.com",
                CHROME, "0123456789abcdef0123456789abcdef", "DE");

        byte[] bytes = ClickEncoding.encode(click);

        assertThat(ClickEncoding.decode(bytes)).isEqualTo(click);
        assertThat(ClickEncoding.codeOf(bytes)).isEqualTo("a1B2c3D");
        // The visitor as its 16 bytes; the rest as the strings they are.
        assertThat(bytes.length).isEqualTo(1 + 5 + 4 + 1 + 7 + 1 + 20 + 1 + CHROME.length() + 1 + 2 + 1 + 16);
    }

    @Test
    void unusualValuesReadBackUnchanged() {
        for (String visitor : new String[]{"0123456789ABCDEF0123456789ABCDEF", "not-a-hash", "", "0123456789abcdef0123456789abcdeg"}) {
            LinkClicked click = new LinkClicked("x", Instant.EPOCH, "direct", "", visitor, "unknown");
            assertThat(ClickEncoding.decode(ClickEncoding.encode(click))).isEqualTo(click);
        }
        LinkClicked accents = new LinkClicked("code_-", Instant.parse("1969-12-31T23:59:59Z").plusNanos(1), "bücher.example",
                "Ägent/1.0 \u2603 \uD83D\uDE00", "0123456789abcdef0123456789abcdef", "unknown");
        assertThat(ClickEncoding.decode(ClickEncoding.encode(accents))).isEqualTo(accents);
    }

    @Test
    void anythingButFormat2IsRefused() {
        assertThatThrownBy(() -> ClickEncoding.decode("{\"code\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
