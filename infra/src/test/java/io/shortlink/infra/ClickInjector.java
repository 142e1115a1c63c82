package io.shortlink.infra;

import io.shortlink.events.LinkClicked;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.springframework.core.env.Environment;

import java.time.Instant;
import java.util.Map;

/** Puts events on the topics as the system itself does, for what redirects cannot make: past days, owned links. */
final class ClickInjector implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final Environment environment;

    @SuppressWarnings("unchecked")
    ClickInjector(RunningShortlink shortlink) {
        environment = shortlink.application.getEnvironment();
        converter = shortlink.application.getBean(KafkaMessageConverter.class);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getProperty("axon.kafka.bootstrap-servers"),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    void click(String code, Instant at, String visitor, String userAgent) throws Exception {
        click(new LinkClicked(code, at, "direct", userAgent, visitor, "unknown"));
    }

    void click(LinkClicked click) throws Exception {
        String topic = environment.getProperty("shortlink.clicks.topic");
        producer.send(converter.createKafkaMessage(GenericEventMessage.asEventMessage(click), topic)).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
