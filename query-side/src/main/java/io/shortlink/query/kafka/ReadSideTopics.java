package io.shortlink.query.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Declares the topics the read side consumes (and the one it reports reached visit limits on), before any event
 * processor starts: a consumer that finds no topic
 * backs off for up to a minute, which would break the promises on freshness after a fresh start. Both streams are
 * kept forever, since the read side is rebuilt from them. Both are keyed by code: each code's events keep their order
 * in one partition, and there is no order between codes.
 */
@Component
public class ReadSideTopics {

    private static final Map<String, String> KEPT_FOREVER = Map.of("retention.ms", "-1");

    private final String linkEvents;
    private final String clicks;
    private final String visitLimits;

    public ReadSideTopics(@Value("${axon.kafka.bootstrap-servers}") String bootstrapServers,
                          @Value("${axon.kafka.default-topic}") String linkEventsTopic,
                          @Value("${shortlink.clicks.topic}") String clicksTopic,
                          @Value("${shortlink.visit-limits.topic}") String visitLimitsTopic,
                          @Value("${shortlink.kafka.partitions}") int partitions) throws InterruptedException {
        this.linkEvents = linkEventsTopic;
        this.clicks = clicksTopic;
        this.visitLimits = visitLimitsTopic;
        declare(bootstrapServers, List.of(
                new NewTopic(linkEventsTopic, Optional.of(partitions), Optional.empty()).configs(KEPT_FOREVER),
                new NewTopic(clicksTopic, Optional.of(partitions), Optional.empty()).configs(KEPT_FOREVER),
                // Reports of reached visit limits, from here to the command side: a week covers any outage.
                new NewTopic(visitLimitsTopic, Optional.of(partitions), Optional.empty()).configs(Map.of("retention.ms", "604800000"))));
    }

    /** The link events. */
    public List<String> linkEvents() {
        return List.of(linkEvents);
    }

    /** The link events and the clicks: everything the link stats are built from. */
    public List<String> linkEventsAndClicks() {
        return List.of(linkEvents, clicks);
    }

    /** Where the read side reports reached visit limits to the command side. */
    public String visitLimits() {
        return visitLimits;
    }

    private static void declare(String bootstrapServers, List<NewTopic> topics) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not declare the Kafka topic " + created.getKey(), e.getCause());
                    }
                }
            }
        }
    }
}
