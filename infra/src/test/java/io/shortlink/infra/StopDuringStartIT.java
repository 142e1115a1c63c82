package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run command told to stop (SIGTERM) while the application still starts, after its servers are up: it stops
 * PostgreSQL and Redis too, instead of leaving them running on their ports and data.
 */
class StopDuringStartIT {

    private static final Path LOGS = Path.of("target");

    @Test
    void stopsItsServersWhenStoppedWhileStarting(@TempDir Path dataDir) throws Exception {
        Path log = LOGS.resolve("StopDuringStartIT.log");
        Map<String, String> environment = LaunchedShortlink.environment(dataDir);
        Process launched = LaunchedShortlink.launch(environment, log);
        try {
            awaitLogLine(log, "are up in", launched);
            long postgres = pidOnFirstLine(dataDir.resolve("postgres").resolve("postmaster.pid"));
            long redis = pidOnFirstLine(dataDir.resolve("redis").resolve("redis.pid"));
            assertThat(Files.readString(log)).as("stopped before the application had started").doesNotContain("Started ");

            launched.destroy();
            assertThat(launched.waitFor(2, TimeUnit.MINUTES)).as("the process ended").isTrue();

            assertThat(alive(postgres)).as("PostgreSQL (pid %d) still runs", postgres).isFalse();
            assertThat(alive(redis)).as("Redis (pid %d) still runs", redis).isFalse();
        } finally {
            launched.destroyForcibly();
        }
    }

    private static void awaitLogLine(Path log, String text, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The servers did not come up (alive: " + process.isAlive() + ")");
    }

    private static long pidOnFirstLine(Path pidFile) throws Exception {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    /** Whether the process runs, waiting up to 30 s for it to end (a server stops in its own time after its signal). */
    private static boolean alive(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
