package io.shortlink.query.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shortlink.events.ClickEncoding;
import io.shortlink.events.LinkClicked;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ClickRecordConverterTest {

    private static final LinkClicked CLICK = new LinkClicked("abc1234", Instant.parse("2026-12-02T10:00:00.5Z"), "direct",
            "curl/8.4.0", "00112233445566778899aabbccddeeff", "SE");

    private final DefaultKafkaMessageConverter axonConverter = DefaultKafkaMessageConverter.builder()
            .serializer(JacksonSerializer.builder().objectMapper(new ObjectMapper().findAndRegisterModules()).build()).build();
    private final ClickRecordConverter converter = new ClickRecordConverter(axonConverter);

    @Test
    void aCompactClickIsReadAsTheSameEventNamedByItsPlaceInTheTopic() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(ClickEncoding.RECORD_HEADER, new byte[16]));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("shortlink.clicks", 3, 42L, 0L, TimestampType.CREATE_TIME,
                0, 0, CLICK.code(), ClickEncoding.encode(CLICK), headers, Optional.empty());

        EventMessage<?> message = converter.readKafkaMessage(record).orElseThrow();

        assertThat(message.getPayload()).isEqualTo(CLICK);
        assertThat(message.getIdentifier()).isEqualTo("shortlink.clicks-3-42");
        assertThat(message.getTimestamp()).isEqualTo(CLICK.clickedAt());
    }

    @Test
    void aClickOfFormat1IsReadByTheKafkaExtensionAsBefore() {
        ProducerRecord<String, byte[]> written = axonConverter.createKafkaMessage(GenericEventMessage.asEventMessage(CLICK), "shortlink.clicks");
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("shortlink.clicks", 0, 7L, 0L, TimestampType.CREATE_TIME,
                0, 0, CLICK.code(), written.value(), written.headers(), Optional.empty());

        assertThat(converter.readKafkaMessage(record).orElseThrow().getPayload()).isEqualTo(CLICK);
    }
}
