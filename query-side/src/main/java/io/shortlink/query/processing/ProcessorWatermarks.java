package io.shortlink.query.processing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Keeps the {@link ProcessorWatermark}s asked for up to date, each on a thread of its own so that one slow answer holds no other. */
@Component
public class ProcessorWatermarks implements SmartLifecycle {

    private final ConsumerFactory<String, byte[]> consumers;
    private final EventProcessingConfiguration processing;
    private final ProcessorPositions stored;
    private final Duration interval;
    private final List<ProcessorWatermark> watermarks = new CopyOnWriteArrayList<>();
    private volatile ScheduledExecutorService ticks;

    ProcessorWatermarks(ConsumerFactory<String, byte[]> kafkaConsumerFactory, EventProcessingConfiguration processing,
                        ProcessorPositions stored, @Value("${shortlink.freshness.check-interval}") Duration interval) {
        this.consumers = kafkaConsumerFactory;
        this.processing = processing;
        this.stored = stored;
        this.interval = interval;
    }

    /** The watermark of {@code processor}, which reads {@code topics}, kept up to date from the start of this bean on. */
    public ProcessorWatermark of(String processor, List<String> topics) {
        ProcessorWatermark watermark = new ProcessorWatermark(processor, topics, consumers, processing, stored, Clock.systemUTC());
        watermarks.add(watermark);
        return watermark;
    }

    @Override
    public void start() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("processor-watermark-");
        threads.setDaemon(true);
        ticks = Executors.newScheduledThreadPool(Math.max(1, watermarks.size()), threads);
        watermarks.forEach(watermark -> ticks.scheduleWithFixedDelay(watermark::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = ticks;
        ticks = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            watermarks.forEach(ProcessorWatermark::close);
        }
    }

    @Override
    public boolean isRunning() {
        return ticks != null;
    }
}
