package io.shortlink.edge.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

import java.util.function.Function;

/**
 * Axon's metrics without its capacity monitors, which hold every message of the last ten minutes in a
 * ConcurrentSkipListMap of Longs (a SlidingTimeWindowReservoir per processor and per command type: the old-generation
 * growth seen after a soak) and register their gauges again for every message. An event processor reports only its
 * lag ({@link ProcessorLag}); the command bus its counts and timings by command.
 */
class ProcessorLagOnlyMetricRegistry extends GlobalMetricRegistry {

    private static final String COMMAND_BUS = "commandBus";
    private static final Function<Message<?>, Iterable<Tag>> BY_PAYLOAD_TYPE =
            message -> Tags.of("payloadType", message.getPayloadType().getSimpleName());

    ProcessorLagOnlyMetricRegistry(MeterRegistry meters) {
        super(meters);
    }

    @Override
    public MessageMonitor<? extends Message<?>> registerComponent(Class<?> componentType, String componentName) {
        return EventProcessor.class.isAssignableFrom(componentType) ? new ProcessorLag(componentName, getRegistry())
                : super.registerComponent(componentType, componentName);
    }

    @Override
    public MessageMonitor<? extends Message<?>> registerComponentWithDefaultTags(Class<?> componentType, String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return new ProcessorLag(componentName, getRegistry());
        }
        if (CommandBus.class.isAssignableFrom(componentType)) {
            return new MultiMessageMonitor<Message<?>>(
                    MessageCountingMonitor.buildMonitor(COMMAND_BUS, getRegistry(), BY_PAYLOAD_TYPE),
                    MessageTimerMonitor.builder().meterNamePrefix(COMMAND_BUS).meterRegistry(getRegistry()).tagsBuilder(BY_PAYLOAD_TYPE).build());
        }
        return super.registerComponentWithDefaultTags(componentType, componentName);
    }
}
