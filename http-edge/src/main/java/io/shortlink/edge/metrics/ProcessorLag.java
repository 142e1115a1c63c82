package io.shortlink.edge.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An event processor's lag as Axon's Micrometer module reports it — {@code eventProcessor_latency{processorName}},
 * milliseconds from an event's time to its handling — and nothing more, its gauge registered once. Axon's default
 * monitors build a timer, a counter, a capacity reservoir and register the latency gauge again for every message: at
 * click rates that was about a quarter of the link-stats processor's CPU (docs/benchmarks.md), and Micrometer warned
 * of the second registration at every start ("Gauge has been already registered").
 */
public final class ProcessorLag implements MessageMonitor<Message<?>> {

    private final AtomicLong lagMillis = new AtomicLong();
    private final Clock clock;

    public ProcessorLag(String processorName, MeterRegistry meters) {
        this.clock = meters.config().clock();
        Gauge.builder("eventProcessor.latency", lagMillis, AtomicLong::get)
                .tag("processorName", processorName)
                .register(meters);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (message instanceof EventMessage<?> event) {
            lagMillis.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        return NoOpMessageMonitorCallback.INSTANCE;
    }
}
