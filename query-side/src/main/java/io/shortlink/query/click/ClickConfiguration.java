package io.shortlink.query.click;

import io.micrometer.core.instrument.MeterRegistry;
import io.shortlink.edge.client.ClientAddresses;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
                                  MeterRegistry meters) {
        return new ClickPublisher(new ClickSpool(settings.spoolDir(), settings.spoolCapacity().toBytes()), settings.publishBatchSize(), settings.roundInterval(),
                new KafkaProducer<>(producerConfig(settings, bootstrapServers)), () -> readBackConsumer(bootstrapServers),
                settings.topic(), meters);
    }

    /**
     * A producer of its own rather than the command side's publisher: clicks go in rounds of thousands, compressed
     * (clicks of one batch share most of their user agents and referrers), and with a short {@code max.block.ms} and
     * delivery timeout, so that an absent Kafka fails a round within seconds; the spool keeps its clicks.
     */
    private static Map<String, Object> producerConfig(ClickSettings settings, String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "shortlink-clicks");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        config.putAll(settings.producer());
        return config;
    }

    /** Reads the clicks topic back after a failure, to find which clicks of the spool Kafka took before it. */
    private static Consumer<byte[], byte[]> readBackConsumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "shortlink-clicks-read-back",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
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
