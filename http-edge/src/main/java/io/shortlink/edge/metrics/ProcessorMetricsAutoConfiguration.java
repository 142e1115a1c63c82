package io.shortlink.edge.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Takes the place of Axon's metric registry on both sides, in one process or two. */
@AutoConfiguration(before = MicrometerMetricsAutoConfiguration.class)
@ConditionalOnClass(GlobalMetricRegistry.class)
public class ProcessorMetricsAutoConfiguration {

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry meters) {
        return new ProcessorLagOnlyMetricRegistry(meters);
    }
}
