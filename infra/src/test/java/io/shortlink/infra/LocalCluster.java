package io.shortlink.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A cluster as {@code infra/cluster.sh} runs it from the built jar — its own embedded servers, command-side and
 * query-side processes, HAProxy — on free ports and a data directory of the test's own.
 */
final class LocalCluster implements AutoCloseable {

    static final String ADMIN_KEY = "cluster-test-admin-key-" + UUID.randomUUID();
    private static final Path SCRIPT = Path.of("cluster.sh").toAbsolutePath();

    private final Map<String, String> environment = new HashMap<>();
    /** Each port is free again once asked for, so another ask may answer it too. */
    private final Set<Integer> taken = new HashSet<>();
    private final Path dataDir;
    private final int balancerPort;
    private final int commandBase;
    private final int queryBase;
    private final int postgresPort;

    private LocalCluster(Path dataDir, int size) throws IOException {
        this.dataDir = dataDir;
        this.balancerPort = freePort();
        this.commandBase = freeRange(size);
        this.queryBase = freeRange(size);
        this.postgresPort = freePort();
        environment.put("SHORTLINK_DATA_DIR", dataDir.toString());
        environment.put("SHORTLINK_ADMIN_KEY", ADMIN_KEY);
        environment.put("SHORTLINK_PORT", Integer.toString(balancerPort));
        environment.put("SHORTLINK_CLUSTER_COMMAND_PORT", Integer.toString(commandBase));
        environment.put("SHORTLINK_CLUSTER_QUERY_PORT", Integer.toString(queryBase));
        environment.put("SHORTLINK_POSTGRES_PORT", Integer.toString(postgresPort));
        environment.put("SHORTLINK_REDIS_PORT", Integer.toString(freePort()));
        environment.put("SHORTLINK_KAFKA_PORT", Integer.toString(freePort()));
        environment.put("SHORTLINK_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
        environment.put("SHORTLINK_CLUSTER_JAVA_OPTS", "-Xmx512m");
    }

    /** Starts {@code commands} command-side and {@code queries} query-side instances; returns once all answer. */
    static LocalCluster up(int commands, int queries) throws Exception {
        LocalCluster cluster = new LocalCluster(Files.createTempDirectory("shortlink-cluster"), Math.max(commands, queries));
        try {
            cluster.run("up", "--command", Integer.toString(commands), "--query", Integer.toString(queries));
        } catch (Exception | AssertionError failed) {
            cluster.close();
            throw failed;
        }
        return cluster;
    }

    String balancer() {
        return "http://localhost:" + balancerPort;
    }

    /** The configuration cluster.sh wrote for HAProxy. */
    String balancerConfiguration() throws IOException {
        return Files.readString(dataDir.resolve("cluster").resolve("haproxy.cfg"));
    }

    /** The address of instance {@code i} (from 1) of {@code side} ("command" or "query"), bypassing the balancer. */
    String instance(String side, int i) {
        return "http://localhost:" + ((side.equals("command") ? commandBase : queryBase) + i);
    }

    void kill(String side, int i) throws Exception {
        run("kill", side, Integer.toString(i));
    }

    void start(String side, int i) throws Exception {
        run("start", side, Integer.toString(i));
    }

    /** The instance (from 1) of {@code side} that holds the claim of {@code processor}'s segment. */
    int owner(String side, String processor) throws IOException, SQLException {
        String owner;
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgresPort + "/shortlink", "postgres", "");
             PreparedStatement select = connection.prepareStatement("select owner from token_entry where processor_name = ?")) {
            select.setString(1, processor);
            try (ResultSet row = select.executeQuery()) {
                owner = row.next() ? row.getString(1) : null;
            }
        }
        for (int i = 1; ; i++) {
            Path pidFile = dataDir.resolve("cluster").resolve(side + "-" + i + ".pid");
            if (!Files.exists(pidFile)) {
                throw new IllegalStateException("No " + side + " instance owns " + processor + " (owner: " + owner + ")");
            }
            String pid = Files.readString(pidFile).trim();
            if (owner != null && Pattern.compile("(^|\\D)" + pid + "@").matcher(owner).find()) {
                return i;
            }
        }
    }

    private void run(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Path log = Files.createDirectories(Path.of("target", "cluster-it")).resolve("cluster.sh.log");
        ProcessBuilder script = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        script.environment().putAll(environment);
        Process process = script.start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("cluster.sh " + String.join(" ", args) + " failed; see " + log.toAbsolutePath()
                    + " and the logs in " + dataDir.resolve("cluster/logs"));
        }
    }

    @Override
    public void close() throws Exception {
        run("down");
    }

    private int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    /** A base port b such that b + 1 … b + size are free now. */
    private int freeRange(int size) throws IOException {
        while (true) {
            int base = freePort();
            boolean free = true;
            for (int i = 1; i <= size && free; i++) {
                try (ServerSocket socket = new ServerSocket(base + i)) {
                    free = taken.add(base + i);
                } catch (IOException inUse) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
    }
}
