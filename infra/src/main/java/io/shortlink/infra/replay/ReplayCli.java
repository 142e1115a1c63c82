package io.shortlink.infra.replay;

import io.shortlink.infra.cli.ApiClient;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;

/**
 * The replay command line: starts replays of projections (or verifications) and follows them with a progress bar,
 * through the admin API over HTTP. Exit code 0 when the command (or the followed replay) succeeded, 1 when the replay
 * failed or a verification found differences, 2 when the API refused the request, 3 when it could not be reached.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, subcommands = {
        ReplayCli.Start.class, ReplayCli.Verify.class, ReplayCli.Status.class, ReplayCli.ListReplays.class},
        description = "Rebuilds the read side's projections from the event stream, without downtime.")
public final class ReplayCli {

    static final int FAILED = 1;
    static final int REFUSED = ApiClient.REFUSED;
    static final int UNREACHABLE = 3;
    private static final JsonMapper json = JsonMapper.builder().build();

    @Option(names = "--url", defaultValue = "${env:SHORTLINK_URL:-http://localhost:8080}",
            description = "Base URL of the query side (env SHORTLINK_URL; default ${DEFAULT-VALUE}).")
    String baseUrl;

    @Option(names = "--admin-key", defaultValue = "${env:SHORTLINK_ADMIN_KEY}",
            description = "An admin's API key, sent as a Bearer token (env SHORTLINK_ADMIN_KEY).")
    String adminKey;

    @Option(names = "--poll", defaultValue = "500", description = "Milliseconds between status polls (default ${DEFAULT-VALUE}).")
    long pollMillis;

    private ApiClient api;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayCli())
                .setExecutionExceptionHandler((failure, command, parsed) -> {
                    command.getErr().println("replay: cannot talk to the query side: " + failure);
                    return UNREACHABLE;
                })
                .execute(args));
    }

    @Command(name = "start", description = "Starts a replay of a projection (redirect-view, link-catalog, ... or all).")
    static final class Start implements Callable<Integer> {

        @ParentCommand
        ReplayCli cli;

        @Parameters(paramLabel = "<projection>", description = "The projection to rebuild, or 'all'.")
        String projection;

        @Option(names = "--follow", description = "Shows the progress until the replay ends; exit code 1 when it fails.")
        boolean follow;

        @Option(names = "--accept-differences",
                description = "Switches to the rebuilt view even where it differs from the live one (a repair).")
        boolean acceptDifferences;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> started = cli.start(json.createObjectNode().put("projection", projection)
                    .put("acceptDifferences", acceptDifferences));
            if (started.statusCode() != 202) {
                return cli.refused(started);
            }
            String id = json.readTree(started.body()).get("id").asString();
            cli.out().println("Replay " + id + " of " + projection + " started");
            return follow ? cli.follow(id) : 0;
        }
    }

    @Command(name = "verify", description = "Rebuilds a projection next to the live one, lists where they differ and "
            + "discards the rebuilt one; exit code 1 when they differ or the replay fails.")
    static final class Verify implements Callable<Integer> {

        @ParentCommand
        ReplayCli cli;

        @Parameters(paramLabel = "<projection>", description = "The projection to verify, or 'all'.")
        String projection;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> started = cli.start(json.createObjectNode().put("projection", projection).put("verifyOnly", true));
            if (started.statusCode() != 202) {
                return cli.refused(started);
            }
            String id = json.readTree(started.body()).get("id").asString();
            cli.out().println("Verification " + id + " of " + projection + " started");
            int followed = cli.follow(id);
            if (followed != 0) {
                return followed;
            }
            JsonNode differences = json.readTree(cli.api().send(cli.api().request("/" + id).GET()).body()).get("differences");
            differences.forEach(difference -> cli.out().println("  " + difference.asString()));
            cli.out().println(differences.isEmpty() ? "The rebuilt view equals the live one"
                    : differences.size() + " differences (at most 20 per projection are listed)");
            return differences.isEmpty() ? 0 : FAILED;
        }
    }

    @Command(name = "status", description = "Shows a replay; --follow shows its progress until it ends.")
    static final class Status implements Callable<Integer> {

        @ParentCommand
        ReplayCli cli;

        @Parameters(paramLabel = "<id>")
        String id;

        @Option(names = "--follow", description = "Shows the progress until the replay ends; exit code 1 when it fails.")
        boolean follow;

        @Override
        public Integer call() throws Exception {
            if (follow) {
                return cli.follow(id);
            }
            HttpResponse<String> status = cli.api().send(cli.api().request("/" + id).GET());
            if (status.statusCode() != 200) {
                return cli.refused(status);
            }
            JsonNode replay = json.readTree(status.body());
            cli.out().println(describe(replay));
            return "FAILED".equals(replay.get("status").asString()) ? FAILED : 0;
        }
    }

    @Command(name = "list", description = "Lists the replays the query side knows of.")
    static final class ListReplays implements Callable<Integer> {

        @ParentCommand
        ReplayCli cli;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> list = cli.api().send(cli.api().request("").GET());
            if (list.statusCode() != 200) {
                return cli.refused(list);
            }
            for (JsonNode replay : json.readTree(list.body())) {
                cli.out().println(describe(replay));
            }
            return 0;
        }
    }

    /** Polls the replay and draws processed/total, events per second and the time left, until it ends. */
    int follow(String id) throws IOException, InterruptedException {
        JsonNode replay;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("replay").setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).showSpeed().setUnit(" events", 1)
                .continuousUpdate().build()) {
            while (true) {
                HttpResponse<String> status = api().send(api().request("/" + id).GET());
                if (status.statusCode() != 200) {
                    return refused(status);
                }
                replay = json.readTree(status.body());
                bar.setExtraMessage(replay.get("eventsPerSecond").asLong() + " events/s");
                bar.maxHint(replay.get("total").asLong());
                bar.stepTo(replay.get("processed").asLong());
                if (!"RUNNING".equals(replay.get("status").asString())) {
                    break;
                }
                Thread.sleep(pollMillis);
            }
        }
        out().println(describe(replay));
        return "DONE".equals(replay.get("status").asString()) ? 0 : FAILED;
    }

    private static String describe(JsonNode replay) {
        StringBuilder line = new StringBuilder(replay.get("id").asString()).append(' ')
                .append(replay.get("projection").asString())
                .append(replay.path("verifyOnly").asBoolean() ? " (verification) " : " ").append(replay.get("status").asString())
                .append(' ').append(replay.get("processed").asLong()).append('/').append(replay.get("total").asLong())
                .append(" events, ").append(replay.get("eventsPerSecond").asLong()).append(" events/s, started ")
                .append(replay.get("startedAt").asString());
        JsonNode error = replay.get("error");
        if (error != null && !error.isNull()) {
            line.append(", error: ").append(error.asString());
        }
        return line.toString();
    }

    private HttpResponse<String> start(JsonNode replay) throws IOException, InterruptedException {
        return api().send(api().request("").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(replay)))
                .header("Content-Type", "application/json"));
    }

    /** The admin API's replays, with the options' URL and key (set once picocli has parsed them). */
    private ApiClient api() {
        if (api == null) {
            api = new ApiClient(baseUrl, "/api/v1/admin/replays", adminKey);
        }
        return api;
    }

    private int refused(HttpResponse<String> response) {
        return ApiClient.refused(response, err());
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
}
