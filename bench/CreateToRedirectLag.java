import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Create-to-redirectable lag: creates links one after another and, after each 201, polls GET /{code} every
 * millisecond until it redirects. Prints p50, p99 and max of the time from the 201 to the first redirect.
 * Run: java bench/CreateToRedirectLag.java [baseUrl] [count]
 * With SHORTLINK_API_KEY set, the links are created with that key (anonymous creations are limited to 100 an hour).
 */
public class CreateToRedirectLag {

    private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        long[] lagsMicros = new long[count];
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder create = HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"https://example.com/lag/" + i + "\"}"));
            String apiKey = System.getenv("SHORTLINK_API_KEY");
            if (apiKey != null && !apiKey.isBlank()) {
                create.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<String> created = http.send(create.build(), HttpResponse.BodyHandlers.ofString());
            long createdAt = System.nanoTime();
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Creation failed: " + created.statusCode() + " " + created.body());
            }
            Matcher code = CODE.matcher(created.body());
            code.find();
            HttpRequest redirect = HttpRequest.newBuilder(URI.create(base + "/" + code.group(1))).GET().build();
            while (http.send(redirect, HttpResponse.BodyHandlers.discarding()).statusCode() != 302) {
                if (System.nanoTime() - createdAt > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException(code.group(1) + " did not become redirectable within 30 s");
                }
                Thread.sleep(1);
            }
            lagsMicros[i] = (System.nanoTime() - createdAt) / 1000;
        }
        Arrays.sort(lagsMicros);
        System.out.printf("create-to-redirectable lag over %d creations: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", count,
                lagsMicros[count / 2] / 1000.0, lagsMicros[(int) Math.ceil(count * 0.99) - 1] / 1000.0,
                lagsMicros[count - 1] / 1000.0);
    }
}
