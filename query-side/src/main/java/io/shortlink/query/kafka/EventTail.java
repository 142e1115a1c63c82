package io.shortlink.query.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The newest events of a topic, as they arrive (see {@link KafkaEventStreams#tail}). Not thread-safe: one reader. */
public class EventTail implements AutoCloseable {

    private final Consumer<String, byte[]> consumer;
    private final KafkaMessageConverter<String, byte[]> converter;

    EventTail(Consumer<String, byte[]> consumer, KafkaMessageConverter<String, byte[]> converter) {
        this.consumer = consumer;
        this.converter = converter;
    }

    /** The events that arrived since the last call, waiting up to {@code timeout} for the first. */
    public List<EventMessage<?>> poll(Duration timeout) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            converter.readKafkaMessage(record).ifPresent(events::add);
        }
        return events;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
