package io.shortlink.query.processing;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentReleaseTest {

    @Test
    void aReleaseReadsAsItWasSent() {
        SegmentRelease release = new SegmentRelease("__axon-kafka event group", Duration.ofMillis(5000));

        assertThat(release.encoded()).isEqualTo("5000 __axon-kafka event group");
        assertThat(SegmentRelease.decoded(release.encoded())).isEqualTo(release);
        assertThat(SegmentRelease.decoded("0 redirect-view")).isEqualTo(new SegmentRelease("redirect-view", Duration.ZERO));
    }

    @Test
    void aMessageWithoutDurationIsRefused() {
        assertThatThrownBy(() -> SegmentRelease.decoded("redirect-view")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentRelease.decoded(" redirect-view")).isInstanceOf(IllegalArgumentException.class);
    }
}
