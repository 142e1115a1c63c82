package io.shortlink.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A deployment that allows no anonymous links and has its own short domains and blocklist. */
class RestrictedDeploymentIT {

    private static RunningShortlink shortlink;

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.start(Files.createTempDirectory("shortlink-restricted"), false,
                "shortlink.security.anonymous-links=false",
                "shortlink.base-url=https://sho.rt",
                "shortlink.links.own-domains=go.example,links.example",
                "shortlink.links.blocked-hosts=evil.example,malware.test");
    }

    @AfterAll
    static void stop() {
        shortlink.close();
    }

    @Test
    void anonymousCreationIsRefusedAndKeyHoldersMayCreate() throws Exception {
        assertProblem(shortlink.post("/api/v1/links", "{\"url\":\"https://example.com\"}"), 401, "authentication-required");

        String key = shortlink.issueKey("dana", null).get("key").asString();
        assertThat(shortlink.post("/api/v1/links", "{\"url\":\"https://example.com\"}", "X-Api-Key", key).statusCode())
                .isEqualTo(201);
    }

    @Test
    void linksToTheConfiguredShortDomainsAndBlockedHostsAreRefused() throws Exception {
        String key = shortlink.issueKey("erin", null).get("key").asString();
        for (String url : new String[]{"https://sho.rt/abc", "https://GO.example/x", "http://links.example./y"}) {
            JsonNode problem = assertProblem(shortlink.post("/api/v1/links", "{\"url\":\"" + url + "\"}", "X-Api-Key", key),
                    400, "validation-failed");
            assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("must not point at this service's own short domain");
        }
        for (String url : new String[]{"https://evil.example/", "https://cdn.malware.test/payload"}) {
            JsonNode problem = assertProblem(shortlink.post("/api/v1/links", "{\"url\":\"" + url + "\"}", "X-Api-Key", key),
                    400, "validation-failed");
            assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("points at a blocked host");
        }
        // With a short domain that is not loopback, local development targets are fine.
        assertThat(shortlink.post("/api/v1/links", "{\"url\":\"http://localhost:3000/\"}", "X-Api-Key", key).statusCode()).isEqualTo(201);
    }
}
