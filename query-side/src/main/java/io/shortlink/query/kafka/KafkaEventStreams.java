package io.shortlink.query.kafka;

import io.shortlink.query.click.ClickSettings;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Event streams over Kafka topics, read the way the Kafka extension reads its own: for the processors whose source
 * spans several topics, and for replays, which read a projection's topics from their start on a stream of their own.
 */
@Component
public class KafkaEventStreams {

    private final Serializer eventSerializer;
    private final ConsumerFactory<String, byte[]> consumers;
    private final ConsumerFactory<String, byte[]> clickConsumers;
    private final String clicksTopic;
    private final Fetcher<String, byte[], KafkaEventMessage> fetcher;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final KafkaMessageConverter<String, byte[]> visitLimitedClicksConverter;
    private final int bufferSize;

    KafkaEventStreams(@Qualifier("eventSerializer") Serializer eventSerializer,
                      ConsumerFactory<String, byte[]> kafkaConsumerFactory,
                      Fetcher<String, byte[], KafkaEventMessage> kafkaFetcher,
                      KafkaMessageConverter<String, byte[]> kafkaMessageConverter,
                      KafkaProperties kafka,
                      ClickSettings clicks) {
        this.eventSerializer = eventSerializer;
        this.consumers = kafkaConsumerFactory;
        Map<String, Object> clickConsumerSettings = new HashMap<>(kafka.buildConsumerProperties());
        clickConsumerSettings.putAll(clicks.consumer());
        this.clickConsumers = new DefaultConsumerFactory<>(clickConsumerSettings);
        this.clicksTopic = clicks.topic();
        this.fetcher = kafkaFetcher;
        this.converter = ClickRecordConverter.allRecords(kafkaMessageConverter);
        this.visitLimitedClicksConverter = ClickRecordConverter.visitLimitedClicksOnly(kafkaMessageConverter);
        this.bufferSize = kafka.getFetcher().getBufferSize();
    }

    /**
     * A source of the events in {@code topics}, whose tracking token holds a position in each of their partitions,
     * handed on in the order they were fetched (see {@link FetchOrderBuffer}). A stream that reads the clicks has
     * consumers of its own settings ({@code shortlink.clicks.consumer}): fetches that wait to carry many clicks.
     */
    public StreamableKafkaMessageSource<String, byte[]> of(List<String> topics) {
        return source(topics, converter);
    }

    /**
     * Like {@link #of}, without the clicks that do not count towards a visit limit: those of links that had none when
     * the redirect was answered.
     */
    public StreamableKafkaMessageSource<String, byte[]> withVisitLimitedClicksOnly(List<String> topics) {
        return source(topics, visitLimitedClicksConverter);
    }

    private StreamableKafkaMessageSource<String, byte[]> source(List<String> topics, KafkaMessageConverter<String, byte[]> converter) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(topics)
                .serializer(eventSerializer)
                .consumerFactory(topics.contains(clicksTopic) ? clickConsumers : consumers)
                .fetcher(fetcher)
                .messageConverter(converter)
                .bufferFactory(() -> new FetchOrderBuffer<>(bufferSize))
                .build();
    }

    /**
     * The events that arrive on {@code topic} from now on, in every partition: each instance that tails sees every
     * event, and nothing is committed (no consumer group). Close it when done.
     */
    public EventTail tail(String topic) {
        Consumer<String, byte[]> consumer = consumers.createConsumer(null);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        return new EventTail(consumer, converter);
    }

    /** The events in {@code topics} now: the sum over their partitions of end offset minus beginning offset. */
    public long eventsIn(List<String> topics) {
        try (Consumer<?, ?> consumer = consumers.createConsumer(null)) {
            List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream())
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(end -> end.getValue() - beginnings.getOrDefault(end.getKey(), 0L)).sum();
        }
    }
}
