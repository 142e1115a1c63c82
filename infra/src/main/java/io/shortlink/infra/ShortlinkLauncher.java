package io.shortlink.infra;

import io.shortlink.command.CommandSideApplication;
import io.shortlink.edge.security.ApiKeys;
import io.shortlink.infra.embedded.EmbeddedServers;
import io.shortlink.query.QuerySideApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one artifact's roles ({@link Role}). By default the embedded default: starts PostgreSQL, Redis and Kafka in this
 * JVM, then the command side and the query side together in one application on :8080. Stopping the JVM (Ctrl-C) stops
 * the application first, then the servers.
 */
public final class ShortlinkLauncher {

    private static final Logger log = LoggerFactory.getLogger(ShortlinkLauncher.class);
    static final String ADMIN_KEY_PROPERTY = "shortlink.security.admin-key";
    static final String CONFIG_NAMES = CommandSideApplication.CONFIG_NAME + "," + QuerySideApplication.CONFIG_NAME + ",shortlink";

    private ShortlinkLauncher() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Role role = Role.of(args);
        String[] applicationArgs = role.named(args) ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (role) {
            case ALL -> runEmbeddedDefault(applicationArgs);
            case SERVERS -> runServers();
            case COMMAND -> side(CommandSideApplication.class, CommandSideApplication.CONFIG_NAME)
                    // The command side never reads Redis, which the query side brings onto the jar's classpath.
                    .properties("management.health.redis.enabled=false")
                    .run(applicationArgs);
            case QUERY -> side(QuerySideApplication.class, QuerySideApplication.CONFIG_NAME).run(applicationArgs);
        }
    }

    /** What one process of the jar runs: its first argument names it, {@code all} when it names none. */
    enum Role {
        /** The embedded default: the servers and both sides in one process. */
        ALL,
        /** The embedded PostgreSQL, Redis and Kafka alone, for a cluster of separate side processes on one machine. */
        SERVERS,
        /** The command side alone, configured by environment variables. */
        COMMAND,
        /** The query side alone, configured by environment variables. */
        QUERY;

        static Role of(String[] args) {
            return Arrays.stream(values()).filter(role -> role.named(args)).findFirst().orElse(ALL);
        }

        boolean named(String[] args) {
            return args.length > 0 && args[0].equalsIgnoreCase(name());
        }
    }

    private static void runEmbeddedDefault(String[] args) throws Exception {
        Path dataDir = dataDir();
        EmbeddedServers servers = EmbeddedServers.start(EmbeddedServers.Settings.forRun(dataDir));
        // Stops the servers also when the process is told to stop while the application still starts.
        AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopOnce = () -> {
            if (stopped.compareAndSet(false, true)) {
                stop(context.get(), servers);
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stopOnce, "shortlink-shutdown"));
        try {
            SpringApplicationBuilder application = application(servers);
            if (isBlank(System.getenv("SHORTLINK_ADMIN_KEY"))) {
                Map<String, Object> adminKey = Map.of(ADMIN_KEY_PROPERTY, generatedAdminKey());
                application.initializers(generated -> generated.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("generated-admin-key", adminKey)));
            }
            context.set(application.run(args));
        } catch (RuntimeException failed) {
            stopOnce.run();
            throw failed;
        }
    }

    /** Runs until the process is told to stop (SIGTERM, Ctrl-C), then stops the servers. */
    private static void runServers() throws Exception {
        EmbeddedServers servers = EmbeddedServers.start(EmbeddedServers.Settings.forRun(dataDir()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                servers.close();
            } catch (Exception e) {
                log.warn("A server did not stop cleanly", e);
            } finally {
                stopped.countDown();
            }
        }, "shortlink-servers-shutdown"));
        log.info("The embedded servers are ready; the sides connect with {}", servers.springProperties());
        stopped.await();
    }

    private static SpringApplicationBuilder side(Class<?> application, String configName) {
        return new SpringApplicationBuilder(application).properties("spring.config.name=" + configName);
    }

    private static Path dataDir() {
        return Path.of(System.getenv().getOrDefault("SHORTLINK_DATA_DIR", "data"));
    }

    /**
     * Without a configured admin key the embedded default makes one for this run and prints it once, to the console
     * only (never to the log): it is valid until the process stops.
     */
    private static String generatedAdminKey() {
        String key = ApiKeys.generate();
        System.out.println();
        System.out.println("SHORTLINK_ADMIN_KEY is not set. The admin API key of this run is:");
        System.out.println();
        System.out.println("    " + key);
        System.out.println();
        System.out.println("Use it as 'Authorization: Bearer <key>' on /api/v1/admin/*. Set SHORTLINK_ADMIN_KEY to keep one across runs.");
        System.out.println();
        return key;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Both sides in one application, pointed at {@code servers}. The integration tests start it the same way. */
    public static SpringApplicationBuilder application(EmbeddedServers servers) {
        return new SpringApplicationBuilder(CommandSideApplication.class, QuerySideApplication.class)
                .properties("spring.config.name=" + CONFIG_NAMES)
                .registerShutdownHook(false)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("embedded-servers", servers.springProperties())));
    }

    /** Stops the application, when it got as far as starting, then the servers. */
    public static void stop(ConfigurableApplicationContext context, EmbeddedServers servers) {
        if (context != null) {
            context.close();
        }
        try {
            servers.close();
        } catch (Exception e) {
            log.warn("A server did not stop cleanly", e);
        }
    }
}
