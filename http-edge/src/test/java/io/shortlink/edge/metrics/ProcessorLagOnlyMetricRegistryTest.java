package io.shortlink.edge.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorLagOnlyMetricRegistryTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ProcessorLagOnlyMetricRegistry registry = new ProcessorLagOnlyMetricRegistry(meters);

    @Test
    void processorsReportTheirLagAndTheCommandBusItsCountsAndTimingsButNothingKeepsAWindowOfMessages() {
        MessageMonitor<Message<?>> processor = monitor(TrackingEventProcessor.class, "redirect-view");
        MessageMonitor<Message<?>> commands = monitor(SimpleCommandBus.class, "commandBus");
        for (int i = 0; i < 3; i++) {
            processor.onMessageIngested(GenericEventMessage.asEventMessage("event " + i)).reportSuccess();
            commands.onMessageIngested(GenericCommandMessage.asCommandMessage("command " + i)).reportSuccess();
        }

        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                .contains("eventProcessor.latency")
                .anyMatch(name -> name.startsWith("commandBus."))
                .noneMatch(name -> name.contains("capacity"))
                .filteredOn(name -> name.startsWith("eventProcessor")).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private MessageMonitor<Message<?>> monitor(Class<?> componentType, String name) {
        return (MessageMonitor<Message<?>>) registry.registerComponentWithDefaultTags(componentType, name);
    }
}
