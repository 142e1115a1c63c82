package io.shortlink.query.click;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shortlink.events.LinkClicked;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The publisher's rounds against a fake producer that notes each round (the records sent before each flush). */
class ClickPublisherTest {

    private static final LinkClicked CLICK = new LinkClicked("abc1234", Instant.parse("2026-12-02T10:00:00Z"), "direct",
            "curl/8.4.0", "00112233445566778899aabbccddeeff", "SE");

    @TempDir
    Path spoolDirectory;

    private final RoundRecordingProducer producer = new RoundRecordingProducer();
    private ClickPublisher publisher;

    private ClickPublisher started(Duration roundInterval) {
        publisher = new ClickPublisher(new ClickSpool(spoolDirectory, 1 << 20), 5000, roundInterval, producer,
                () -> {
                    throw new AssertionError("a fresh spool has nothing to read back");
                }, "shortlink.clicks", new SimpleMeterRegistry());
        publisher.start();
        return publisher;
    }

    @AfterEach
    void stop() {
        if (publisher.isRunning()) {
            publisher.stop();
        }
    }

    @Test
    void aClickAfterAQuietSpellGoesAtOnceAndTheClicksRightAfterItWaitForTheNextRoundTogether() throws Exception {
        Duration interval = Duration.ofSeconds(1);
        started(interval);

        long firstOffered = System.nanoTime();
        publisher.offer(CLICK, false);
        Round first = producer.nextRound();
        assertThat(first.records()).isEqualTo(1);
        for (int i = 0; i < 5; i++) {
            publisher.offer(CLICK, false);
        }
        Round second = producer.nextRound();

        assertThat(second.records()).as("the five clicks offered within the interval, in one round").isEqualTo(5);
        // The first round started after the first offer, the second at least an interval after the first started.
        assertThat(second.startedNanos() - firstOffered).isGreaterThanOrEqualTo(interval.toNanos());
    }

    @Test
    void withoutAnIntervalEachRoundTakesWhatArrivedWhileTheLastOneWasSent() throws Exception {
        started(Duration.ZERO);

        publisher.offer(CLICK, false);
        assertThat(producer.nextRound().records()).isEqualTo(1);
        publisher.offer(CLICK, false);
        assertThat(producer.nextRound().records()).isEqualTo(1);
    }

    @Test
    void aStoppingPublisherSendsWhatIsLeftWithoutWaitingForTheInterval() throws Exception {
        started(Duration.ofMinutes(10));
        publisher.offer(CLICK, false);
        producer.nextRound();

        publisher.offer(CLICK, false);
        publisher.stop();

        assertThat(producer.history()).hasSize(2);
    }

    record Round(int records, long startedNanos) {
    }

    /** Notes each flush as a round: how many records were sent since the last one, and when the first of them was. */
    static final class RoundRecordingProducer extends MockProducer<String, byte[]> {

        private final BlockingQueue<Round> rounds = new LinkedBlockingQueue<>();
        private int flushedRecords;
        private long roundStartedNanos;

        RoundRecordingProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (history().size() == flushedRecords) {
                roundStartedNanos = System.nanoTime();
            }
            return super.send(record, callback);
        }

        @Override
        public synchronized void flush() {
            super.flush();
            int sent = history().size();
            rounds.add(new Round(sent - flushedRecords, roundStartedNanos));
            flushedRecords = sent;
        }

        Round nextRound() throws InterruptedException {
            Round round = rounds.poll(30, TimeUnit.SECONDS);
            assertThat(round).as("a round within 30 s").isNotNull();
            return round;
        }
    }
}
