package io.shortlink.query.limit;

import io.shortlink.query.kafka.KafkaEventStreams;
import io.shortlink.query.kafka.ReadSideTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

@Configuration
class VisitLimitConfiguration {

    /**
     * The visit-counts processor's source: the link events (for the limits) and the clicks of links that had a limit
     * when they were clicked; the others are skipped before Axon handles them (docs/adr/0024).
     */
    @Bean
    StreamableMessageSource<TrackedEventMessage<?>> visitCountsMessageSource(KafkaEventStreams streams, ReadSideTopics topics) {
        return streams.withVisitLimitedClicksOnly(topics.linkEventsAndClicks());
    }

    @Bean
    VisitLimitReports visitLimitReports(@Value("${axon.kafka.bootstrap-servers}") String bootstrapServers,
                                        KafkaMessageConverter<String, byte[]> kafkaMessageConverter, ReadSideTopics topics) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "shortlink-visit-limits",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000));
        return new VisitLimitReports(producer, kafkaMessageConverter, topics.visitLimits());
    }
}
