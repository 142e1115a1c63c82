package io.shortlink.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The usual HTTP failures, each as problem+json with its own status and code. */
class ProblemShapesIT {

    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrChunked() throws Exception {
        String huge = "{\"url\":\"https://example.com/" + "a".repeat(70_000) + "\"}";
        assertProblem(shortlink.post("/api/v1/links", huge), 413, "content-too-large");

        HttpRequest chunked = HttpRequest.newBuilder(URI.create(shortlink.baseUrl + "/api/v1/links"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())))
                .build();
        JsonNode problem = assertProblem(shortlink.http.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "content-too-large");
        assertThat(problem.get("detail").asString()).isEqualTo("The request body is larger than 65536 bytes");
    }

    @Test
    void aWrongContentTypeIs415() throws Exception {
        HttpRequest xml = HttpRequest.newBuilder(URI.create(shortlink.baseUrl + "/api/v1/links"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<url>https://example.com</url>")).build();
        assertProblem(shortlink.http.send(xml, HttpResponse.BodyHandlers.ofString()), 415, "unsupported-media-type");
    }

    @Test
    void anUnknownRouteIs404AndAWrongMethod405() throws Exception {
        assertProblem(shortlink.get("/api/v1/no-such-thing"), 404, "not-found");
        assertProblem(shortlink.get("/some/deeper/path"), 404, "not-found");
        HttpResponse<String> wrongMethod = shortlink.send("PUT", "/api/v1/links", "{}");
        assertProblem(wrongMethod, 405, "method-not-allowed");
        assertThat(wrongMethod.headers().firstValue("Allow")).isPresent();
    }

    @Test
    void malformedJsonAndWrongTypesAre400() throws Exception {
        assertProblem(shortlink.post("/api/v1/links", "{\"url\":"), 400, "malformed-body");
        assertProblem(shortlink.post("/api/v1/links", ""), 400, "malformed-body");
        assertProblem(shortlink.post("/api/v1/links", "[" .repeat(5_000) + "]".repeat(5_000)), 400, "malformed-body");
        JsonNode wrongType = assertProblem(shortlink.post("/api/v1/links",
                "{\"url\":\"https://example.com\",\"redirectType\":\"permanent\"}"), 400, "validation-failed");
        assertThat(wrongType.get("errors").get(0).get("field").asString()).isEqualTo("redirectType");
        assertProblem(shortlink.post("/api/v1/links", "{\"url\":\"https://example.com\",\"expiresAt\":\"tomorrow\"}"),
                400, "validation-failed");
    }

    @Test
    void unknownJsonFieldsAreIgnored() throws Exception {
        HttpResponse<String> created = shortlink.post("/api/v1/links",
                "{\"url\":\"https://example.com/tolerant\",\"comment\":\"from a newer client\",\"tags\":[1,2]}");
        assertThat(created.statusCode()).isEqualTo(201);
    }

    @Test
    void theOpenApiDocumentDescribesTheApiAndTheHealthEndpointStaysOpen() throws Exception {
        HttpResponse<String> document = shortlink.get("/v3/api-docs", "X-Api-Key", "ignored-here");
        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode paths = tools.jackson.databind.json.JsonMapper.builder().build().readTree(document.body()).get("paths");
        assertThat(Stream.of("/api/v1/links", "/api/v1/admin/keys", "/api/v1/admin/keys/{id}"))
                .allSatisfy(path -> assertThat(paths.has(path)).as(path).isTrue());
        assertThat(paths.get("/api/v1/links").get("post").get("responses").has("201")).isTrue();
        assertThat(paths.get("/api/v1/links").get("post").toString()).doesNotContain("\"caller\"");
        assertThat(shortlink.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        assertThat(shortlink.get("/actuator/health", "Authorization", "Bearer nonsense").statusCode()).isEqualTo(200);
    }
}
