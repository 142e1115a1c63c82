package io.shortlink.infra;

import io.shortlink.infra.importing.ImportCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.shortlink.infra.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/imports} and the import CLI against the real servers (issue 14, item 2). */
class ImportIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RunningShortlink shortlink;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        shortlink = RunningShortlink.shared();
    }

    @Test
    void aYourlsExportKeepsItsCodesAndTimesAndASecondImportAddsNothing() throws Exception {
        String owner = "yourls-" + unique();
        String a = "y" + unique();
        String b = "z" + unique();
        String yourls = """
                keyword,url,title,timestamp,ip,clicks
                %s,https://example.com/yourls/a,First,2015-03-04 05:06:07,127.0.0.1,12
                %s,"https://example.com/yourls/b?x=1,2",,2016-01-02 03:04:05,::1,0
                """.formatted(a, b);

        JsonNode first = importAndWait(owner, yourls);

        assertThat(first.get("status").asString()).isEqualTo("DONE");
        assertThat(first.get("total").asLong()).isEqualTo(2);
        assertThat(first.get("processed").asLong()).isEqualTo(2);
        assertThat(first.get("imported").asLong()).isEqualTo(2);
        assertThat(first.get("skipped").asLong()).isZero();
        assertThat(first.get("errors")).isEmpty();
        assertThat(shortlink.getUntil("/" + a, r -> r.statusCode() == 302, Duration.ofSeconds(10)).headers().firstValue("Location"))
                .contains("https://example.com/yourls/a");
        assertThat(shortlink.getUntil("/" + b, r -> r.statusCode() == 302, Duration.ofSeconds(10)).headers().firstValue("Location"))
                .contains("https://example.com/yourls/b?x=1,2");
        // every view shows the original time: metadata, the owner's list (oldest last), the export and the history
        JsonNode metadata = JSON.readTree(shortlink.getUntil("/api/v1/links/" + a, r -> r.statusCode() == 200, Duration.ofSeconds(10)).body());
        assertThat(metadata.get("createdAt").asString()).isEqualTo("2015-03-04T05:06:07Z");
        assertThat(metadata.get("title").asString()).isEqualTo("First");
        JsonNode list = JSON.readTree(shortlink.getUntil("/api/v1/links", r -> r.body().contains(a) && r.body().contains(b),
                Duration.ofSeconds(10), "Authorization", shortlink.bearer(owner)).body());
        assertThat(list.toString()).contains("2016-01-02T03:04:05Z");
        String export = shortlink.get("/api/v1/links/export", "Authorization", shortlink.bearer(owner)).body();
        assertThat(export.indexOf(b)).isLessThan(export.indexOf(a));
        assertThat(export).contains("2015-03-04T05:06:07Z");
        JsonNode history = JSON.readTree(shortlink.as(owner, "GET", "/api/v1/links/" + a + "/history", null).body());
        assertThat(history.toString()).contains("\"at\":\"2015-03-04T05:06:07Z\"");

        JsonNode again = importAndWait(owner, yourls);

        assertThat(again.get("status").asString()).isEqualTo("DONE");
        assertThat(again.get("imported").asLong()).isZero();
        assertThat(again.get("skipped").asLong()).isEqualTo(2);
        assertThat(again.get("errors")).isEmpty();
    }

    @Test
    void aShlinkExportWithTagsAndRowsWithoutCodeImportsOnce() throws Exception {
        String owner = "shlink-" + unique();
        String code = "s" + unique();
        String shlink = """
                createdAt,shortUrl,longUrl,title,tags,visits
                2020-10-11T12:13:14+02:00,https://s.test/%s,https://example.com/shlink/a,Shlink A,news|Tech,3
                2020-10-12T00:00:00+00:00,,https://example.com/shlink/no-code-%s,,,0
                """.formatted(code, code);

        JsonNode first = importAndWait(owner, shlink);

        assertThat(first.get("imported").asLong()).as(first.toString()).isEqualTo(2);
        JsonNode metadata = JSON.readTree(shortlink.getUntil("/api/v1/links/" + code, r -> r.statusCode() == 200, Duration.ofSeconds(10)).body());
        assertThat(metadata.get("createdAt").asString()).isEqualTo("2020-10-11T10:13:14Z");
        assertThat(metadata.get("tags").toString()).isEqualTo("[\"news\",\"tech\"]");
        // the row without a code got a generated one, and the second import finds it rather than making another
        JsonNode again = importAndWait(owner, shlink);
        assertThat(again.get("imported").asLong()).isZero();
        assertThat(again.get("skipped").asLong()).isEqualTo(2);
        JsonNode list = JSON.readTree(shortlink.getUntil("/api/v1/links?size=100", r -> r.body().contains("no-code-" + code),
                Duration.ofSeconds(10), "Authorization", shortlink.bearer(owner)).body());
        assertThat(list.toString().split("no-code-" + code, -1)).hasSize(2);
    }

    @Test
    void rowsOfOneChunkThatShareACodeOrTheirContentMakeOneLink() throws Exception {
        String owner = "duplicates-" + unique();
        String twice = "d" + unique();
        String csv = """
                url,code,created_at
                https://example.com/dup/same,%s,2021-01-01 00:00:00
                https://example.com/dup/same,%s,2021-01-01 00:00:00
                https://example.com/dup/other,%s,2021-01-01 00:00:00
                https://example.com/dup/no-code-%s,,2021-02-02 00:00:00
                https://example.com/dup/no-code-%s,,2021-02-02 00:00:00
                """.formatted(twice, twice, twice, twice, twice);

        JsonNode done = importAndWait(owner, csv);

        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("imported").asLong()).as(done.toString()).isEqualTo(2);
        assertThat(done.get("skipped").asLong()).isEqualTo(3);
        assertThat(done.get("errors")).hasSize(1);
        assertError(done.get("errors").get(0), 4, "alias-taken", twice);
        assertThat(shortlink.getUntil("/" + twice, r -> r.statusCode() == 302, Duration.ofSeconds(10)).headers().firstValue("Location"))
                .contains("https://example.com/dup/same");
        JsonNode list = JSON.readTree(shortlink.getUntil("/api/v1/links?size=100", r -> r.body().contains("no-code-" + twice) && r.body().contains("/dup/same"),
                Duration.ofSeconds(10), "Authorization", shortlink.bearer(owner)).body());
        assertThat(list.get("items")).hasSize(2);
    }

    @Test
    void badRowsAreReportedWithTheirLinesAndTheOthersImported() throws Exception {
        String taken = shortlink.createRedirectingLink("https://example.com/someone-elses");
        String good = "g" + unique();
        String csv = """
                url,code,created_at
                https://example.com/good,%s,2021-01-01 00:00:00
                javascript:alert(1),bad1%s,
                https://example.com/taken,%s,
                https://example.com/time,t%s,yesterday
                https://example.com/reserved,api,
                """.formatted(good, good, taken, good);

        JsonNode done = importAndWait("bad-rows-" + unique(), csv);

        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("imported").asLong()).isEqualTo(1);
        assertThat(done.get("skipped").asLong()).isEqualTo(4);
        JsonNode errors = done.get("errors");
        assertThat(errors).hasSize(4);
        assertError(errors.get(0), 3, "validation-failed", "url: must be an absolute http or https URL");
        assertError(errors.get(1), 4, "alias-taken", taken);
        assertError(errors.get(2), 5, "validation-failed", "createdAt: must be ISO-8601");
        assertError(errors.get(3), 6, "validation-failed", "code: is a reserved word");
        assertThat(shortlink.getUntil("/" + taken, r -> r.statusCode() == 302, Duration.ofSeconds(5)).headers().firstValue("Location"))
                .contains("https://example.com/someone-elses");
    }

    @Test
    void aFileThatIsNoImportIsRefusedAndJobsAreTheirOwners() throws Exception {
        String owner = "refused-" + unique();
        assertProblem(upload(owner, "keyword,title\nabc,x\n"), 400, "validation-failed");
        assertProblem(shortlink.send("POST", "/api/v1/imports", "url\nhttps://example.com/\n", "Content-Type", "text/csv"),
                401, "authentication-required");
        assertProblem(shortlink.as(owner, "GET", "/api/v1/imports/" + UUID.randomUUID(), null), 404, "import-not-found");
        assertProblem(shortlink.as(owner, "GET", "/api/v1/imports/not-an-id", null), 404, "import-not-found");

        HttpResponse<String> started = upload(owner, "url\nhttps://example.com/theirs\n");
        String id = JSON.readTree(started.body()).get("id").asString();
        assertProblem(shortlink.as("someone-else-" + unique(), "GET", "/api/v1/imports/" + id, null), 404, "import-not-found");
        assertThat(shortlink.as("admin", "GET", "/api/v1/imports/" + id, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theCommandLineUploadsFollowsAndPrintsTheSummary(@TempDir Path dir) throws Exception {
        String owner = "cli-" + unique();
        String code = "c" + unique();
        Path file = Files.writeString(dir.resolve("links.csv"), "code,url\n" + code + ",https://example.com/cli\nx y,https://example.com/bad\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String key = shortlink.bearer(owner).substring("Bearer ".length());

        int exit = new CommandLine(new ImportCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--file", file.toString(), "--url", shortlink.baseUrl, "--key", key, "--poll", "100");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("DONE: 2 of 2 rows, 1 imported, 1 skipped")
                .contains("line 3: validation-failed: code: must be 1 to 64 characters");
        assertThat(shortlink.getUntil("/" + code, r -> r.statusCode() == 302, Duration.ofSeconds(10)).statusCode()).isEqualTo(302);

        int refused = new CommandLine(new ImportCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--file", file.toString(), "--url", shortlink.baseUrl, "--key", "not-a-key");
        assertThat(refused).isEqualTo(2);
        assertThat(err.toString()).contains("HTTP 401");
    }

    private static void assertError(JsonNode error, long line, String code, String message) {
        assertThat(error.get("line").asLong()).as(error.toString()).isEqualTo(line);
        assertThat(error.get("code").asString()).as(error.toString()).isEqualTo(code);
        assertThat(error.get("message").asString()).as(error.toString()).contains(message);
    }

    private JsonNode importAndWait(String owner, String csv) throws Exception {
        HttpResponse<String> started = upload(owner, csv);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode job = JSON.readTree(started.body());
        assertThat(job.get("status").asString()).isEqualTo("RUNNING");
        assertThat(started.headers().firstValue("Location")).contains("/api/v1/imports/" + job.get("id").asString());
        HttpResponse<String> status = shortlink.getUntil("/api/v1/imports/" + job.get("id").asString(),
                r -> r.statusCode() != 200 || !r.body().contains("\"RUNNING\""), Duration.ofSeconds(60),
                "Authorization", shortlink.bearer(owner));
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        return JSON.readTree(status.body());
    }

    private HttpResponse<String> upload(String owner, String csv) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(shortlink.baseUrl + "/api/v1/imports"))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).header("Content-Type", "text/csv")
                .header("Authorization", shortlink.bearer(owner)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
