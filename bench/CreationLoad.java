import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creations with the key in SHORTLINK_API_KEY from a number of connections for a number of seconds. Unlike
 * bench/Preload.java it goes on after a failed creation and counts it: for measuring what a creation costs on a
 * machine too busy for the benchmark's zero-failure rule. Prints "created N failed M: R creations/s".
 * Run: java bench/CreationLoad.java baseUrl seconds connections
 */
public class CreationLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long stopAt = System.nanoTime() + (long) (Double.parseDouble(args[1]) * 1e9);
        int connections = Integer.parseInt(args[2]);
        String key = System.getenv("SHORTLINK_API_KEY");
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(connections)).build();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            clients.submit(() -> {
                while (System.nanoTime() < stopAt) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"url\":\"https://example.com/cost/" + sequence.incrementAndGet() + "\"}"))
                            .build();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 201 ? created : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        clients.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("created %d failed %d: %.0f creations/s%n", created.get(), failed.get(), created.get() / seconds);
        System.exit(0);
    }
}
