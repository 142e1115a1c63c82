package io.shortlink.query.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shortlink.edge.webhook.WebhookSecrets;
import io.shortlink.edge.webhook.WebhookTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The delivery worker: every poll interval it takes the due deliveries (see {@link WebhookStore#claim}) and sends
 * each on a thread of its own, at most {@code max-in-flight} at once, so that a receiver that is slow or dead (up to
 * the 10 s timeout per attempt) delays nobody else. It runs on every query-side instance; the claims keep them from
 * sending the same delivery at the same time. A failed attempt is retried with exponential back-off (the same
 * delivery id each time) until the retry window since the change has passed: then the delivery is FAILED.
 */
@Component
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final WebhookStore store;
    private final WebhookSecrets secrets;
    private final WebhookTargets targets;
    private final Duration retryWindow;
    private final Duration firstRetry;
    private final Duration maxRetryInterval;
    private final Duration timeout;
    private final Duration pollInterval;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http;
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter failed;
    private ScheduledExecutorService poller;
    private ExecutorService senders;

    WebhookSender(WebhookStore store, WebhookSecrets secrets, WebhookTargets targets, MeterRegistry meters,
                  @Value("${shortlink.webhooks.retry-window:24h}") Duration retryWindow,
                  @Value("${shortlink.webhooks.first-retry:10s}") Duration firstRetry,
                  @Value("${shortlink.webhooks.max-retry-interval:1h}") Duration maxRetryInterval,
                  @Value("${shortlink.webhooks.timeout:10s}") Duration timeout,
                  @Value("${shortlink.webhooks.poll-interval:250ms}") Duration pollInterval,
                  @Value("${shortlink.webhooks.max-in-flight:200}") int maxInFlight) {
        this.store = store;
        this.secrets = secrets;
        this.targets = targets;
        this.retryWindow = retryWindow;
        this.firstRetry = firstRetry;
        this.maxRetryInterval = maxRetryInterval;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        // Redirects are not followed: a receiver could otherwise send the request on to an internal address.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.delivered = attempts(meters, "delivered");
        this.failedAttempts = attempts(meters, "retrying");
        this.failed = attempts(meters, "failed");
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("shortlink.webhooks.attempts").description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome).register(meters);
    }

    @Override
    public void start() {
        senders = Executors.newCachedThreadPool(daemons("webhook-sender-"));
        poller = Executors.newSingleThreadScheduledExecutor(daemons("webhook-poller-"));
        poller.scheduleWithFixedDelay(this::sendDue, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        poller.shutdownNow();
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return poller != null && !poller.isShutdown();
    }

    private static CustomizableThreadFactory daemons(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    void sendDue() {
        try {
            int free = inFlight.availablePermits();
            if (free == 0) {
                return;
            }
            Instant now = clock.instant();
            List<WebhookStore.Claimed> due = store.claim(now, now.plus(timeout.multipliedBy(2)).plusSeconds(5), free);
            for (WebhookStore.Claimed delivery : due) {
                inFlight.acquireUninterruptibly();
                senders.execute(() -> {
                    try {
                        attempt(delivery);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for due webhook deliveries: {}", e.getMessage());
        }
    }

    private void attempt(WebhookStore.Claimed delivery) {
        Instant started = clock.instant();
        if (started.isAfter(delivery.createdAt().plus(retryWindow))) {
            store.giveUp(delivery.id(), "not delivered within " + retryWindow);
            failed.increment();
            return;
        }
        Optional<String> refused = targets.refusal(delivery.url());
        if (refused.isPresent()) {
            retryOrFail(delivery, null, "refused: " + refused.get(), started);
            return;
        }
        try {
            String signature = WebhookSecrets.signature(secrets.of(delivery.webhookId()), started.getEpochSecond(), delivery.body());
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Shortlink-Webhooks/1")
                    .header("Shortlink-Webhook-Id", delivery.id().toString())
                    .header("Shortlink-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                store.delivered(delivery.id(), status, clock.instant());
                delivered.increment();
            } else {
                retryOrFail(delivery, status, "HTTP " + status, clock.instant());
            }
        } catch (HttpTimeoutException timedOut) {
            retryOrFail(delivery, null, "no answer within " + timeout, clock.instant());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // shutting down: the lease runs out and another attempt follows
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            retryOrFail(delivery, null, error, clock.instant());
        }
    }

    private void retryOrFail(WebhookStore.Claimed delivery, Integer status, String error, Instant at) {
        Instant next = at.plus(backOff(delivery.attempts() + 1));
        if (next.isAfter(delivery.createdAt().plus(retryWindow))) {
            failed(delivery, status, error, at);
        } else {
            store.attemptFailed(delivery.id(), status, truncated(error), at, Optional.of(next));
            failedAttempts.increment();
        }
    }

    private void failed(WebhookStore.Claimed delivery, Integer status, String error, Instant at) {
        store.attemptFailed(delivery.id(), status, truncated(error), at, Optional.empty());
        failed.increment();
    }

    /** After the n-th failed attempt: first-retry × 2^(n-1), at most max-retry-interval. */
    Duration backOff(int failedAttempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxRetryInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
    }

    private static String truncated(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
