package io.shortlink.command.publishing;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka extension's publisher, waiting for Kafka's acknowledgements once per batch of the publishing processor
 * instead of once per event. The extension's {@code send} blocks on each event's acknowledgement, so the processor
 * published one event per round trip to the broker: about 50 events a second while creations kept both cores busy,
 * and links created during a burst became redirectable only half a minute after it (docs/benchmarks.md). Here a
 * batch's events are all sent at once and the batch commits — its token moves — only once Kafka acknowledged every
 * one of them; a failure rolls the batch back and the processor sends it again (at least once, as before). The
 * producer is idempotent, so the events keep their order in the partition.
 */
class BatchAcknowledgedKafkaPublisher extends KafkaPublisher<String, byte[]> {

    private static final String SENT = BatchAcknowledgedKafkaPublisher.class.getName() + ".sent";

    private final ProducerFactory<String, byte[]> producers;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final TopicResolver topics;
    private final MessageMonitor<? super EventMessage<?>> monitor;
    private final Duration ackTimeout;

    BatchAcknowledgedKafkaPublisher(Builder<String, byte[]> builder, ProducerFactory<String, byte[]> producers,
                                    KafkaMessageConverter<String, byte[]> converter, TopicResolver topics,
                                    MessageMonitor<? super EventMessage<?>> monitor, Duration ackTimeout) {
        super(builder.producerFactory(producers).messageConverter(converter).topicResolver(topics).messageMonitor(monitor));
        this.producers = producers;
        this.converter = converter;
        this.topics = topics;
        this.monitor = monitor;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        Optional<String> topic = topics.resolve(event);
        if (topic.isEmpty()) {
            return;
        }
        Sent sent = sentInBatch(CurrentUnitOfWork.get().root());
        MonitorCallback monitored = monitor.onMessageIngested(event);
        sent.add(sent.producer.send(converter.createKafkaMessage(event, topic.get())), monitored);
    }

    private Sent sentInBatch(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(SENT, key -> {
            Sent sent = new Sent(producers.createProducer());
            batch.onPrepareCommit(committing -> sent.awaitAcknowledged(ackTimeout));
            batch.onCleanup(done -> sent.producer.close());
            return sent;
        });
    }

    private static final class Sent {

        final Producer<String, byte[]> producer;
        private final List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
        private final List<MonitorCallback> monitored = new ArrayList<>();

        Sent(Producer<String, byte[]> producer) {
            this.producer = producer;
        }

        void add(Future<RecordMetadata> acknowledgement, MonitorCallback callback) {
            acknowledgements.add(acknowledgement);
            monitored.add(callback);
        }

        void awaitAcknowledged(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = 0; i < acknowledgements.size(); i++) {
                try {
                    acknowledgements.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    monitored.get(i).reportSuccess();
                } catch (ExecutionException | TimeoutException failed) {
                    monitored.subList(i, monitored.size()).forEach(callback -> callback.reportFailure(failed));
                    throw new EventPublicationFailedException("Kafka did not acknowledge an event of the batch", failed);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    throw new EventPublicationFailedException("Stopped waiting for Kafka's acknowledgements", stopping);
                }
            }
        }
    }
}
