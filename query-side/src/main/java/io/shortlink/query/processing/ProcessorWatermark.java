package io.shortlink.query.processing;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * How far a processor's view is known to be complete: the time up to which every event on its Kafka topics has been
 * handled and committed, so a read of the view made after it was proven holds every such event. Proven each tick from
 * the topics' end offsets and the processor's committed position — this instance's own when it works the processor
 * (no database needed), else the token its owner stored — so every instance knows it, and it stops moving as soon as
 * the processor falls behind, whatever the reason (Redis or PostgreSQL away, no owner, a slow batch). Events that have
 * not reached Kafka yet (the command side's publisher, about 50 ms) are not counted: they are not on the stream.
 */
public final class ProcessorWatermark {

    private static final Logger log = LoggerFactory.getLogger(ProcessorWatermark.class);
    private static final Duration KAFKA_PATIENCE = Duration.ofMillis(500);

    private final String processor;
    private final List<String> topics;
    private final ConsumerFactory<String, byte[]> consumers;
    private final EventProcessingConfiguration processing;
    private final ProcessorPositions stored;
    private final Clock clock;
    private final Watermark watermark = new Watermark();
    private Consumer<String, byte[]> consumer;

    ProcessorWatermark(String processor, List<String> topics, ConsumerFactory<String, byte[]> consumers,
                       EventProcessingConfiguration processing, ProcessorPositions stored, Clock clock) {
        this.processor = processor;
        this.topics = topics;
        this.consumers = consumers;
        this.processing = processing;
        this.stored = stored;
        this.clock = clock;
    }

    /** Epoch milliseconds; 0 until first proven. */
    public long heldAsOf() {
        return watermark.heldAsOf();
    }

    void tick() {
        try {
            long at = clock.millis();
            watermark.endsAt(at, endOffsets());
            watermark.handled(handledOffsets());
        } catch (RuntimeException cannotTell) {
            // Kafka or the token store did not answer (the consumer reconnects by itself): the watermark stays, and ages.
            log.debug("Watermark of {} not advanced: {}", processor, cannotTell.toString());
        }
    }

    void close() {
        if (consumer != null) {
            consumer.close(Duration.ZERO);
        }
    }

    private Map<TopicPartition, Long> endOffsets() {
        if (consumer == null) {
            consumer = consumers.createConsumer(null);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo partition : consumer.partitionsFor(topic, KAFKA_PATIENCE)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        if (!consumer.assignment().equals(new HashSet<>(partitions))) {
            // Never polled, but assigned: the client otherwise warns at every ask that the partitions are not its own.
            consumer.assign(partitions);
        }
        return consumer.endOffsets(partitions, KAFKA_PATIENCE);
    }

    private Map<TopicPartition, Long> handledOffsets() {
        TrackingToken token = processing.eventProcessor(processor, TrackingEventProcessor.class)
                .map(working -> working.processingStatus().get(SegmentReleases.SEGMENT))
                .map(EventTrackerStatus::getTrackingToken)
                .map(WrappedToken::unwrapLowerBound)
                .orElseGet(() -> stored.of(processor));
        return token instanceof KafkaTrackingToken kafka ? kafka.getPositions() : Map.of();
    }
}
