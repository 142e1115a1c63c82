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
    private final ClickRecordConverter converter = ClickRecordConverter.allRecords(axonConverter);

    private static ConsumerRecord<String, byte[]> compact(byte[] click) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(ClickEncoding.RECORD_HEADER, new byte[16]));
        return new ConsumerRecord<>("shortlink.clicks", 3, 42L, 0L, TimestampType.CREATE_TIME, 0, 0, CLICK.code(), click,
                headers, Optional.empty());
    }

    private ConsumerRecord<String, byte[]> format1() {
        ProducerRecord<String, byte[]> written = axonConverter.createKafkaMessage(GenericEventMessage.asEventMessage(CLICK), "shortlink.clicks");
        return new ConsumerRecord<>("shortlink.clicks", 0, 7L, 0L, TimestampType.CREATE_TIME, 0, 0, CLICK.code(),
                written.value(), written.headers(), Optional.empty());
    }

    @Test
    void aCompactClickIsReadAsTheSameEventNamedByItsPlaceInTheTopic() {
        EventMessage<?> message = converter.readKafkaMessage(compact(ClickEncoding.encode(CLICK, false))).orElseThrow();

        assertThat(message.getPayload()).isEqualTo(CLICK);
        assertThat(message.getIdentifier()).isEqualTo("shortlink.clicks-3-42");
        assertThat(message.getTimestamp()).isEqualTo(CLICK.clickedAt());
    }

    @Test
    void aClickOfFormat1IsReadByTheKafkaExtensionAsBefore() {
        assertThat(converter.readKafkaMessage(format1()).orElseThrow().getPayload()).isEqualTo(CLICK);
    }

    @Test
    void theVisitCountsStreamSkipsOnlyTheCompactClicksMadeWithoutAVisitLimit() {
        ClickRecordConverter visitLimitedOnly = ClickRecordConverter.visitLimitedClicksOnly(axonConverter);

        assertThat(visitLimitedOnly.readKafkaMessage(compact(ClickEncoding.encode(CLICK, false)))).isEmpty();
        assertThat(visitLimitedOnly.readKafkaMessage(compact(ClickEncoding.encode(CLICK, true))).orElseThrow().getPayload())
                .isEqualTo(CLICK);
        assertThat(visitLimitedOnly.readKafkaMessage(format1()).orElseThrow().getPayload())
                .as("clicks stored before the flag existed count, as they did").isEqualTo(CLICK);
        assertThat(converter.readKafkaMessage(compact(ClickEncoding.encode(CLICK, false)))).as("the stats read every click").isPresent();
    }
}
