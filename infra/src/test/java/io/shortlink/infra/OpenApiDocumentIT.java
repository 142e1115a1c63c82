package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the service serves passes Redocly's recommended rules (Redocly CLI, pinned in
 * src/test/openapi-lint, installed from the npm registry with Node.js), and it has every endpoint with a summary
 * and its problem responses.
 */
class OpenApiDocumentIT {

    private static final Path LINT_SOURCES = Path.of("src/test/openapi-lint");
    private static final Path LINT_DIR = Path.of("target/openapi-lint");

    @Test
    void theDocumentPassesRedoclysRecommendedRules() throws Exception {
        String document = RunningShortlink.shared().get("/v3/api-docs").body();
        Files.createDirectories(LINT_DIR);
        for (String file : List.of("package.json", "package-lock.json", "redocly.yaml")) {
            Files.copy(LINT_SOURCES.resolve(file), LINT_DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(LINT_DIR.resolve("openapi.json"), document);
        if (!Files.exists(LINT_DIR.resolve("node_modules/.bin/redocly"))) {
            assertThat(run("npm", "ci", "--no-audit", "--no-fund").exitCode()).as("npm ci of the pinned Redocly CLI").isZero();
        }

        Result lint = run("node_modules/.bin/redocly", "lint", "openapi.json", "--config", "redocly.yaml", "--format", "stylish");

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("Your API description is valid").doesNotContainPattern("You have \\d+ warning");
    }

    @Test
    void everyEndpointHasASummaryAndItsProblems() throws Exception {
        JsonNode paths = JsonMapper.builder().build().readTree(RunningShortlink.shared().get("/v3/api-docs").body()).get("paths");
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
                assertThat(operation.getValue().path("summary").asString()).as(operation.getKey() + " " + path.getKey()).isNotBlank();
                assertThat(operation.getValue().get("responses").propertyNames().stream().anyMatch(status -> status.startsWith("4")))
                        .as(operation.getKey() + " " + path.getKey() + " lists its client errors").isTrue();
            }
        }
        assertThat(operations).contains("GET /{code}", "HEAD /{code}", "POST /api/v1/links", "PATCH /api/v1/links/{code}",
                "DELETE /api/v1/links/{code}", "GET /api/v1/links/{code}/stats", "POST /api/v1/admin/replays");
        assertThat(paths.at("/~1{code}/get/responses/410/content/application~1problem+json/examples/link-gone/value/code").asString())
                .isEqualTo("link-gone");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(LINT_DIR.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command) + " ends").isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
