package io.shortlink.infra.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * After a {@code kill -9} of the JVM, the server processes it started keep running and hold their ports and data.
 * Before starting a server on a data directory, stop whatever its pid file says is still running there.
 */
final class Leftovers {

    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private Leftovers() {
    }

    /** Sends {@code signal} (a name such as INT or TERM) to the process named on the pid file's first line, and waits. */
    static void stop(Path pidFile, String signal) throws IOException, InterruptedException {
        Optional<ProcessHandle> process = runningProcess(pidFile);
        if (process.isEmpty()) {
            return;
        }
        long pid = process.get().pid();
        log.warn("Stopping a leftover server (pid {}) found through {}", pid, pidFile);
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (process.get().isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        if (process.get().isAlive()) {
            process.get().destroyForcibly();
        }
    }

    /** Sends {@code signal} to the process named on the pid file's first line and to all its descendants. */
    static void signalWithDescendants(Path pidFile, String signal) throws IOException, InterruptedException {
        ProcessHandle process = runningProcess(pidFile).orElseThrow(() -> new IllegalStateException("No process for " + pidFile));
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(process.pid())));
        process.descendants().forEach(descendant -> command.add(Long.toString(descendant.pid())));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static Optional<ProcessHandle> runningProcess(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException notAPid) {
            return Optional.empty();
        }
    }
}
