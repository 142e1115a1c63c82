package io.shortlink.infra.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

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

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
