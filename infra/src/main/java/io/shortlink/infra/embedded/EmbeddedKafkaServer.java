package io.shortlink.infra.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A single-node Kafka (KRaft: broker and controller in one) running inside this JVM. Its log directory is formatted
 * once; afterwards it keeps its topics and offsets across restarts.
 */
final class EmbeddedKafkaServer implements AutoCloseable {

    /** A formatted log directory only opens under the cluster id it was formatted with. */
    private static final String CLUSTER_ID = "c2hvcnRsaW5rLWthZmthMQ";

    private final KafkaRaftServer kafka;

    private EmbeddedKafkaServer(KafkaRaftServer kafka) {
        this.kafka = kafka;
    }

    static EmbeddedKafkaServer start(Path dataDir, int port, int controllerPort) throws IOException {
        Files.createDirectories(dataDir);
        Properties config = config(dataDir.resolve("logs"), port, controllerPort);
        Path configFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "written by Shortlink's embedded default");
        }
        int formatted = StorageTool.execute(new String[]{
                "format", "-t", CLUSTER_ID, "-c", configFile.toString(), "--ignore-formatted"},
                new PrintStream(OutputStream.nullOutputStream()));
        if (formatted != 0) {
            throw new IOException("Could not format the Kafka log directory " + dataDir);
        }
        KafkaRaftServer kafka = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
        kafka.startup();
        return new EmbeddedKafkaServer(kafka);
    }

    private static Properties config(Path logDir, int port, int controllerPort) {
        Properties config = new Properties();
        config.setProperty("process.roles", "broker,controller");
        config.setProperty("node.id", "1");
        config.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("inter.broker.listener.name", "PLAINTEXT");
        config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        config.setProperty("num.partitions", "1");
        config.setProperty("auto.create.topics.enable", "true");
        // The link events are the read side's stream: keep them.
        config.setProperty("log.retention.ms", "-1");
        // Only Kafka's own offsets topic is compacted here, with a few thousand keys at most; the cleaner's default
        // offset map (128 MiB) would be the largest array on the heap of this JVM, which the service shares.
        config.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        config.setProperty("offsets.topic.replication.factor", "1");
        config.setProperty("offsets.topic.num.partitions", "1");
        config.setProperty("transaction.state.log.replication.factor", "1");
        config.setProperty("transaction.state.log.min.isr", "1");
        config.setProperty("share.coordinator.state.topic.replication.factor", "1");
        config.setProperty("share.coordinator.state.topic.min.isr", "1");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        // After an unclean stop the broker waits for its previous session to time out: keep that short.
        config.setProperty("broker.session.timeout.ms", "3000");
        config.setProperty("broker.heartbeat.interval.ms", "1000");
        return config;
    }

    @Override
    public void close() {
        kafka.shutdown();
        kafka.awaitShutdown();
    }
}
