package io.shortlink.query.redirect;

import io.shortlink.events.LinkStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.FileSystemUtils;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The redirect view's store against a real Redis: its keys, its generations and its announcements. */
class RedirectViewIT {

    private static Path binaries;
    private static RedisServer server;
    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;
    private static RedisMessageListenerContainer subscriptions;
    private static final String PROBE = "*probe";
    private static final BlockingQueue<String> announced = new LinkedBlockingQueue<>();
    private static final BlockingQueue<String> probes = new LinkedBlockingQueue<>();
    private static final Set<Thread> listeningThreads = ConcurrentHashMap.newKeySet();

    private RedirectKeys keys;
    private RedirectView view;

    @BeforeAll
    static void startRedis() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        binaries = Files.createTempDirectory("redirect-view-it");
        server = RedisServer.newRedisServer().executableProvider(ExecutableProvider.newJarResourceProvider(binaries.toFile()))
                .bind("127.0.0.1").port(port).setting("save \"\"").build();
        server.start();
        connections = new LettuceConnectionFactory("127.0.0.1", port);
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
        subscriptions = RedirectConfiguration.changesListener(connections, (Message message, byte[] pattern) -> {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            (PROBE.equals(body) ? probes : announced).add(body);
            listeningThreads.add(Thread.currentThread());
        });
        subscriptions.afterPropertiesSet();
        subscriptions.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        subscriptions.stop();
        connections.destroy();
        server.stop();
        FileSystemUtils.deleteRecursively(binaries);
    }

    @BeforeEach
    void emptyRedis() throws InterruptedException {
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
        keys = new RedirectKeys(redis);
        view = new RedirectView(redis, keys);
        awaitSubscribed();
        announced.clear();
    }

    @Test
    void aSavedEntryIsFoundWholeAndAnnounced() throws InterruptedException {
        RedirectEntry entry = new RedirectEntry("https://example.com/a", LinkStatus.ACTIVE, 301, Instant.parse("2027-01-01T00:00:00Z"), false, false);
        view.save("abc", entry);

        assertThat(view.find("abc")).contains(entry);
        assertThat(view.find("unknown")).isEmpty();
        assertThat(redis.hasKey("redirect:abc")).as("generation 0 keeps the original keys").isTrue();
        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo("abc");
    }

    @Test
    void announcementsAreHeardInTheOrderTheyWereSentOnOneThread() throws InterruptedException {
        List<String> codes = IntStream.range(0, 1_000).mapToObj(i -> "c" + i).toList();
        listeningThreads.clear();
        codes.forEach(code -> redis.convertAndSend(RedirectView.CHANGES_CHANNEL, code));

        List<String> heard = new ArrayList<>();
        while (heard.size() < codes.size()) {
            String code = announced.poll(5, TimeUnit.SECONDS);
            assertThat(code).as("announcement %d heard", heard.size()).isNotNull();
            heard.add(code);
        }
        assertThat(heard).as("a heartbeat proves only what was announced before it").isEqualTo(codes);
        assertThat(listeningThreads).as("no thread started per announcement").hasSize(1);
    }

    @Test
    void aNewTargetKeepsTheStatusAndAStatusKeepsTheTarget() {
        view.save("abc", new RedirectEntry("https://example.com/a", LinkStatus.ACTIVE, 302, null, false, false));
        view.saveStatus("abc", LinkStatus.EXPIRED);
        view.saveTarget("abc", "https://example.com/b", 307, null, true, true);

        assertThat(view.find("abc")).contains(new RedirectEntry("https://example.com/b", LinkStatus.EXPIRED, 307, null, true, true));
    }

    @Test
    void anEntryWrittenBeforeTheVisitLimitFieldExistedCountsAsLimited() {
        redis.opsForHash().putAll("redirect:abc", Map.of("url", "https://example.com/a", "status", "ACTIVE", "type", "302",
                "expiresAt", "", "forwardQuery", "0"));

        assertThat(view.find("abc").orElseThrow().visitLimited()).as("its clicks count towards a limit, as before").isTrue();
    }

    @Test
    void aGenerationUnderConstructionIsWrittenSilentlyBesideTheLiveOneUntilItGoesLive() throws InterruptedException {
        view.save("abc", new RedirectEntry("https://example.com/live", LinkStatus.ACTIVE, 302, null, false, false));
        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo("abc");
        long generation = keys.newGeneration();
        new RedirectGenerationWrites(redis, generation)
                .save("abc", new RedirectEntry("https://example.com/rebuilt", LinkStatus.ACTIVE, 302, null, false, false));

        assertThat(redis.hasKey("redirect:" + generation + ":abc")).isTrue();
        assertThat(view.find("abc").orElseThrow().url()).isEqualTo("https://example.com/live");
        assertThat(announced.poll(300, TimeUnit.MILLISECONDS)).as("no announcement").isNull();

        keys.makeLive(generation);
        assertThat(view.find("abc").orElseThrow().url()).as("the pointer is cached until forgotten").isEqualTo("https://example.com/live");
        view.forgetGeneration();
        assertThat(view.find("abc").orElseThrow().url()).isEqualTo("https://example.com/rebuilt");
        view.saveStatus("abc", LinkStatus.DELETED);
        assertThat(redis.opsForHash().get("redirect:" + generation + ":abc", "status")).isEqualTo("DELETED");
    }

    @Test
    void keysNameTheirGeneration() {
        assertThat(RedirectKeys.codeOf("redirect:abc", 0)).isEqualTo("abc");
        assertThat(RedirectKeys.codeOf("redirect:7:abc", 0)).as("a key of generation 7").isNull();
        assertThat(RedirectKeys.codeOf("redirect:7:abc", 7)).isEqualTo("abc");
        assertThat(RedirectKeys.generationOf("redirect:abc")).isZero();
        assertThat(RedirectKeys.generationOf("redirect:12:abc")).isEqualTo(12);
        assertThat(RedirectKeys.generationOf("redirect:x1:abc")).isEqualTo(-1);
        assertThat(keys.liveGeneration()).isZero();
        assertThat(List.of(keys.newGeneration(), keys.newGeneration())).containsExactly(1L, 2L);
    }

    /** The subscription stands once an announcement sent now is heard. */
    private static void awaitSubscribed() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        do {
            redis.convertAndSend(RedirectView.CHANGES_CHANNEL, PROBE);
        } while (probes.poll(100, TimeUnit.MILLISECONDS) == null && Instant.now().isBefore(deadline));
    }
}
