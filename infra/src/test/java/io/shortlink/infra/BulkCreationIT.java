package io.shortlink.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/links/bulk}: per-item results, each item on its own, rate limit and Idempotency-Key. */
class BulkCreationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    @Test
    void eachItemIsCreatedOrRefusedOnItsOwn() throws Exception {
        String alias = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"links":[
                  {"url":"https://example.com/bulk/1","alias":"%1$s","redirectType":301},
                  {"url":"https://example.com/bulk/2","alias":"%1$s"},
                  {"url":"javascript:alert(1)"},
                  {"url":"https://example.com/bulk/4","redirectType":"permanent"},
                  "not an object",
                  {"url":"https://example.com/bulk/6"}
                ]}""".formatted(alias);

        HttpResponse<String> response = shortlink.as("bulk-owner", "POST", "/api/v1/links/bulk", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("created").asInt()).isEqualTo(2);
        assertThat(answer.get("failed").asInt()).isEqualTo(4);
        JsonNode results = answer.get("results");
        assertThat(results).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
        }
        assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(results.get(0).get("link").get("code").asString()).isEqualTo(alias);
        assertThat(results.get(0).get("link").get("redirectType").asInt()).isEqualTo(301);
        assertThat(results.get(0).has("error")).isFalse();
        assertItemProblem(results.get(1), 409, "alias-taken");
        assertItemProblem(results.get(2), 400, "validation-failed");
        assertThat(results.get(2).get("error").get("errors").get(0).get("field").asString()).isEqualTo("url");
        assertItemProblem(results.get(3), 400, "validation-failed");
        assertThat(results.get(3).get("error").get("errors").get(0).get("field").asString()).isEqualTo("redirectType");
        assertItemProblem(results.get(4), 400, "validation-failed");
        String generated = results.get(5).get("link").get("code").asString();
        assertThat(generated).matches("[0-9A-Za-z]{7}");

        // What the results say was created is there, owned by the caller; nothing else is.
        assertThat(shortlink.getUntil("/" + alias, r -> r.statusCode() == 301, Duration.ofSeconds(5)).headers()
                .firstValue("Location")).contains("https://example.com/bulk/1");
        assertThat(shortlink.getUntil("/" + generated, r -> r.statusCode() == 302, Duration.ofSeconds(5)).statusCode()).isEqualTo(302);
        assertThat(shortlink.as("someone-else", "DELETE", "/api/v1/links/" + generated, null).statusCode()).isEqualTo(403);
    }

    @Test
    void everyItemCountsAgainstTheRateLimit() throws Exception {
        String key = shortlink.issueKey("bulk-limited", 3).get("key").asString();
        String body = "{\"links\":[" + IntStream.range(0, 5).mapToObj(i -> "{\"url\":\"https://example.com/limited/" + i + "\"}")
                .collect(Collectors.joining(",")) + "]}";

        JsonNode answer = JSON.readTree(shortlink.post("/api/v1/links/bulk", body, "X-Api-Key", key).body());

        assertThat(answer.get("created").asInt()).isEqualTo(3);
        assertItemProblem(answer.get("results").get(3), 429, "rate-limited");
        assertItemProblem(answer.get("results").get(4), 429, "rate-limited");
        assertProblem(shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/one-more\"}", "X-Api-Key", key), 429, "rate-limited");
    }

    @Test
    void anIdempotencyKeyReplaysTheWholeAnswerAndKeepsWhatSucceededBesideARefusal() throws Exception {
        String alias = "bulk-idem-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"links\":[{\"url\":\"https://example.com/i/1\"},{\"url\":\"https://example.com/i/2\",\"alias\":\"api\"},"
                + "{\"url\":\"https://example.com/i/3\",\"alias\":\"" + alias + "\"}]}";
        String key = UUID.randomUUID().toString();
        String bearer = shortlink.bearer("bulk-idempotent");

        HttpResponse<String> first = shortlink.post("/api/v1/links/bulk", body, "Authorization", bearer, "Idempotency-Key", key);
        HttpResponse<String> second = shortlink.post("/api/v1/links/bulk", body, "Authorization", bearer, "Idempotency-Key", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("created").asInt()).isEqualTo(2);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(second.body()).isEqualTo(first.body());
        String generated = JSON.readTree(first.body()).get("results").get(0).get("link").get("code").asString();
        // The refused item in the middle rolled back only itself: both others were kept.
        assertThat(shortlink.getUntil("/" + generated, r -> r.statusCode() == 302, Duration.ofSeconds(5)).statusCode()).isEqualTo(302);
        assertThat(shortlink.getUntil("/" + alias, r -> r.statusCode() == 302, Duration.ofSeconds(5)).statusCode()).isEqualTo(302);
        assertProblem(shortlink.post("/api/v1/links/bulk", body.replace("i/1", "i/x"), "Authorization", bearer,
                "Idempotency-Key", key), 422, "idempotency-key-reused");
    }

    @Test
    void aRetryAfterAFailureHalfWayCreatesNoItemTwice() throws Exception {
        String body = "{\"links\":[{\"url\":\"https://example.com/r/1\"},{\"url\":\"https://example.com/r/2\"}]}";
        String key = UUID.randomUUID().toString();
        String bearer = shortlink.bearer("bulk-retry");
        HttpResponse<String> first = shortlink.post("/api/v1/links/bulk", body, "Authorization", bearer, "Idempotency-Key", key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        // As if the instance had died after creating the items but before the response was stored with the key.
        shortlink.application.getBean(JdbcTemplate.class).update(
                "delete from idempotency_record where scope = 'owner:bulk-retry' and idempotency_key = ?", key);

        HttpResponse<String> retry = shortlink.post("/api/v1/links/bulk", body, "Authorization", bearer, "Idempotency-Key", key);

        assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(JSON.readTree(retry.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(JSON.readTree(shortlink.getUntil("/api/v1/links?size=100", r -> r.body().contains("r/2"),
                Duration.ofSeconds(5), "Authorization", bearer).body()).get("total").asInt()).isEqualTo(2);
    }

    @Test
    void theRequestItselfMustBeSound() throws Exception {
        assertProblem(shortlink.post("/api/v1/links/bulk", "{\"links\":[{\"url\":\"https://example.com\"}]}"), 401, "authentication-required");
        assertProblem(shortlink.as("bulk-owner", "POST", "/api/v1/links/bulk", "{\"links\":[]}"), 400, "validation-failed");
        String tooMany = "{\"links\":[" + IntStream.range(0, 1001).mapToObj(i -> "{}").collect(Collectors.joining(",")) + "]}";
        assertProblem(shortlink.as("bulk-owner", "POST", "/api/v1/links/bulk", tooMany), 400, "validation-failed");
        // A thousand links with long URLs fit the larger body limit of this endpoint.
        String path = "x".repeat(1_000);
        String thousand = "{\"links\":[" + IntStream.range(0, 1000).mapToObj(i -> "{\"url\":\"https://example.com/" + path + "\",\"redirectType\":\"x\"}")
                .collect(Collectors.joining(",")) + "]}";
        HttpResponse<String> big = shortlink.as("admin", "POST", "/api/v1/links/bulk", thousand);
        assertThat(big.statusCode()).as(big.body()).isEqualTo(200);
        assertThat(JSON.readTree(big.body()).get("failed").asInt()).isEqualTo(1000);
    }

    private static void assertItemProblem(JsonNode result, int status, String code) {
        assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(status);
        assertThat(result.has("link")).isFalse();
        assertThat(result.get("error").get("status").asInt()).isEqualTo(status);
        assertThat(result.get("error").get("code").asString()).isEqualTo(code);
    }
}
