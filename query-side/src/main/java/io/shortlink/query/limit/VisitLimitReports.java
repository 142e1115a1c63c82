package io.shortlink.query.limit;

import io.shortlink.events.VisitLimitReached;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Sends {@link VisitLimitReached} to the command side over its Kafka topic, in the same format as every other event,
 * and waits until Kafka has them: the batch that found them commits only then.
 */
public class VisitLimitReports implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final String topic;

    public VisitLimitReports(Producer<String, byte[]> producer, KafkaMessageConverter<String, byte[]> converter, String topic) {
        this.producer = producer;
        this.converter = converter;
        this.topic = topic;
    }

    void send(List<VisitLimitReached> reports) {
        List<Future<?>> sent = reports.stream()
                .<Future<?>>map(report -> producer.send(converter.createKafkaMessage(GenericEventMessage.asEventMessage(report), topic)))
                .toList();
        for (Future<?> acknowledged : sent) {
            try {
                acknowledged.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reporting visit limits", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not take the visit-limit reports", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
