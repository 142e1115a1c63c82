package io.shortlink.command.publishing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Declares the topic the link events are published to, before any event processor starts: a consumer that finds
 * no topic backs off for up to a minute, which would break the one-second promise after a fresh start.
 * Events are keyed by their aggregate's identifier (the code), so each code's events keep their order in one
 * partition; the stream is kept forever, since the read side is rebuilt from it.
 */
@Component
public class LinkEventsTopic {

    public LinkEventsTopic(@Value("${axon.kafka.bootstrap-servers}") String bootstrapServers,
                           @Value("${axon.kafka.default-topic}") String topic,
                           @Value("${shortlink.kafka.partitions}") int partitions) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic linkEvents = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                    .configs(Map.of("retention.ms", "-1"));
            admin.createTopics(List.of(linkEvents)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not declare the Kafka topic " + topic, e.getCause());
            }
        }
    }
}
