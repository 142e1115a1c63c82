package io.shortlink.infra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How the command lines talk to the API: requests to one resource, with the caller's key as a Bearer token, and a
 * refusal printed as its problem's detail.
 */
public final class ApiClient {

    /** The exit code of a command line whose request the API refused. */
    public static final int REFUSED = 2;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String resource;
    private final String key;

    /** @param key {@code null} or blank: requests without a key */
    public ApiClient(String baseUrl, String resourcePath, String key) {
        this.resource = baseUrl + resourcePath;
        this.key = key;
    }

    /** A request to the resource, or to {@code path} below it, given 10 s to answer. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(resource + path)).timeout(Duration.ofSeconds(10));
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Prints the refusal and answers the command line's exit code for it. */
    public static int refused(HttpResponse<String> response, PrintWriter err) {
        err.println("HTTP " + response.statusCode() + ": " + ProblemDetail.of(response));
        return REFUSED;
    }
}
