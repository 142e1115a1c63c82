package io.shortlink.infra;

import io.shortlink.infra.embedded.EmbeddedServers;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * The whole system as the run command starts it (real PostgreSQL, Redis and Kafka, both sides in one application),
 * on free ports and a data directory of the test's own.
 */
final class RunningShortlink implements AutoCloseable {

    private static RunningShortlink shared;

    final EmbeddedServers servers;
    final ConfigurableApplicationContext application;
    final String baseUrl;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private RunningShortlink(EmbeddedServers servers, ConfigurableApplicationContext application) {
        this.servers = servers;
        this.application = application;
        this.baseUrl = "http://localhost:" + application.getEnvironment().getProperty("local.server.port");
    }

    static RunningShortlink start(Path dataDir, boolean durable) throws Exception {
        return start(dataDir, durable, new Class<?>[0]);
    }

    /** A system with test configurations of its own ({@code extraSources}) next to {@link TestCallers}. */
    static RunningShortlink start(Path dataDir, boolean durable, Class<?>... extraSources) throws Exception {
        EmbeddedServers servers = EmbeddedServers.start(EmbeddedServers.Settings.forTests(dataDir, durable));
        try {
            return new RunningShortlink(servers, ShortlinkLauncher.application(servers).sources(TestCallers.class)
                    .sources(extraSources).run("--server.port=0"));
        } catch (RuntimeException failed) {
            servers.close();
            throw failed;
        }
    }

    /** One system for all test classes of this JVM that need nothing special, stopped when the JVM ends. */
    static synchronized RunningShortlink shared() throws Exception {
        if (shared == null) {
            shared = start(Files.createTempDirectory("shortlink-it"), false);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any request; {@code body} {@code null} for none, {@code headers} as name, value, name, value … */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON request on behalf of {@code caller} (see {@link TestCallers}), {@code null} for anonymous. */
    HttpResponse<String> as(String caller, String method, String path, String json) throws IOException, InterruptedException {
        String[] headers = caller == null
                ? new String[]{"Content-Type", "application/json"}
                : new String[]{"Content-Type", "application/json", TestCallers.HEADER, caller};
        return send(method, path, json, headers);
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> head(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} until the answer satisfies {@code until}; the last answer, whatever it is, after {@code patience}. */
    HttpResponse<String> getUntil(String path, Predicate<HttpResponse<String>> until, Duration patience, String... headers)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        HttpResponse<String> response = get(path, headers);
        while (!until.test(response) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
            response = get(path, headers);
        }
        return response;
    }

    @Override
    public void close() {
        ShortlinkLauncher.stop(application, servers);
    }
}
