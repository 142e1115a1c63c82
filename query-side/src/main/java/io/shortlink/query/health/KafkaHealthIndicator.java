package io.shortlink.query.health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The read side is only current while it can read Kafka, so Kafka is part of its readiness. (The command side keeps
 * accepting commands without Kafka: its events wait in the event store until the publisher can send them.)
 */
@Component("kafka")
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final int TIMEOUT_MS = 1_000;

    private final Admin admin;

    public KafkaHealthIndicator(@Value("${axon.kafka.bootstrap-servers}") String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS));
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                .clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        builder.up().withDetail("clusterId", clusterId);
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
