package io.shortlink.query.kafka;

import io.shortlink.events.ClickEncoding;
import io.shortlink.events.LinkClicked;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.MetaData;

import java.util.Optional;

/**
 * Reads the clicks of the compact format ({@link ClickEncoding}, marked by its record header) as {@link LinkClicked}
 * event messages, and everything else — link events, clicks of format 1 — with the Kafka extension's converter. A
 * compact click carries no message id: its record's place (topic, partition, offset) names it, the same on every
 * read, so a replay sees the same ids as the live processor.
 * <p>
 * A stream that needs only the clicks of links with a visit limit skips the others here, before any of Axon's
 * per-message work ({@link #visitLimitedClicksOnly}); which those are is in the stored record
 * ({@link ClickEncoding#visitLimited}), so a replay skips the same clicks.
 */
final class ClickRecordConverter implements KafkaMessageConverter<String, byte[]> {

    private final KafkaMessageConverter<String, byte[]> others;
    private final boolean visitLimitedClicksOnly;

    private ClickRecordConverter(KafkaMessageConverter<String, byte[]> others, boolean visitLimitedClicksOnly) {
        this.others = others;
        this.visitLimitedClicksOnly = visitLimitedClicksOnly;
    }

    /** Reads every record. */
    static ClickRecordConverter allRecords(KafkaMessageConverter<String, byte[]> others) {
        return new ClickRecordConverter(others, false);
    }

    /** Reads every record but the compact clicks that do not count towards a visit limit. */
    static ClickRecordConverter visitLimitedClicksOnly(KafkaMessageConverter<String, byte[]> others) {
        return new ClickRecordConverter(others, true);
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
        return others.createKafkaMessage(eventMessage, topic);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        if (record.headers().lastHeader(ClickEncoding.RECORD_HEADER) == null) {
            return others.readKafkaMessage(record);
        }
        if (visitLimitedClicksOnly && !ClickEncoding.visitLimited(record.value())) {
            return Optional.empty();
        }
        LinkClicked click = ClickEncoding.decode(record.value());
        String id = record.topic() + "-" + record.partition() + "-" + record.offset();
        return Optional.of(new GenericEventMessage<>(id, click, MetaData.emptyInstance(), click.clickedAt()));
    }
}
