package io.shortlink.query.live;

import io.shortlink.events.LinkClicked;
import io.shortlink.query.kafka.EventTail;
import io.shortlink.query.kafka.KafkaEventStreams;
import io.shortlink.query.stats.UserAgents;
import io.shortlink.refusal.Refusal;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Streams each click on a link to the browsers and scripts watching it, as server-sent events. Every query-side
 * instance tails the clicks topic itself (no consumer group: each sees every click), and only while someone
 * watches: the first stream starts the tail, the last one to go stops it. A comment line every heartbeat keeps
 * idle streams and the proxies between open and tells a gone client from a quiet link.
 */
@Component
public class LiveClicks {

    private static final Logger log = LoggerFactory.getLogger(LiveClicks.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaEventStreams streams;
    private final String clicksTopic;
    private final UserAgents userAgents;
    private final int streamsPerKey;
    private final Map<String, Set<Watcher>> watchersByCode = new ConcurrentHashMap<>();
    private final Map<String, Integer> streamsByKey = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("live-clicks-heartbeat"));
    private Thread tail;

    private record Watcher(String code, String key, SseEmitter emitter) {
    }

    LiveClicks(KafkaEventStreams streams, UserAgents userAgents, @Value("${shortlink.clicks.topic}") String clicksTopic,
               @Value("${shortlink.live-clicks.streams-per-key}") int streamsPerKey,
               @Value("${shortlink.live-clicks.heartbeat}") Duration heartbeat) {
        this.streams = streams;
        this.userAgents = userAgents;
        this.clicksTopic = clicksTopic;
        this.streamsPerKey = streamsPerKey;
        heartbeats.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new stream of the clicks on {@code code} for the holder of {@code key}, refused over the key's share. */
    public SseEmitter watch(String code, String key) {
        streamsByKey.merge(key, 1, Integer::sum);
        if (streamsByKey.get(key) > streamsPerKey) {
            release(key);
            throw new Refusal(Refusal.Reason.TOO_MANY, "too-many-streams",
                    "At most " + streamsPerKey + " live click streams may be open per API key");
        }
        SseEmitter emitter = new SseEmitter(0L);
        Watcher watcher = new Watcher(code, key, emitter);
        emitter.onCompletion(() -> forget(watcher));
        emitter.onTimeout(() -> forget(watcher));
        emitter.onError(failure -> forget(watcher));
        watchersByCode.computeIfAbsent(code, any -> new CopyOnWriteArraySet<>()).add(watcher);
        startTailing();
        // Sent at once, so that the client has the response's headers before the first click.
        send(watcher, SseEmitter.event().comment("watching " + code));
        return emitter;
    }

    private synchronized void startTailing() {
        if (tail == null || !tail.isAlive()) {
            tail = daemon("live-clicks-tail").newThread(this::follow);
            tail.start();
        }
    }

    private void follow() {
        try (EventTail clicks = streams.tail(clicksTopic)) {
            while (!watchersByCode.isEmpty()) {
                for (EventMessage<?> event : clicks.poll(POLL)) {
                    if (event.getPayload() instanceof LinkClicked click) {
                        Set<Watcher> watchers = watchersByCode.get(click.code());
                        if (watchers != null) {
                            LiveClick live = LiveClick.of(click, userAgents.classify(click.userAgent()));
                            watchers.forEach(watcher -> send(watcher, SseEmitter.event().name("click").data(live)));
                        }
                    }
                }
            }
        } catch (RuntimeException failure) {
            log.warn("Live clicks stopped following the clicks topic; the next stream starts again: {}", failure.toString());
        } finally {
            synchronized (this) {
                tail = null;
                if (!watchersByCode.isEmpty()) {
                    startTailing();
                }
            }
        }
    }

    private void beat() {
        watchersByCode.values().forEach(watchers -> watchers.forEach(watcher -> send(watcher, SseEmitter.event().comment("heartbeat"))));
    }

    private void send(Watcher watcher, SseEmitter.SseEventBuilder event) {
        try {
            watcher.emitter().send(event);
        } catch (IOException | IllegalStateException gone) {
            forget(watcher);
        }
    }

    private void forget(Watcher watcher) {
        Set<Watcher> watchers = watchersByCode.get(watcher.code());
        if (watchers != null && watchers.remove(watcher)) {
            watchersByCode.computeIfPresent(watcher.code(), (code, left) -> left.isEmpty() ? null : left);
            release(watcher.key());
        }
    }

    private void release(String key) {
        streamsByKey.computeIfPresent(key, (any, open) -> open <= 1 ? null : open - 1);
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
        watchersByCode.values().forEach(watchers -> watchers.forEach(watcher -> watcher.emitter().complete()));
        watchersByCode.clear();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
