import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates links through the API with a number of concurrent clients, writes their codes to a file (one a line) and
 * prints the creation throughput and latency.
 * Run: java bench/Preload.java baseUrl count concurrency codesFile [seconds]
 * With seconds, creations stop after that long (or after count, whichever comes first): a burst of a fixed duration.
 * With SHORTLINK_API_KEY set, the links are created with that key (anonymous creations are limited to 100 an hour).
 */
public class Preload {

    private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int count = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        Path codesFile = Path.of(args[3]);
        long stopAt = args.length > 4 ? System.nanoTime() + (long) (Double.parseDouble(args[4]) * 1e9) : Long.MAX_VALUE;
        String apiKey = System.getenv("SHORTLINK_API_KEY");
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(concurrency)).build();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        long[] latenciesMicros = new long[count];
        String[] codes = new String[count];
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            workers.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long sent = System.nanoTime();
                    if (sent >= stopAt) {
                        return null;
                    }
                    HttpResponse<String> created = create(http, base, apiKey, i);
                    latenciesMicros[i] = (System.nanoTime() - sent) / 1000;
                    Matcher code = CODE.matcher(created.body());
                    if (created.statusCode() != 201 || !code.find()) {
                        throw new IllegalStateException("creation " + i + ": " + created.statusCode() + " " + created.body());
                    }
                    codes[i] = code.group(1);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (ExecutionException failed) {
                // The other clients' threads would keep the JVM, and the benchmark waiting for it, alive.
                System.err.println("Preload failed: " + failed.getCause().getMessage());
                System.exit(1);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        // Without a duration every index up to count was created; with one, those below a stopped client's index may
        // not be: keep the ones that were.
        List<String> created = Arrays.stream(codes).filter(java.util.Objects::nonNull).toList();
        long[] latencies = Arrays.stream(latenciesMicros).filter(micros -> micros > 0).sorted().toArray();
        int n = created.size();
        Files.write(codesFile, created);
        System.out.printf("created %d links in %.1f s with %d clients: %.0f creations/s, p50 %.1f ms, p99 %.1f ms, 0 failures%n",
                n, seconds, concurrency, n / seconds, latencies[n / 2] / 1000.0,
                latencies[(int) Math.ceil(n * 0.99) - 1] / 1000.0);
        System.exit(0);
    }

    private static HttpResponse<String> create(HttpClient http, String base, String apiKey, int i)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"https://example.com/bench/" + i + "?ref=preload\"}"));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
