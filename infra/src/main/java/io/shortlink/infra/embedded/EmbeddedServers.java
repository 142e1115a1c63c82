package io.shortlink.infra.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The embedded default's servers: real PostgreSQL, Redis and Kafka, started by this JVM from artifacts resolved
 * through Maven, each keeping its data in a folder of {@code dataDir}. Used by the run command and by the tests.
 */
public final class EmbeddedServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

    /**
     * @param durable fsync and append-only persistence on (the run command) or off (tests)
     */
    public record Settings(Path dataDir, int postgresPort, int redisPort, int kafkaPort, int kafkaControllerPort,
                           boolean durable) {

        /** Fixed ports (each can be moved by an environment variable), so that other tools can find the servers. */
        public static Settings forRun(Path dataDir) {
            return new Settings(dataDir, port("SHORTLINK_POSTGRES_PORT", 15432), port("SHORTLINK_REDIS_PORT", 16379),
                    port("SHORTLINK_KAFKA_PORT", 19092), port("SHORTLINK_KAFKA_CONTROLLER_PORT", 19093), true);
        }

        private static int port(String variable, int defaultPort) {
            String value = System.getenv(variable);
            return value == null || value.isBlank() ? defaultPort : Integer.parseInt(value.trim());
        }

        /** Free ports, so that test runs never collide with a running system or with each other. */
        public static Settings forTests(Path dataDir, boolean durable) {
            Iterator<Integer> ports = distinctFreePorts(4).iterator();
            return new Settings(dataDir, ports.next(), ports.next(), ports.next(), ports.next(), durable);
        }
    }

    private final Settings settings;
    private EmbeddedRedisServer redis;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaServer kafka;

    private EmbeddedServers(Settings settings, EmbeddedRedisServer redis, EmbeddedPostgresServer postgres, EmbeddedKafkaServer kafka) {
        this.settings = settings;
        this.redis = redis;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static EmbeddedServers start(Settings settings) throws Exception {
        long started = System.nanoTime();
        Path dir = settings.dataDir().toAbsolutePath();
        // Redis first: embedded-redis unpacks its binary on every start, which once raced with PostgreSQL's unpacking.
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(dir.resolve("redis"), settings.redisPort(), settings.durable());
        CompletableFuture<EmbeddedPostgresServer> postgres = CompletableFuture.supplyAsync(() -> unchecked(() ->
                EmbeddedPostgresServer.start(dir.resolve("postgres"), settings.postgresPort(), settings.durable())));
        CompletableFuture<EmbeddedKafkaServer> kafka = CompletableFuture.supplyAsync(() -> unchecked(() ->
                EmbeddedKafkaServer.start(dir.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort())));
        try {
            CompletableFuture.allOf(postgres, kafka).join();
        } catch (CompletionException failed) {
            closeStarted(postgres);
            closeStarted(kafka);
            redis.close();
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        }
        log.info("PostgreSQL :{}, Redis :{} and Kafka :{} are up in {} ms (data in {})", settings.postgresPort(),
                settings.redisPort(), settings.kafkaPort(), (System.nanoTime() - started) / 1_000_000, dir);
        return new EmbeddedServers(settings, redis, postgres.join(), kafka.join());
    }

    private static void closeStarted(CompletableFuture<? extends AutoCloseable> server) {
        if (server.isCompletedExceptionally()) {
            return;
        }
        try {
            server.join().close();
        } catch (Exception e) {
            log.warn("A server did not stop cleanly", e);
        }
    }

    /** The properties that point both sides at these servers. */
    public Map<String, Object> springProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.data.redis.host", "127.0.0.1");
        properties.put("spring.data.redis.port", settings.redisPort());
        properties.put("axon.kafka.bootstrap-servers", "127.0.0.1:" + settings.kafkaPort());
        return properties;
    }

    public Settings settings() {
        return settings;
    }

    /** For failure tests: Redis goes away, and comes back on the same port with the data it had saved. */
    public void stopRedis() throws IOException {
        redis.close();
    }

    public void startRedis() throws IOException, InterruptedException {
        redis = EmbeddedRedisServer.start(settings.dataDir().toAbsolutePath().resolve("redis"), settings.redisPort(), settings.durable());
    }

    /**
     * For failure tests: Redis freezes (SIGSTOP) with its connections open, as a hung server or host does;
     * {@link #resumeRedis()} lets it go on where it stood.
     */
    public void pauseRedis() throws IOException, InterruptedException {
        Leftovers.signalWithDescendants(redisPidFile(), "STOP");
    }

    public void resumeRedis() throws IOException, InterruptedException {
        Leftovers.signalWithDescendants(redisPidFile(), "CONT");
    }

    private Path redisPidFile() {
        return settings.dataDir().toAbsolutePath().resolve("redis").resolve("redis.pid");
    }

    /** For failure tests: Kafka goes away, and comes back on the same ports with its topics and offsets. */
    public void stopKafka() {
        kafka.close();
    }

    public void startKafka() throws IOException {
        kafka = EmbeddedKafkaServer.start(settings.dataDir().toAbsolutePath().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
    }

    /** For failure tests: PostgreSQL goes away, and comes back on the same port with its data. */
    public void stopPostgres() throws IOException {
        postgres.close();
    }

    /**
     * For failure tests: PostgreSQL freezes (SIGSTOP of the postmaster and all its children) with its connections
     * open, as a hung server or host does; {@link #resumePostgres()} lets it go on where it stood.
     */
    public void pausePostgres() throws IOException, InterruptedException {
        Leftovers.signalWithDescendants(postgresPidFile(), "STOP");
    }

    public void resumePostgres() throws IOException, InterruptedException {
        Leftovers.signalWithDescendants(postgresPidFile(), "CONT");
    }

    private Path postgresPidFile() {
        return settings.dataDir().toAbsolutePath().resolve("postgres").resolve("postmaster.pid");
    }

    public void startPostgres() throws Exception {
        postgres = EmbeddedPostgresServer.start(settings.dataDir().toAbsolutePath().resolve("postgres"), settings.postgresPort(), settings.durable());
    }

    /** Stops every server, also when stopping one of them fails; the first failure is thrown, the others added to it. */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable server : List.of(kafka, postgres, redis)) {
            try {
                server.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A port is free again once asked for, so another ask may answer it too: two servers on one port fail to start. */
    private static Set<Integer> distinctFreePorts(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(freePort());
        }
        return ports;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    @FunctionalInterface
    private interface ServerStart<T> {
        T start() throws Exception;
    }

    private static <T> T unchecked(ServerStart<T> start) {
        try {
            return start.start();
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}
