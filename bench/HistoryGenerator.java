import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Writes a large history into a running Shortlink through its HTTP API, for the replay benchmark: creates links with
 * a number of concurrent clients (every 7th with an alias, every 3rd with a 301 or 307, every 50th expiring a few
 * seconds later), changes every 5th (merge patch) and deletes every 10th, then sends clicks as GET /{code} to the
 * live links with a mix of user agents (browsers, bots), referrers, client addresses and countries. Finally it waits
 * until the live projections have caught up: the last change is visible in the catalog, the last expiring link has
 * expired, the recorded-clicks metric equals the redirects answered, and the stats of the last clicked links count
 * every redirect they answered. Prints progress and the totals.
 * Run: java bench/HistoryGenerator.java baseUrl [links] [clicks] [concurrency]
 * SHORTLINK_API_KEY must hold the admin key (admin creations are not rate-limited); the server must take the client
 * address from X-Forwarded-For (SHORTLINK_CLIENT_IP_HEADER=X-Forwarded-For), or every click has the same visitor.
 */
public class HistoryGenerator {

    private static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"totalClicks\":(\\d+)");
    private static final Pattern BOTS = Pattern.compile("\"botClicks\":(\\d+)");
    private static final Pattern RECORDED = Pattern.compile("(?m)^shortlink_clicks_recorded_total(?:\\{[^}]*})? (\\S+)$");
    private static final String[] USER_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:120.0) Gecko/20100101 Firefox/120.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.61",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "curl/8.5.0"};
    private static final String[] REFERRERS = {
            "https://news.ycombinator.com/item?id=1", "https://www.google.com/", "https://t.co/abc",
            "https://www.reddit.com/r/programming/", "https://mail.example.org/inbox", null};
    private static final String[] COUNTRIES = {"DE", "US", "FR", "NL", "JP", "BR", "IN", "GB"};
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(10);

    private final String base;
    private final String apiKey = System.getenv("SHORTLINK_API_KEY");
    private final HttpClient http;
    private final int concurrency;
    private final Map<String, LongAdder> linkEvents = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();

    private HistoryGenerator(String base, int concurrency) {
        this.base = base;
        this.concurrency = concurrency;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(concurrency)).build();
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int links = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int clicks = args.length > 2 ? Integer.parseInt(args[2]) : 900_000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        if (System.getenv("SHORTLINK_API_KEY") == null) {
            throw new IllegalStateException("SHORTLINK_API_KEY must hold the admin key");
        }
        new HistoryGenerator(base, concurrency).run(links, clicks);
        System.exit(0);
    }

    private void run(int links, int clicks) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String[] codes = new String[links];
        long started = System.nanoTime();
        AtomicInteger linksDone = new AtomicInteger();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "progress");
            thread.setDaemon(true);
            return thread;
        });
        var linkProgress = progress.scheduleAtFixedRate(() -> System.out.printf("  links %,d/%,d, %s%n",
                linksDone.get(), links, sumsOf(linkEvents)), 5, 5, TimeUnit.SECONDS);
        inParallel(links, i -> {
            codes[i] = create(i, run);
            if (isChanged(i)) {
                expect(200, "PATCH", "/api/v1/links/" + codes[i], "application/merge-patch+json",
                        "{\"url\":\"https://example.com/history/" + i + "/changed\",\"redirectType\":308}");
                linkEvents.computeIfAbsent("changed", k -> new LongAdder()).increment();
            }
            if (isDeleted(i)) {
                expect(204, "DELETE", "/api/v1/links/" + codes[i], null, null);
                linkEvents.computeIfAbsent("deleted", k -> new LongAdder()).increment();
            }
            linksDone.incrementAndGet();
        });
        linkProgress.cancel(false);
        double linkSeconds = (System.nanoTime() - started) / 1e9;
        long linkRequests = linkEvents.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("links: %,d requests in %.1f s (%.0f/s): %s, of which expiring: %,d%n",
                linkRequests, linkSeconds, linkRequests / linkSeconds, new TreeMap<>(sumsOf(linkEvents)),
                count(links, HistoryGenerator::isExpiring));

        int[] live = IntStream.range(0, links).filter(i -> !isDeleted(i) && !isExpiring(i)).toArray();
        awaitStatus(codes[live[live.length - 1]], "ACTIVE");
        awaitRedirect(codes[live[live.length - 1]]);

        AtomicIntegerArray answered = new AtomicIntegerArray(live.length);
        int[] target = new int[clicks];
        LongAdder clicksAnswered = new LongAdder();
        long clicksStarted = System.nanoTime();
        AtomicInteger clicksDone = new AtomicInteger();
        var clickProgress = progress.scheduleAtFixedRate(() -> {
            double seconds = (System.nanoTime() - clicksStarted) / 1e9;
            System.out.printf("  clicks %,d/%,d (%.0f/s), not redirected: %s%n",
                    clicksDone.get(), clicks, clicksDone.get() / seconds, sumsOf(unexpected));
        }, 5, 5, TimeUnit.SECONDS);
        inParallel(clicks, i -> {
            // A tenth of the clicks go to a hundred hot links, the rest spread over all live links.
            int pick = Math.floorMod(mix(i), i % 10 == 0 ? Math.min(100, live.length) : live.length);
            target[i] = pick;
            if (click(i, codes[live[pick]])) {
                answered.incrementAndGet(pick);
                clicksAnswered.increment();
            }
            clicksDone.incrementAndGet();
        });
        clickProgress.cancel(false);
        double clickSeconds = (System.nanoTime() - clicksStarted) / 1e9;
        System.out.printf("clicks: %,d sent in %.1f s (%.0f/s), %,d redirected, not redirected: %s%n",
                clicks, clickSeconds, clicks / clickSeconds, clicksAnswered.sum(), sumsOf(unexpected));

        long catchUpStarted = System.nanoTime();
        int lastExpiring = lastIndex(links, HistoryGenerator::isExpiring);
        if (lastExpiring >= 0) {
            awaitStatus(codes[lastExpiring], "EXPIRED");
        }
        int lastDeleted = lastIndex(links, HistoryGenerator::isDeleted);
        if (lastDeleted >= 0) {
            awaitStatus(codes[lastDeleted], "DELETED");
        }
        awaitRecordedClicks(clicksAnswered.sum());
        Set<Integer> lastClicked = new LinkedHashSet<>();
        for (int i = clicks - 1; i >= 0 && lastClicked.size() < 20; i--) {
            lastClicked.add(target[i]);
        }
        for (int pick : lastClicked) {
            awaitStatsTotal(codes[live[pick]], answered.get(pick));
        }
        System.out.printf("caught up %.1f s after the last click (catalog, expiries, recorded clicks, stats of the %d last clicked links)%n",
                (System.nanoTime() - catchUpStarted) / 1e9, lastClicked.size());
        long expired = count(links, HistoryGenerator::isExpiring);
        System.out.printf("history: %,d link events (%,d created, %,d changed, %,d deleted, %,d expired) + %,d clicks = %,d events in %.1f s%n",
                linkRequests + expired, linkEvents.get("created").sum(), sumOf("changed"), sumOf("deleted"), expired,
                clicksAnswered.sum(), linkRequests + expired + clicksAnswered.sum(), (System.nanoTime() - started) / 1e9);
    }

    private static boolean isChanged(int i) {
        return i % 5 == 0;
    }

    private static boolean isDeleted(int i) {
        return i % 10 == 1;
    }

    private static boolean isExpiring(int i) {
        return i % 50 == 7;
    }

    private String create(int i, String run) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"url\":\"https://example.com/history/").append(i).append("?ref=bench\"");
        if (i % 7 == 3) {
            body.append(",\"alias\":\"h-").append(run).append('-').append(i).append('"');
        }
        if (i % 3 == 2) {
            body.append(",\"redirectType\":").append(i % 2 == 0 ? 301 : 307);
        }
        if (isExpiring(i)) {
            body.append(",\"expiresAt\":\"").append(Instant.now().plusSeconds(5 + i % 5)).append('"');
        }
        HttpResponse<String> created = send("POST", "/api/v1/links", "application/json", body.append('}').toString());
        Matcher code = CODE.matcher(created.body());
        if (created.statusCode() != 201 || !code.find()) {
            throw new IllegalStateException("creation " + i + ": " + created.statusCode() + " " + created.body());
        }
        linkEvents.computeIfAbsent("created", k -> new LongAdder()).increment();
        return code.group(1);
    }

    private boolean click(int i, String code) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + code)).GET()
                .header("User-Agent", USER_AGENTS[Math.floorMod(mix(i + 1), USER_AGENTS.length)])
                // 60,000 distinct addresses, so visitors repeat now and then within a day
                .header("X-Forwarded-For", "10." + (i % 60_000 / 256 / 256) + "." + (i % 60_000 / 256 % 256) + "." + (i % 256))
                .header("CF-IPCountry", COUNTRIES[Math.floorMod(mix(i + 2), COUNTRIES.length)]);
        String referrer = REFERRERS[Math.floorMod(mix(i + 3), REFERRERS.length)];
        if (referrer != null) {
            request.header("Referer", referrer);
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 300 && status < 400) {
                return true;
            }
            unexpected.computeIfAbsent("status " + status, s -> new LongAdder()).increment();
        } catch (IOException | InterruptedException e) {
            unexpected.computeIfAbsent(e.getClass().getSimpleName(), s -> new LongAdder()).increment();
        }
        return false;
    }

    private void expect(int status, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, contentType, body);
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + apiKey)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String code, String status) throws Exception {
        awaitBody("/api/v1/links/" + code, body -> {
            Matcher matcher = STATUS.matcher(body);
            return matcher.find() && matcher.group(1).equals(status);
        }, "link " + code + " " + status);
    }

    private void awaitRedirect(String code) throws Exception {
        HttpRequest head = HttpRequest.newBuilder(URI.create(base + "/" + code))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(); // HEAD is not a click
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 != 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("link " + code + " does not redirect");
            }
            Thread.sleep(100);
        }
    }

    private void awaitRecordedClicks(long expected) throws Exception {
        awaitBody("/actuator/prometheus", body -> {
            Matcher matcher = RECORDED.matcher(body);
            return matcher.find() && (long) Double.parseDouble(matcher.group(1)) >= expected;
        }, expected + " clicks recorded");
    }

    private void awaitStatsTotal(String code, long expected) throws Exception {
        awaitBody("/api/v1/links/" + code + "/stats", body -> number(TOTAL, body) + number(BOTS, body) == expected,
                "stats of " + code + " counting " + expected + " clicks");
    }

    private void awaitBody(String path, Predicate<String> done, String what) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = send("GET", path, null, null).body();
            if (done.test(body)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no " + what + " after " + CATCH_UP_TIMEOUT + "; last answer: " + body);
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    private void inParallel(int count, Step step) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            workers.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    step.run(i);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        clients.shutdown();
    }

    /** Spreads consecutive numbers over the whole int range (a multiplicative hash), for a varied but repeatable mix. */
    private static int mix(int i) {
        int h = i * 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    private static long count(int links, IntPredicate kind) {
        return IntStream.range(0, links).filter(kind).count();
    }

    private static int lastIndex(int links, IntPredicate kind) {
        for (int i = links - 1; i >= 0; i--) {
            if (kind.test(i)) {
                return i;
            }
        }
        return -1;
    }

    private long sumOf(String kind) {
        LongAdder adder = linkEvents.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    private static Map<String, Long> sumsOf(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new TreeMap<>();
        adders.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }

    private static long number(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
