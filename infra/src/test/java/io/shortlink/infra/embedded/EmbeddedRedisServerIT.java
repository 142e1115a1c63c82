package io.shortlink.infra.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedRedisServerIT {

    /** embedded-redis's default unpacked a 9 MB binary into a new /tmp/redis-* at every start and never removed it. */
    @Test
    void runsRedisFromTheDataDirectoryWhateverTheNumberOfStarts(@TempDir Path dataDir) throws Exception {
        for (int start = 0; start < 2; start++) {
            try (EmbeddedRedisServer ignored = EmbeddedRedisServer.start(dataDir, freePort(), false)) {
                String pid = Files.readString(dataDir.resolve("redis.pid")).trim();
                Path executable = Files.readSymbolicLink(Path.of("/proc", pid, "exe"));
                assertThat(executable.toAbsolutePath()).startsWith(dataDir.toRealPath());
            }
        }
        try (var binaries = Files.list(dataDir.resolve("bin"))) {
            assertThat(binaries.count()).isEqualTo(1);
        }
    }

    /** Redis 6.2 refuses to stop on SIGTERM when it cannot write an RDB snapshot, and outlived a stopped run. */
    @Test
    void stopsOnATermSignalEvenWhenItsDirectoryIsGone(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("redis");
        try (EmbeddedRedisServer ignored = EmbeddedRedisServer.start(dataDir, freePort(), true)) {
            ProcessHandle redis = ProcessHandle.of(Long.parseLong(Files.readString(dataDir.resolve("redis.pid")).trim())).orElseThrow();
            FileSystemUtils.deleteRecursively(dataDir);

            new ProcessBuilder("kill", "-TERM", Long.toString(redis.pid())).start().waitFor();

            assertThat(redis.onExit()).succeedsWithin(Duration.ofSeconds(10));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
