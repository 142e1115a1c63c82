package io.shortlink.query.click;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shortlink.events.LinkClicked;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes clicks to Kafka off the request thread: request threads put clicks in a bounded buffer, one background
 * thread drains it in batches into the producer. A send on the request thread would cost a redirect about twice its
 * own time (ADR 0040), and a slow or absent Kafka must never hold a redirect: when the buffer is full, further
 * clicks are dropped, counted and logged at most every {@link #LOG_INTERVAL}.
 * <p>
 * Clicks go out as Axon event messages built by the Kafka extension's own converter, so that a
 * {@code StreamableKafkaMessageSource} reads them like the link events.
 */
public class ClickPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClickPublisher.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    enum DropReason {
        /** The buffer was full: Kafka is slow or down. */
        BUFFER_FULL,
        /** The producer gave up on a click it had taken. */
        PUBLISH_FAILED,
        /** The click could not even be built. */
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final BlockingQueue<LinkClicked> buffer;
    private final int batchSize;
    private final Producer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final String topic;
    private final Counter recorded;
    private final Map<DropReason, Counter> drops = new EnumMap<>(DropReason.class);
    private final AtomicLong droppedSinceLastLog = new AtomicLong();
    private final AtomicLong lastDropLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL.toNanos());
    private volatile boolean running;
    private Thread drainer;

    ClickPublisher(int capacity, int batchSize, Producer<String, byte[]> producer,
                   KafkaMessageConverter<String, byte[]> converter, String topic, MeterRegistry meters) {
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.producer = producer;
        this.converter = converter;
        this.topic = topic;
        this.recorded = Counter.builder("shortlink.clicks.recorded")
                .description("Clicks that Kafka acknowledged").register(meters);
        for (DropReason reason : DropReason.values()) {
            drops.put(reason, Counter.builder("shortlink.clicks.dropped").tag("reason", reason.tag())
                    .description("Clicks lost before reaching Kafka").register(meters));
        }
        Gauge.builder("shortlink.clicks.buffer.size", buffer, BlockingQueue::size)
                .description("Clicks waiting to be handed to Kafka").register(meters);
    }

    /** Never blocks: a full buffer drops the click. */
    void offer(LinkClicked click) {
        if (!buffer.offer(click)) {
            dropped(DropReason.BUFFER_FULL);
        }
    }

    void dropped(DropReason reason) {
        drops.get(reason).increment();
        droppedSinceLastLog.incrementAndGet();
        long last = lastDropLogNanos.get();
        long now = System.nanoTime();
        if (now - last >= LOG_INTERVAL.toNanos() && lastDropLogNanos.compareAndSet(last, now)) {
            log.warn("{} clicks dropped since the last report (at most one every {} s; latest reason: {}); {} waiting for Kafka",
                    droppedSinceLastLog.getAndSet(0), LOG_INTERVAL.toSeconds(), reason.tag(), buffer.size());
        }
    }

    private void drain() {
        List<LinkClicked> batch = new ArrayList<>(batchSize);
        while (running || !buffer.isEmpty()) {
            try {
                LinkClicked first = buffer.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                buffer.drainTo(batch, batchSize - 1);
                batch.forEach(this::send);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void send(LinkClicked click) {
        try {
            ProducerRecord<String, byte[]> message = converter.createKafkaMessage(GenericEventMessage.asEventMessage(click), topic);
            // Keyed by code, as the link events are: a code's clicks stay in one partition.
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(message.topic(), null, message.timestamp(),
                    click.code(), message.value(), message.headers());
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    recorded.increment();
                } else {
                    dropped(DropReason.PUBLISH_FAILED);
                }
            });
        } catch (RuntimeException failure) {
            dropped(DropReason.PUBLISH_FAILED);
        }
    }

    @Override
    public void start() {
        running = true;
        drainer = new Thread(this::drain, "click-publisher");
        drainer.setDaemon(true);
        drainer.start();
    }

    /** Hands what is still buffered to Kafka, then closes the producer, waiting a few seconds at most. */
    @Override
    public void stop() {
        running = false;
        try {
            drainer.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainer.interrupt();
        producer.close(CLOSE_TIMEOUT);
    }

    /** Started before and stopped after the web server, so that no click of an answered redirect is left behind. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
