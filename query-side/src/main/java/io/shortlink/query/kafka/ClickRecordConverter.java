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
 */
final class ClickRecordConverter implements KafkaMessageConverter<String, byte[]> {

    private final KafkaMessageConverter<String, byte[]> others;

    ClickRecordConverter(KafkaMessageConverter<String, byte[]> others) {
        this.others = others;
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
        LinkClicked click = ClickEncoding.decode(record.value());
        String id = record.topic() + "-" + record.partition() + "-" + record.offset();
        return Optional.of(new GenericEventMessage<>(id, click, MetaData.emptyInstance(), click.clickedAt()));
    }
}
