package io.shortlink.query.click;

import io.micrometer.core.instrument.MeterRegistry;
import io.shortlink.edge.client.ClientAddresses;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

@Configuration
@EnableConfigurationProperties(ClickSettings.class)
class ClickConfiguration {

    @Bean
    ClickPublisher clickPublisher(ClickSettings settings, @Value("${axon.kafka.bootstrap-servers}") String bootstrapServers,
                                  KafkaMessageConverter<String, byte[]> kafkaMessageConverter, MeterRegistry meters) {
        return new ClickPublisher(settings.bufferCapacity(), settings.publishBatchSize(),
                new KafkaProducer<>(producerConfig(settings, bootstrapServers)), kafkaMessageConverter, settings.topic(), meters);
    }

    /**
     * A producer of its own rather than the command side's publisher: clicks want batching (linger) where link events
     * want the lowest latency, and a short {@code max.block.ms}, so that an absent Kafka fills the buffer instead of
     * parking the publishing thread for a minute per click.
     */
    private static Map<String, Object> producerConfig(ClickSettings settings, String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "shortlink-clicks");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        config.putAll(settings.producer());
        return config;
    }

    @Bean
    ClientCountries clientCountries(ClickSettings settings) {
        return ClientCountries.open(settings.countryDatabase());
    }

    @Bean
    ClickRecorder clickRecorder(ClickPublisher clickPublisher, ClickSettings settings, ClientAddresses clientAddresses,
                                ClientCountries clientCountries) {
        return new ClickRecorder(clickPublisher, new VisitorIds(settings.visitorSecret()), clientAddresses,
                settings.countryHeader(), clientCountries, Clock.systemUTC());
    }
}
