package io.shortlink.infra.embedded;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Redis from the redis-server binary bundled in embedded-redis (unpacked into the data directory's {@code bin}),
 * keeping its data in an append-only file, synced to disk every second when durable and left to the operating system
 * otherwise.
 */
final class EmbeddedRedisServer implements AutoCloseable {

    private final RedisServer redis;

    private EmbeddedRedisServer(RedisServer redis) {
        this.redis = redis;
    }

    static EmbeddedRedisServer start(Path dataDir, int port, boolean durable) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path pidFile = dataDir.resolve("redis.pid");
        Leftovers.stop(pidFile, "TERM");
        // embedded-redis's default unpacks its binary into a new /tmp/redis-* at every start and never removes it.
        Path binaryDir = Files.createDirectories(dataDir.resolve("bin"));
        RedisServer redis = RedisServer.newRedisServer()
                .executableProvider(ExecutableProvider.newJarResourceProvider(binaryDir.toFile()))
                .bind("127.0.0.1")
                .port(port)
                .setting("dir " + dataDir.toAbsolutePath())
                .setting("pidfile " + pidFile.toAbsolutePath())
                .setting("appendonly yes")
                // The append-only file is the data; an RDB snapshot at shutdown that cannot be written (its directory
                // gone, the disk full) made Redis refuse to stop on SIGTERM and outlive the run.
                .setting("save \"\"")
                .setting("appendfsync " + (durable ? "everysec" : "no"))
                .onShutdownForceStop(true)
                .build();
        redis.start();
        return new EmbeddedRedisServer(redis);
    }

    @Override
    public void close() throws IOException {
        redis.stop();
    }
}
