package io.shortlink.query.replay;

import org.apache.kafka.common.TopicPartition;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayFeedTest {

    private static final TopicPartition CLICKS_0 = new TopicPartition("clicks", 0);
    private static final TopicPartition CLICKS_1 = new TopicPartition("clicks", 1);
    private static final TopicPartition LINKS = new TopicPartition("links", 0);

    /** Where the live processor paused: it handled clicks 0..5 and 0..3 of the two partitions, links 0..9. */
    private static final KafkaTrackingToken LIVE = token(5, 3, 9);

    @Test
    void anEventIsUpToTheLiveTokenByItsOwnPartitionOnly() {
        // The replay's stream has passed the live token in partition 0 (offset 6, left to the live processor).
        KafkaTrackingToken position = token(6, 2, 9);

        assertThat(ReplayFeed.isUpTo(LIVE, position, token(6, 3, 9))).as("offset 3 of partition 1").isTrue();
        assertThat(ReplayFeed.isUpTo(LIVE, position, token(7, 2, 9))).as("offset 7 of partition 0").isFalse();
        assertThat(ReplayFeed.isUpTo(LIVE, token(6, 3, 9), token(6, 4, 9))).as("offset 4 of partition 1").isFalse();
        assertThat(ReplayFeed.isUpTo(LIVE, position, token(6, 2, 10))).as("offset 10 of the links").isFalse();
    }

    @Test
    void theFirstEventIsComparedWithTheTokenAlone() {
        assertThat(ReplayFeed.isUpTo(LIVE, null, KafkaTrackingToken.newInstance(Map.of(CLICKS_1, 0L)))).isTrue();
        assertThat(ReplayFeed.isUpTo(token(5, 3, 9), null, KafkaTrackingToken.newInstance(Map.of(CLICKS_1, 4L)))).isFalse();
    }

    @Test
    void anEventOfAPartitionTheLiveProcessorHasNotReadIsNotUpToIt() {
        KafkaTrackingToken live = KafkaTrackingToken.newInstance(Map.of(CLICKS_0, 5L));

        assertThat(ReplayFeed.isUpTo(live, KafkaTrackingToken.newInstance(Map.of(CLICKS_0, 5L)), token(5, 0, -1))).isFalse();
    }

    private static KafkaTrackingToken token(long clicks0, long clicks1, long links) {
        return KafkaTrackingToken.newInstance(links < 0 ? Map.of(CLICKS_0, clicks0, CLICKS_1, clicks1)
                : Map.of(CLICKS_0, clicks0, CLICKS_1, clicks1, LINKS, links));
    }
}
