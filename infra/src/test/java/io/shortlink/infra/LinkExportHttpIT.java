package io.shortlink.infra;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/links/export}: the caller's links that are not deleted, as CSV. */
class LinkExportHttpIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void exportsTheCallersLinksThatAreNotDeleted() throws Exception {
        RunningShortlink shortlink = RunningShortlink.shared();
        String bearer = shortlink.bearer("exporter");
        JsonNode created = JSON.readTree(shortlink.post("/api/v1/links/bulk", "{\"links\":[{\"url\":\"https://example.com/e/1\"},"
                + "{\"url\":\"https://example.com/e/2\",\"redirectType\":301},{\"url\":\"https://example.com/e/3\"}]}",
                "Authorization", bearer).body()).get("results");
        String kept = created.get(1).get("link").get("code").asString();
        String keptShortUrl = created.get(1).get("link").get("shortUrl").asString();
        String deleted = created.get(2).get("link").get("code").asString();
        assertThat(shortlink.send("DELETE", "/api/v1/links/" + deleted, null, "Authorization", bearer).statusCode()).isEqualTo(204);
        shortlink.createRedirectingLink("https://example.com/someone-elses");

        HttpResponse<String> export = shortlink.getUntil("/api/v1/links/export",
                r -> r.body().lines().count() == 3 && !r.body().contains(deleted), Duration.ofSeconds(10), "Authorization", bearer);

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> lines = export.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("code,shortUrl,url,title,tags,createdAt,expiresAt,status,redirectType,maxVisits,totalClicks");
        assertThat(lines).hasSize(3).anySatisfy(line -> assertThat(line)
                .startsWith(kept + "," + keptShortUrl + ",https://example.com/e/2,,,")
                .endsWith(",,ACTIVE,301,,0"));
        assertProblem(shortlink.get("/api/v1/links/export"), 401, "authentication-required");
    }
}
