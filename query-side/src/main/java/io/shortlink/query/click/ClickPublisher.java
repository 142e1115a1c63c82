package io.shortlink.query.click;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shortlink.events.ClickEncoding;
import io.shortlink.events.LinkClicked;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Publishes clicks to Kafka off the request thread (docs/adr/0040, 0044). A request thread encodes its click
 * ({@link ClickEncoding}) and appends it to the {@link ClickSpool}, a memory-mapped local file that outlives a killed
 * process: about a microsecond, never a wait for Kafka. One background thread sends what the spool holds in rounds —
 * everything appended since the last round, sent and then flushed — and acknowledges a round in the spool once Kafka
 * has taken all of it. A round starts at most once per {@code roundInterval}: every round costs a produce request, a
 * broker append and a fetch by each consumer of the clicks, whether it carries three clicks or three thousand, so under
 * load clicks wait up to that long to travel together; a click after a quiet spell goes at once. A round that failed,
 * or the clicks a previous process left in the spool, may be on Kafka in part: the thread first reads back what of
 * them the topic already holds (each record names its spool and position) and sends only the rest, so that a click is
 * on Kafka once.
 * <p>
 * When the spool holds {@code capacity} bytes that Kafka has not taken (Kafka down for long), further clicks are
 * dropped, counted and logged at most every {@link #LOG_INTERVAL}.
 */
public class ClickPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClickPublisher.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration IDLE_WAIT = Duration.ofMillis(50);
    /** How much earlier than the first send a read-back starts: the broker's clock and ours may differ a little. */
    private static final Duration READ_BACK_MARGIN = Duration.ofSeconds(10);
    private static final int ENCODE_BUFFER_BYTES = 4096;

    enum DropReason {
        /** The spool was full: Kafka has been slow or down for long. */
        BUFFER_FULL,
        /** The click could not even be built. */
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final ClickSpool spool;
    private final int roundSize;
    private final long roundIntervalNanos;
    private final Producer<String, byte[]> producer;
    private final Supplier<Consumer<byte[], byte[]>> readBackConsumers;
    private final String topic;
    private final ThreadLocal<ByteBuffer> encodeBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(ENCODE_BUFFER_BYTES));
    private final Counter recorded;
    private final Map<DropReason, Counter> drops = new EnumMap<>(DropReason.class);
    private final AtomicLong droppedSinceLastLog = new AtomicLong();
    private final AtomicLong lastDropLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL.toNanos());
    private volatile boolean running;
    private volatile boolean idle;
    private volatile Thread drainer;
    /** When the last round started ({@link System#nanoTime()}); the drainer's own. */
    private long lastRoundStarted;

    ClickPublisher(ClickSpool spool, int roundSize, Duration roundInterval, Producer<String, byte[]> producer,
                   Supplier<Consumer<byte[], byte[]>> readBackConsumers, String topic, MeterRegistry meters) {
        this.spool = spool;
        this.roundSize = roundSize;
        this.roundIntervalNanos = roundInterval.toNanos();
        this.producer = producer;
        this.readBackConsumers = readBackConsumers;
        this.topic = topic;
        this.recorded = Counter.builder("shortlink.clicks.recorded")
                .description("Clicks that Kafka acknowledged").register(meters);
        for (DropReason reason : DropReason.values()) {
            drops.put(reason, Counter.builder("shortlink.clicks.dropped").tag("reason", reason.tag())
                    .description("Clicks lost before reaching Kafka").register(meters));
        }
        Gauge.builder("shortlink.clicks.buffer.size", spool, ClickSpool::waiting)
                .description("Clicks in the local spool, waiting to be taken by Kafka").register(meters);
    }

    /** Never waits for Kafka: a full spool drops the click. */
    void offer(LinkClicked click, boolean visitLimited) {
        ByteBuffer buffer = encodeBuffers.get().clear();
        try {
            ClickEncoding.encode(click, visitLimited, buffer);
        } catch (BufferOverflowException longerThanUsual) {
            buffer = ByteBuffer.allocate(ClickEncoding.maxLength(click));
            encodeBuffers.set(buffer);
            ClickEncoding.encode(click, visitLimited, buffer);
        }
        if (!spool.append(buffer.array(), buffer.position())) {
            dropped(DropReason.BUFFER_FULL);
        } else if (idle) {
            LockSupport.unpark(drainer);
        }
    }

    void dropped(DropReason reason) {
        drops.get(reason).increment();
        droppedSinceLastLog.incrementAndGet();
        long last = lastDropLogNanos.get();
        long now = System.nanoTime();
        if (now - last >= LOG_INTERVAL.toNanos() && lastDropLogNanos.compareAndSet(last, now)) {
            log.warn("{} clicks dropped since the last report (at most one every {} s; latest reason: {}); {} waiting for Kafka",
                    droppedSinceLastLog.getAndSet(0), LOG_INTERVAL.toSeconds(), reason.tag(), spool.waiting());
        }
    }

    private void drain() {
        // Clicks left by the last process: some of them may have reached Kafka before it stopped.
        boolean uncertain = spool.end() > spool.acknowledged();
        Set<Long> alreadyOnKafka = new HashSet<>();
        while (running || spool.end() > spool.acknowledged()) {
            try {
                if (uncertain) {
                    // Kept across failed rounds: a click one of them delivered is not sent again by the next.
                    alreadyOnKafka.addAll(alreadyOnKafka());
                    uncertain = false;
                }
                long from = spool.acknowledged();
                if (from == spool.end()) {
                    awaitClicks(from);
                    continue;
                }
                awaitRoundInterval();
                if (sendRound(from, alreadyOnKafka)) {
                    alreadyOnKafka.removeIf(position -> position < spool.acknowledged());
                } else {
                    uncertain = true;
                    Thread.sleep(RETRY_AFTER.toMillis());
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                log.warn("Clicks could not be handed to Kafka, retrying in {} s: {}", RETRY_AFTER.toSeconds(), failure.toString());
                uncertain = true;
                LockSupport.parkNanos(RETRY_AFTER.toNanos());
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    private void awaitClicks(long from) {
        idle = true;
        if (spool.end() == from && running) {
            LockSupport.parkNanos(IDLE_WAIT.toNanos());
        }
        idle = false;
    }

    /** Until a round interval after the last round started; a stopping publisher sends what is left at once. */
    private void awaitRoundInterval() {
        long wait;
        while (running && !Thread.currentThread().isInterrupted()
                && (wait = lastRoundStarted + roundIntervalNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        lastRoundStarted = System.nanoTime();
    }

    /** @return whether Kafka took the whole round, which is then acknowledged in the spool */
    private boolean sendRound(long from, Set<Long> alreadyOnKafka) {
        AtomicBoolean failed = new AtomicBoolean();
        long[] clicks = {0};
        spool.sending(System.currentTimeMillis());
        long to = spool.read(from, roundSize, (position, bytes) -> {
            clicks[0]++;
            if (failed.get() || alreadyOnKafka.contains(position)) {
                return;
            }
            Header source = new RecordHeader(ClickEncoding.RECORD_HEADER,
                    ByteBuffer.allocate(2 * Long.BYTES).putLong(spool.id()).putLong(position).array());
            // Keyed by code, as the link events are: a code's clicks stay in one partition.
            // Stamped by the producer with the time it is sent, which a read-back seeks by.
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, null, ClickEncoding.codeOf(bytes), bytes,
                    List.of(source));
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure != null) {
                        failed.set(true);
                    }
                });
            } catch (RuntimeException failure) {
                failed.set(true);
            }
        });
        producer.flush();
        if (failed.get()) {
            log.warn("Kafka did not take a round of {} clicks; retrying in {} s", clicks[0], RETRY_AFTER.toSeconds());
            return false;
        }
        spool.acknowledge(to, clicks[0]);
        recorded.increment(clicks[0]);
        return true;
    }

    /**
     * The positions of this spool's unacknowledged clicks that the clicks topic already holds: read back from a little
     * before the first of them was sent (the rounds since the last acknowledgement) to the end of every partition.
     */
    private Set<Long> alreadyOnKafka() {
        long from = spool.acknowledged();
        if (spool.sendingSince() == 0) {
            return Set.of();
        }
        Set<Long> found = new HashSet<>();
        try (Consumer<byte[], byte[]> consumer = readBackConsumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            long since = spool.sendingSince() - READ_BACK_MARGIN.toMillis();
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(
                    partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> since)));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
            }
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header source = record.headers().lastHeader(ClickEncoding.RECORD_HEADER);
                    if (source != null) {
                        ByteBuffer value = ByteBuffer.wrap(source.value());
                        long spoolId = value.getLong();
                        long position = value.getLong();
                        if (spoolId == spool.id() && position >= from) {
                            found.add(position);
                        }
                    }
                }
            }
        }
        log.info("{} clicks waited in the spool for Kafka; {} of them were on Kafka already", spool.waiting(), found.size());
        return found;
    }

    @Override
    public void start() {
        running = true;
        lastRoundStarted = System.nanoTime() - roundIntervalNanos;
        drainer = new Thread(this::drain, "click-publisher");
        drainer.setDaemon(true);
        drainer.start();
    }

    /**
     * Hands what the spool holds to Kafka, waiting a few seconds at most, then closes the producer; what is left stays
     * in the spool for the next start.
     */
    @Override
    public void stop() {
        running = false;
        LockSupport.unpark(drainer);
        try {
            drainer.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainer.interrupt();
        producer.close(CLOSE_TIMEOUT);
        try {
            spool.close();
        } catch (IOException e) {
            log.warn("The click spool did not close cleanly", e);
        }
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
