package io.shortlink.infra;

import io.shortlink.infra.embedded.EmbeddedServers;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The whole system as the run command starts it (real PostgreSQL, Redis and Kafka, both sides in one application),
 * on free ports and a data directory of the test's own.
 */
final class RunningShortlink implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ADMIN_KEY = "test-admin-key-" + UUID.randomUUID();
    static final String ADMIN = "admin";
    private static RunningShortlink shared;

    private static final String CLICK_SPOOL_PROPERTY = "shortlink.clicks.spool-dir";

    private final Map<String, String> keys = new HashMap<>();
    final EmbeddedServers servers;
    /** Whether closing stops the servers too: not for {@link #another} instance on them. */
    private final boolean ownsServers;
    private final Map<String, String> settings;
    final ConfigurableApplicationContext application;
    final String baseUrl;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private RunningShortlink(EmbeddedServers servers, ConfigurableApplicationContext application, boolean ownsServers,
                             Map<String, String> settings) {
        this.servers = servers;
        this.application = application;
        this.ownsServers = ownsServers;
        this.settings = settings;
        this.baseUrl = "http://localhost:" + application.getEnvironment().getProperty("local.server.port");
    }

    /** @param properties {@code name=value} (or {@code --name=value}) pairs that override the test defaults */
    static RunningShortlink start(Path dataDir, boolean durable, String... properties) throws Exception {
        return start(dataDir, durable, new Class<?>[0], properties);
    }

    /** A system with test configurations of its own ({@code extraSources}) besides the application's. */
    static RunningShortlink start(Path dataDir, boolean durable, Class<?>[] extraSources, String... properties) throws Exception {
        EmbeddedServers servers = EmbeddedServers.start(EmbeddedServers.Settings.forTests(dataDir, durable));
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("server.port", "0");
            settings.put(ShortlinkLauncher.ADMIN_KEY_PROPERTY, ADMIN_KEY);
            // The test classes share one client address; the anonymous limit has a test of its own.
            settings.put("shortlink.rate-limit.anonymous-per-hour", "1000000");
            settings.put(CLICK_SPOOL_PROPERTY, dataDir.resolve("click-spool").toString());
            for (String property : properties) {
                String setting = property.startsWith("--") ? property.substring(2) : property;
                settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
            return new RunningShortlink(servers, run(servers, extraSources, settings), true, settings);
        } catch (RuntimeException failed) {
            servers.close();
            throw failed;
        }
    }

    private static ConfigurableApplicationContext run(EmbeddedServers servers, Class<?>[] extraSources, Map<String, String> settings) {
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return ShortlinkLauncher.application(servers).sources(extraSources).run(args);
    }

    /**
     * A second instance of the application (both sides) on the same servers and with the same settings, on a port of
     * its own: what a scaled-out deployment runs. Closing it leaves the servers running.
     */
    RunningShortlink another(Class<?>... extraSources) {
        // Each instance spools its clicks in a directory of its own.
        Map<String, String> itsSettings = new LinkedHashMap<>(settings);
        itsSettings.put(CLICK_SPOOL_PROPERTY, settings.get(CLICK_SPOOL_PROPERTY) + "-" + UUID.randomUUID());
        return new RunningShortlink(servers, run(servers, extraSources, itsSettings), false, itsSettings);
    }

    /** One system for all test classes of this JVM that need nothing special, stopped when the JVM ends. */
    static synchronized RunningShortlink shared() throws Exception {
        if (shared == null) {
            shared = start(Files.createTempDirectory("shortlink-it"), false);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
        return send("POST", path, json, headers);
    }

    /** A request with a JSON body ({@code null} for none) and the given header names and values. */
    HttpResponse<String> send(String method, String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        boolean typeGiven = false;
        for (int i = 0; i < headers.length; i += 2) {
            typeGiven |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (json != null && !typeGiven) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A JSON request on behalf of {@code caller} with a real API key: {@code "admin"} uses the admin key, any other
     * name a key issued to that owner on first use; {@code null} for anonymous.
     */
    HttpResponse<String> as(String caller, String method, String path, String json) throws IOException, InterruptedException {
        return caller == null ? send(method, path, json) : send(method, path, json, "Authorization", bearer(caller));
    }

    /** The {@code Authorization} header value of {@code caller} (see {@link #as}). */
    String bearer(String caller) throws IOException, InterruptedException {
        return "Bearer " + keyOf(caller);
    }

    private synchronized String keyOf(String caller) throws IOException, InterruptedException {
        if (ADMIN.equals(caller)) {
            return ADMIN_KEY;
        }
        String key = keys.get(caller);
        if (key == null) {
            key = issueKey(caller, null).get("key").asString();
            // The query side learns of the key through Kafka: wait until it knows it too.
            String bearer = "Bearer " + key;
            getUntil("/api/v1/links", r -> r.statusCode() != 401, Duration.ofSeconds(10), "Authorization", bearer);
            keys.put(caller, key);
        }
        return key;
    }

    /** Creates an anonymous link to {@code url} and waits until it redirects; answers its code. */
    String createRedirectingLink(String url) throws IOException, InterruptedException {
        HttpResponse<String> created = post("/api/v1/links", "{\"url\":\"" + url + "\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("creation answered " + created.statusCode() + ": " + created.body());
        }
        String code = JSON.readTree(created.body()).get("code").asString();
        if (getUntil("/" + code, r -> r.statusCode() == 302, Duration.ofSeconds(5)).statusCode() != 302) {
            throw new AssertionError(code + " did not start redirecting within 5 s");
        }
        return code;
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Issues a key to {@code owner} with the admin key; its JSON ({@code id}, {@code key}, …). */
    JsonNode issueKey(String owner, Integer rateLimitPerHour) throws IOException, InterruptedException {
        String body = rateLimitPerHour == null ? "{\"owner\":\"" + owner + "\"}"
                : "{\"owner\":\"" + owner + "\",\"rateLimitPerHour\":" + rateLimitPerHour + "}";
        HttpResponse<String> issued = post("/api/v1/admin/keys", body, "Authorization", "Bearer " + ADMIN_KEY);
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("Could not issue a key: " + issued.statusCode() + " " + issued.body());
        }
        return JSON.readTree(issued.body());
    }

    /**
     * Waits until the system is whole again after a test stopped one of its servers, so that the outage does not
     * linger into the next test class: processors that failed meanwhile retry only after a back-off of up to a minute,
     * and the near cache hears of changes again only once its subscription is back, a moment after Redis. Whole means
     * ready, a new owner's key known to the read side, a new link of that owner in the redirect view, the catalog and
     * the stats, and a change of that link honoured by its cached redirect.
     */
    void awaitRecovered() throws IOException, InterruptedException {
        Duration backOff = Duration.ofSeconds(90);
        expect(getUntil("/actuator/health/readiness", r -> r.statusCode() == 200, backOff), 200, "readiness");
        String bearer = "Bearer " + issueKey("recovery-" + UUID.randomUUID(), null).get("key").asString();
        expect(getUntil("/api/v1/links", r -> r.statusCode() == 200, backOff, "Authorization", bearer), 200, "the API key view");
        HttpResponse<String> created = post("/api/v1/links", "{\"url\":\"https://example.com/recovered\"}", "Authorization", bearer);
        expect(created, 201, "a link creation");
        String code = JSON.readTree(created.body()).get("code").asString();
        expect(getUntil("/" + code, r -> r.statusCode() == 302, backOff), 302, "the redirect view");
        expect(getUntil("/api/v1/links/" + code, r -> r.statusCode() == 200, backOff), 200, "the link catalog");
        expect(getUntil("/api/v1/links/" + code + "/stats", r -> r.statusCode() == 200, backOff, "Authorization", bearer),
                200, "the link stats");
        expect(send("PATCH", "/api/v1/links/" + code, "{\"redirectType\":307}", "Authorization", bearer), 200, "a link change");
        // Shorter than the near cache's safety net, which would let the change through without an announcement.
        expect(getUntil("/" + code, r -> r.statusCode() == 307, Duration.ofSeconds(30)), 307, "the near cache's invalidations");
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError(what + " did not recover: " + response.statusCode() + " " + response.body());
        }
    }

    HttpResponse<String> head(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} until the answer satisfies {@code until}; the last answer, whatever it is, after {@code patience}. */
    HttpResponse<String> getUntil(String path, Predicate<HttpResponse<String>> until, Duration patience, String... headers)
            throws IOException, InterruptedException {
        return askUntil(() -> get(path, headers), until, patience);
    }

    /** {@link #getUntil} with HEAD: a redirect asked for this way is no click. */
    HttpResponse<String> headUntil(String path, Predicate<HttpResponse<String>> until, Duration patience)
            throws IOException, InterruptedException {
        return askUntil(() -> head(path), until, patience);
    }

    private interface Request {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    private static HttpResponse<String> askUntil(Request request, Predicate<HttpResponse<String>> until, Duration patience)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        HttpResponse<String> response = request.send();
        while (!until.test(response) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
            response = request.send();
        }
        return response;
    }

    @Override
    public void close() {
        if (ownsServers) {
            ShortlinkLauncher.stop(application, servers);
        } else {
            application.close();
        }
    }
}
