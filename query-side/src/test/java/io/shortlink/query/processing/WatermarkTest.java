package io.shortlink.query.processing;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WatermarkTest {

    private static final TopicPartition P0 = new TopicPartition("links", 0);
    private static final TopicPartition P1 = new TopicPartition("links", 1);

    private final Watermark watermark = new Watermark();

    @Test
    void unknownUntilTheHandledOffsetsReachTheEndsOfSomeTime() {
        assertThat(watermark.heldAsOf()).isZero();
        watermark.endsAt(1_000, Map.of(P0, 5L, P1, 0L));
        watermark.handled(Map.of(P0, 3L));
        assertThat(watermark.heldAsOf()).isZero();

        watermark.handled(Map.of(P0, 4L));
        assertThat(watermark.heldAsOf()).as("offset 4 is the last before end 5; P1 was empty").isEqualTo(1_000);
    }

    @Test
    void aProcessorThatNeverReachesTheMovingEndStillShowsHowFarBehindItIs() {
        watermark.endsAt(1_000, Map.of(P0, 10L));
        watermark.endsAt(1_100, Map.of(P0, 20L));
        watermark.endsAt(1_200, Map.of(P0, 30L));
        watermark.handled(Map.of(P0, 19L));
        assertThat(watermark.heldAsOf()).isEqualTo(1_100);

        watermark.endsAt(1_300, Map.of(P0, 40L));
        watermark.handled(Map.of(P0, 35L));
        assertThat(watermark.heldAsOf()).isEqualTo(1_200);
    }

    @Test
    void staysWhereItWasWhileTheProcessorStandsStillAndEventsArrive() {
        watermark.handled(Map.of(P0, 9L));
        watermark.endsAt(1_000, Map.of(P0, 10L));
        watermark.endsAt(1_100, Map.of(P0, 11L));
        watermark.endsAt(1_200, Map.of(P0, 11L));
        assertThat(watermark.heldAsOf()).isEqualTo(1_000);
    }

    @Test
    void anOlderPositionReadLaterNeverMovesItBack() {
        watermark.handled(Map.of(P0, 9L, P1, 4L));
        watermark.handled(Map.of(P0, 2L, P1, 1L)); // e.g. the stored token, behind this instance's own
        watermark.endsAt(1_000, Map.of(P0, 10L, P1, 5L));
        assertThat(watermark.heldAsOf()).isEqualTo(1_000);
    }

    @Test
    void aNewPartitionHoldsItBackUntilItsRecordsAreHandled() {
        watermark.handled(Map.of(P0, 9L));
        watermark.endsAt(1_000, Map.of(P0, 10L, P1, 1L));
        assertThat(watermark.heldAsOf()).isZero();
        watermark.handled(Map.of(P1, 0L));
        assertThat(watermark.heldAsOf()).isEqualTo(1_000);
    }
}
