package io.shortlink.edge.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorLagTest {

    @Test
    void reportsTheLagOfTheLatestEventUnderAxonsMeterNameAndRegistersNothingPerMessage() {
        MockClock clock = new MockClock();
        clock.add(60_000, TimeUnit.MILLISECONDS);
        MeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        ProcessorLag lag = new ProcessorLag("link-stats", meters);
        Instant now = Instant.ofEpochMilli(clock.wallTime());

        lag.onMessageIngested(new GenericEventMessage<>("1", "a", Map.of(), now.minusMillis(9_000)));
        lag.onMessageIngested(new GenericEventMessage<>("2", "b", Map.of(), now.minusMillis(1_500)));

        assertThat(meters.get("eventProcessor.latency").tag("processorName", "link-stats").gauge().value()).isEqualTo(1_500);
        assertThat(meters.getMeters()).hasSize(1);
    }
}
