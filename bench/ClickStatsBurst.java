import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Click analytics under a burst: creates a link, fires a sustained burst of GET redirects at it from several
 * threads (browser user agents, varied referrers and countries), then polls the link's stats until they count every
 * redirect that was answered. Prints the burst's rate, whether the stats total equals the redirects answered (no click
 * lost), and how long after the last redirect the stats caught up.
 * Run: java bench/ClickStatsBurst.java [baseUrl] [redirects] [threads]
 */
public class ClickStatsBurst {

    private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"totalClicks\":(\\d+)");
    private static final Pattern BOTS = Pattern.compile("\"botClicks\":(\\d+)");
    private static final String[] USER_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:120.0) Gecko/20100101 Firefox/120.0"};
    private static final String[] COUNTRIES = {"DE", "US", "FR", "NL", "JP"};

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int redirects = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        String code = createLink(http, base);
        System.out.printf("link %s; %d GET redirects from %d threads%n", code, redirects, threads);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < redirects; i = next.getAndIncrement()) {
                    HttpRequest redirect = HttpRequest.newBuilder(URI.create(base + "/" + code)).GET()
                            .header("User-Agent", USER_AGENTS[i % USER_AGENTS.length])
                            .header("Referer", "https://site" + (i % 25) + ".example/page")
                            .header("CF-IPCountry", COUNTRIES[i % COUNTRIES.length])
                            .build();
                    try {
                        int status = http.send(redirect, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 302 ? answered : failed.computeIfAbsent("status " + status, s -> new AtomicInteger()))
                                .incrementAndGet();
                    } catch (Exception e) {
                        failed.computeIfAbsent(e.getClass().getSimpleName(), s -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long burstEnded = System.nanoTime();
        pool.shutdown();
        double seconds = (burstEnded - started) / 1e9;
        System.out.printf("burst: %d answered 302 in %.1f s (%.0f redirects/s); not redirected: %s%n",
                answered.get(), seconds, answered.get() / seconds, failed);

        HttpRequest stats = HttpRequest.newBuilder(URI.create(base + "/api/v1/links/" + code + "/stats")).GET().build();
        long counted = 0;
        long deadline = burstEnded + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send(stats, HttpResponse.BodyHandlers.ofString()).body();
            counted = number(TOTAL, body) + number(BOTS, body);
            if (counted >= answered.get()) {
                break;
            }
            Thread.sleep(20);
        }
        System.out.printf("stats count %d clicks for %d redirects answered: %s; caught up %.2f s after the last redirect%n",
                counted, answered.get(), counted == answered.get() ? "equal" : "NOT EQUAL",
                (System.nanoTime() - burstEnded) / 1e9);
    }

    private static String createLink(HttpClient http, String base) throws Exception {
        HttpRequest create = HttpRequest.newBuilder(URI.create(base + "/api/v1/links"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"https://example.com/burst\"}")).build();
        HttpResponse<String> created = http.send(create, HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creation failed: " + created.statusCode() + " " + created.body());
        }
        Matcher code = CODE.matcher(created.body());
        code.find();
        // HEAD is not a click: wait with it until the link redirects.
        HttpRequest head = HttpRequest.newBuilder(URI.create(base + "/" + code.group(1)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        while (http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() != 302) {
            Thread.sleep(5);
        }
        return code.group(1);
    }

    private static long number(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
