package io.shortlink.infra.importing;

import io.shortlink.infra.cli.ApiClient;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The import command line ({@code java -jar shortlink.jar import --file links.csv}): uploads a CSV export to
 * {@code POST /api/v1/imports}, follows the job with a progress bar and prints the summary and the errors. Exit code
 * 0 when the import is done (rows refused with an error included: they are listed), 1 when the job failed, 2 when the
 * API refused the file, 3 when the service could not be reached.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Imports links from a CSV export (YOURLS, Shlink, Bitly or Shortlink), keeping their codes and creation times.")
public final class ImportCli implements Callable<Integer> {

    static final int FAILED = 1;
    static final int REFUSED = ApiClient.REFUSED;
    static final int UNREACHABLE = 3;
    private static final JsonMapper json = JsonMapper.builder().build();

    @Option(names = "--file", required = true, description = "The CSV file; its first row names the columns.")
    Path file;

    @Option(names = "--url", defaultValue = "${env:SHORTLINK_URL:-http://localhost:8080}",
            description = "Base URL of the service (env SHORTLINK_URL; default ${DEFAULT-VALUE}).")
    String baseUrl;

    @Option(names = "--key", defaultValue = "${env:SHORTLINK_API_KEY}",
            description = "The API key the links will belong to, sent as a Bearer token (env SHORTLINK_API_KEY).")
    String key;

    @Option(names = "--poll", defaultValue = "500", description = "Milliseconds between status polls (default ${DEFAULT-VALUE}).")
    long pollMillis;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return new CommandLine(new ImportCli())
                .setExecutionExceptionHandler((failure, command, parsed) -> {
                    command.getErr().println("import: cannot talk to the service: " + failure);
                    return UNREACHABLE;
                })
                .execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            err().println("import: cannot read " + file);
            return REFUSED;
        }
        ApiClient api = new ApiClient(baseUrl, "/api/v1/imports", key);
        HttpResponse<String> started = api.send(api.request("").POST(HttpRequest.BodyPublishers.ofFile(file))
                .header("Content-Type", "text/csv").timeout(Duration.ofMinutes(10)));
        if (started.statusCode() != 202) {
            return ApiClient.refused(started, err());
        }
        String id = json.readTree(started.body()).get("id").asString();
        out().println("Import " + id + " of " + file + " started");
        return follow(api, id);
    }

    /** Polls the job and draws processed/total, rows per second and the time left, until it ends. */
    private int follow(ApiClient api, String id) throws IOException, InterruptedException {
        JsonNode job;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("import").setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).showSpeed().setUnit(" rows", 1)
                .continuousUpdate().build()) {
            while (true) {
                HttpResponse<String> status;
                try {
                    status = api.send(api.request("/" + id).GET());
                } catch (HttpTimeoutException slow) {
                    continue; // a busy service answers late: the job goes on, so does the following
                }
                if (status.statusCode() != 200) {
                    return ApiClient.refused(status, err());
                }
                job = json.readTree(status.body());
                bar.maxHint(job.get("total").asLong());
                bar.stepTo(job.get("processed").asLong());
                bar.setExtraMessage(job.get("imported").asLong() + " imported, " + job.get("skipped").asLong() + " skipped");
                if (!"RUNNING".equals(job.get("status").asString())) {
                    break;
                }
                Thread.sleep(pollMillis);
            }
        }
        out().println(job.get("status").asString() + ": " + job.get("processed").asLong() + " of " + job.get("total").asLong()
                + " rows, " + job.get("imported").asLong() + " imported, " + job.get("skipped").asLong() + " skipped");
        for (JsonNode error : job.get("errors")) {
            out().println("  line " + error.get("line").asLong() + ": " + error.get("code").asString() + ": " + error.get("message").asString());
        }
        return "DONE".equals(job.get("status").asString()) ? 0 : FAILED;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
