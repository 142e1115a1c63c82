package io.shortlink.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** API keys: issued by the admin, used on both sides, revoked; every refusal a problem. */
class ApiKeysIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String LINK = "{\"url\":\"https://example.com/keyed\"}";
    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    @Test
    void theAdminIssuesAKeyThatIsShownOnceAndWorksOnBothSides() throws Exception {
        HttpResponse<String> issued = shortlink.post("/api/v1/admin/keys", "{\"owner\":\"alice\",\"rateLimitPerHour\":1000}",
                "Authorization", "Bearer " + RunningShortlink.ADMIN_KEY);

        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode key = json.readTree(issued.body());
        assertThat(key.get("owner").asString()).isEqualTo("alice");
        assertThat(key.get("key").asString()).matches("sk_[A-Za-z0-9_-]{43}");
        assertThat(issued.headers().firstValue("Location")).contains("/api/v1/admin/keys/" + key.get("id").asString());
        assertThat(Instant.parse(key.get("createdAt").asString())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        String secret = key.get("key").asString();

        assertThat(shortlink.post("/api/v1/links", LINK, "Authorization", "Bearer " + secret).statusCode()).isEqualTo(201);
        assertThat(shortlink.post("/api/v1/links", LINK, "X-Api-Key", secret).statusCode()).isEqualTo(201);
        // The read side learns of the key from Kafka: an unknown key would be 401 before any route is looked up.
        HttpResponse<String> read = getUntil("/api/v1/links/NoSuchLink", secret, r -> r.statusCode() != 401);
        assertThat(read.statusCode()).isNotEqualTo(401);
        assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void aRevokedKeyIsRefusedOnBothSides() throws Exception {
        JsonNode key = shortlink.issueKey("bob", null);
        String secret = key.get("key").asString();
        assertThat(shortlink.post("/api/v1/links", LINK, "X-Api-Key", secret).statusCode()).isEqualTo(201);
        assertThat(getUntil("/api/v1/links/NoSuchLink", secret, r -> r.statusCode() != 401).statusCode()).isNotEqualTo(401);

        HttpResponse<String> revoked = shortlink.send("DELETE", "/api/v1/admin/keys/" + key.get("id").asString(), null,
                "Authorization", "Bearer " + RunningShortlink.ADMIN_KEY);
        assertThat(revoked.statusCode()).isEqualTo(204);

        assertProblem(shortlink.post("/api/v1/links", LINK, "X-Api-Key", secret), 401, "invalid-api-key");
        assertProblem(getUntil("/api/v1/links/NoSuchLink", secret, r -> r.statusCode() == 401), 401, "invalid-api-key");
        HttpResponse<String> again = shortlink.send("DELETE", "/api/v1/admin/keys/" + key.get("id").asString(), null,
                "Authorization", "Bearer " + RunningShortlink.ADMIN_KEY);
        assertThat(again.statusCode()).isEqualTo(204);
    }

    @Test
    void adminCallsWithAnOrdinaryKeyAreForbiddenAndWithoutAKeyUnauthorized() throws Exception {
        String secret = shortlink.issueKey("carol", null).get("key").asString();

        assertProblem(shortlink.post("/api/v1/admin/keys", "{\"owner\":\"mallory\"}", "X-Api-Key", secret), 403, "forbidden");
        assertProblem(shortlink.send("DELETE", "/api/v1/admin/keys/key.00000000000000000000000000000000", null, "X-Api-Key", secret),
                403, "forbidden");
        HttpResponse<String> anonymous = shortlink.post("/api/v1/admin/keys", "{\"owner\":\"mallory\"}");
        assertProblem(anonymous, 401, "authentication-required");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void badKeysAreUnauthorizedEvenWhereAnonymousCallersAreWelcome() throws Exception {
        assertProblem(shortlink.post("/api/v1/links", LINK, "X-Api-Key", "sk_not-a-key"), 401, "invalid-api-key");
        assertProblem(shortlink.post("/api/v1/links", LINK, "Authorization", "Bearer sk_not-a-key"), 401, "invalid-api-key");
        assertProblem(shortlink.post("/api/v1/links", LINK, "Authorization", "Basic YWRtaW46YWRtaW4="), 401, "invalid-api-key");
        assertProblem(shortlink.post("/api/v1/links", LINK, "Authorization", "Bearer "), 401, "invalid-api-key");
        assertProblem(shortlink.get("/api/v1/links/NoSuchLink", "X-Api-Key", "sk_not-a-key"), 401, "invalid-api-key");
        assertProblem(shortlink.post("/api/v1/links", LINK, "Authorization", "Bearer " + RunningShortlink.ADMIN_KEY,
                "X-Api-Key", "sk_another-key"), 401, "invalid-api-key");
    }

    @Test
    void theRedirectPathAndTheHealthCheckNeverAuthenticate() throws Exception {
        HttpResponse<String> created = shortlink.post("/api/v1/links", "{\"url\":\"https://example.com/open\"}");
        String code = json.readTree(created.body()).get("code").asString();
        HttpResponse<String> redirect = shortlink.getUntil("/" + code, r -> r.statusCode() != 404, Duration.ofSeconds(5));
        assertThat(redirect.statusCode()).isEqualTo(302);

        assertThat(shortlink.get("/" + code, "X-Api-Key", "sk_not-a-key").statusCode()).isEqualTo(302);
        assertThat(shortlink.get("/NoSuchCode", "Authorization", "Bearer sk_not-a-key").statusCode()).isEqualTo(404);
        assertThat(shortlink.get("/actuator/health", "X-Api-Key", "sk_not-a-key").statusCode()).isEqualTo(200);
    }

    @Test
    void revokingAnUnknownKeyIsNotFoundAndAnInvalidOwnerIsAValidationProblem() throws Exception {
        String admin = "Bearer " + RunningShortlink.ADMIN_KEY;
        assertProblem(shortlink.send("DELETE", "/api/v1/admin/keys/key.00000000000000000000000000000000", null,
                "Authorization", admin), 404, "api-key-not-found");
        assertProblem(shortlink.send("DELETE", "/api/v1/admin/keys/launch_2026", null, "Authorization", admin),
                404, "api-key-not-found");
        JsonNode invalid = assertProblem(shortlink.post("/api/v1/admin/keys", "{\"owner\":\"admin\",\"rateLimitPerHour\":0}",
                "Authorization", admin), 400, "validation-failed");
        assertThat(invalid.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("owner", "rateLimitPerHour");
    }

    private static HttpResponse<String> getUntil(String path, String key,
                                                 java.util.function.Predicate<HttpResponse<String>> until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        HttpResponse<String> response = shortlink.get(path, "X-Api-Key", key, "Accept", "application/json");
        while (!until.test(response) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            response = shortlink.get(path, "X-Api-Key", key, "Accept", "application/json");
        }
        return response;
    }
}
